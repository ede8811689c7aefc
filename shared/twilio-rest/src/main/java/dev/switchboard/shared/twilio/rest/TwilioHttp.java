package dev.switchboard.shared.twilio.rest;

import com.twilio.constant.EnumConstants;
import com.twilio.http.HttpClient;
import com.twilio.http.HttpMethod;
import com.twilio.http.Request;
import com.twilio.http.Response;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * twilio-java's transport, on the JDK's HTTP client. twilio-java builds every URL as
 * https://api.twilio.com/…; given another base (the local stack's --twilio-api, a test's fake),
 * this sends the same path and query there instead. Credentials go to that one host only.
 */
public final class TwilioHttp extends HttpClient {
    private static final java.net.http.HttpClient JDK = java.net.http.HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(java.net.http.HttpClient.Redirect.NEVER)
            .build();
    private final URI base;

    /** @param base e.g. https://api.twilio.com, or a fake's http://127.0.0.1:PORT */
    public TwilioHttp(URI base) {
        this.base = base;
    }

    /**
     * twilio-java asks again on a 5xx whatever the method. A POST may have made its message, call
     * or number at Twilio before the 5xx, and asking again would make a second: only reads are
     * asked again. What a POST's 5xx means is the caller's to decide (MessageSending: it may
     * have gone).
     */
    @Override
    public Response reliableRequest(Request request, int[] retryCodes, int retries, long delayMillis) {
        if (request.getMethod() != HttpMethod.GET) {
            return makeRequest(request);
        }
        return super.reliableRequest(request, retryCodes, retries, delayMillis);
    }

    @Override
    public Response makeRequest(Request request) {
        URL url = request.constructURL();
        HttpRequest.Builder http = HttpRequest.newBuilder(URI.create(base + url.getFile()))
                .timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json")
                .header("User-Agent", "switchboard twilio-java");
        if (request.getUsername() != null) {
            http.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (request.getUsername() + ":" + request.getPassword()).getBytes(StandardCharsets.UTF_8)));
        }
        request.getHeaderParams().forEach((name, values) -> values.forEach(v -> http.header(name, v)));
        String method = request.getMethod().toString();
        if (request.getContentType() == EnumConstants.ContentType.JSON && request.getBody() != null) {
            http.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(request.getBody()));
        } else if (!request.getPostParams().isEmpty()) {
            http.header("Content-Type", "application/x-www-form-urlencoded")
                    .method(method, HttpRequest.BodyPublishers.ofString(request.encodeFormBody()));
        } else {
            http.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> response = JDK.send(http.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.body(), response.statusCode());
        } catch (IOException e) {
            throw new com.twilio.exception.ApiConnectionException("Twilio unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new com.twilio.exception.ApiConnectionException("interrupted", e);
        }
    }
}
