package dev.switchboard.local.twilio;


import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The requests Twilio makes to an application, made as Twilio makes them: a form POST (or a GET
 * with the parameters in the query), signed with the account's auth token over the URL as
 * given, with {@code I-Twilio-Idempotency-Token}, 5 s to connect and 15 s to answer.
 *
 * <p>{@code deliver} maps the URL Twilio was given to where it can be reached from here: behind
 * a proxy or a tunnel those differ, and the signature is always over the URL as given.
 */
final class Webhooks {
    /** What came back: the status (0 when nothing did) and the body, or why it failed. */
    record Answer(int status, String body, String contentType, String failure) {
        boolean ok() {
            return failure == null && status >= 200 && status < 300;
        }

        String describe() {
            return failure != null ? failure : Integer.toString(status);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final UnaryOperator<URI> deliver;
    /** Every how many callbacks one is delivered twice; 0: none. */
    private final AtomicInteger repeatEvery = new AtomicInteger();
    private final AtomicLong callbacks = new AtomicLong();

    Webhooks(UnaryOperator<URI> deliver) {
        this.deliver = deliver;
    }

    Answer send(String url, String method, Map<String, String> params, String authToken) {
        return send(url, method, params, authToken, UUID.randomUUID().toString());
    }

    private Answer send(String url, String method, Map<String, String> params, String authToken,
                        String idempotencyToken) {
        boolean get = "GET".equalsIgnoreCase(method);
        String signedUrl = url;
        String body = TwilioSigner.form(params);
        if (get) {
            signedUrl = url + (url.contains("?") ? "&" : "?") + params.entrySet().stream()
                    .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        }
        String signature = TwilioSigner.sign(authToken, signedUrl, get ? Map.of() : params);
        URI target;
        try {
            target = deliver.apply(URI.create(signedUrl));
        } catch (IllegalArgumentException e) {
            return new Answer(0, "", null, "not a URL: " + url);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(15))
                .header("X-Twilio-Signature", signature)
                .header("I-Twilio-Idempotency-Token", idempotencyToken)
                .header("User-Agent", "TwilioProxy/1.1 (switchboard-local simulator)")
                .header("Accept", "*/*");
        if (get) {
            request.GET();
        } else {
            request.header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(),
                    response.headers().firstValue("Content-Type").orElse(null), null);
        } catch (java.io.IOException e) {
            return new Answer(0, "", null, "no answer (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, "", null, "interrupted");
        }
    }

    /**
     * Sends, and puts the request and its answer on the timeline: a step when it answered well, a
     * failure (with the start of the body) when not.
     */
    Answer report(Timeline timeline, String what, String url, String method, Map<String, String> params,
                  String authToken) {
        return report(timeline, what, url, method, params, authToken, UUID.randomUUID().toString());
    }

    /**
     * A callback whose answer Twilio does not act on (a status, recording or transcription
     * callback), reported as {@link #report} does; delivered again with the same idempotency token,
     * as Twilio retries one, when {@link #repeatEvery} says so. The answer is the last delivery's.
     */
    Answer callback(Timeline timeline, String what, String url, String method, Map<String, String> params,
                    String authToken) {
        String token = UUID.randomUUID().toString();
        Answer answer = report(timeline, what, url, method, params, authToken, token);
        int every = repeatEvery.get();
        if (every > 0 && callbacks.incrementAndGet() % every == 0) {
            answer = report(timeline, what + " (delivered again)", url, method, params, authToken, token);
        }
        return answer;
    }

    /** Every {@code n}th callback from now on is delivered twice; 0: none. */
    void repeatEvery(int n) {
        repeatEvery.set(n);
    }

    private Answer report(Timeline timeline, String what, String url, String method, Map<String, String> params,
                          String authToken, String idempotencyToken) {
        Answer answer = send(url, method, params, authToken, idempotencyToken);
        String line = what + " " + method + " " + shown(url) + " -> " + answer.describe();
        if (answer.ok()) {
            timeline.step(line);
        } else {
            String body = answer.body() == null || answer.body().isBlank() ? ""
                    : " " + answer.body().substring(0, Math.min(200, answer.body().length()));
            timeline.failure(line + (answer.status() == 404 ? " (no such webhook is served)" : body));
        }
        return answer;
    }

    /**
     * The URL as the timeline shows it: a query value longer than a word (a flow's state, which
     * Twilio carries back as it is) elided, so that a line reads at a glance.
     */
    static String shown(String url) {
        return url.replaceAll("([?&][A-Za-z]+=)[^&]{25,}", "$1…");
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
