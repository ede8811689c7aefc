package dev.switchboard.local;

import dev.switchboard.local.twilio.TwilioSigner;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One webhook request, hand-made as Twilio makes it, over real HTTP: a form POST signed with
 * {@link TwilioSigner}, which follows Twilio's documentation apart from the validator under test.
 * For tests that need a request Twilio would never send in that order or shape (duplicates,
 * reordering, forgeries); whole calls are played by the Twilio simulator.
 */
final class SignedWebhooks {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    record Response(int status, String body) {
    }

    /** Posts params to the local stack, signed with token for the public URL of path. */
    static Response post(String path, Map<String, String> params, String authToken) {
        return post(HTTP, path, params, authToken);
    }

    /** As {@link #post(String, Map, String)}, over the caller's own client (a burst's connections are its own). */
    static Response post(HttpClient http, String path, Map<String, String> params, String authToken) {
        String signature = TwilioSigner.sign(authToken, TestStack.PUBLIC_URL + path, params);
        return send(http, path, TwilioSigner.form(params), Map.of("X-Twilio-Signature", signature));
    }

    static Response send(String path, String body, Map<String, String> headers) {
        return send(HTTP, path, body, headers);
    }

    private static Response send(HttpClient http, String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(TestStack.get().baseUrl() + path))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .header("User-Agent", "TwilioProxy/1.1")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (Exception e) {
            throw new IllegalStateException("request to the local stack failed", e);
        }
    }

    /** The parameters Twilio sends with every voice request to one of acme's numbers. */
    static Map<String, String> voiceParams(String callSid, String to, String callStatus) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", Demo.ACME_ACCOUNT);
        params.put("ApiVersion", "2010-04-01");
        params.put("CallSid", callSid);
        params.put("CallStatus", callStatus);
        params.put("Called", to);
        params.put("CalledZip", "");
        params.put("Caller", Demo.CALLER);
        params.put("CallerCountry", "US");
        params.put("Direction", "inbound");
        params.put("From", Demo.CALLER);
        params.put("FromZip", "");
        params.put("To", to);
        params.put("ToZip", "");
        return params;
    }
}
