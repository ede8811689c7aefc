package dev.switchboard.shared.delivery;

import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One attempt against a real HTTP server on this machine: what it sends, and what each answer means. */
class WebhookSenderTest {
    private static final byte[] BODY = "{\"id\":\"evt_1\",\"type\":\"call.missed\",\"note\":\"café\"}"
            .getBytes(StandardCharsets.UTF_8);
    private final List<String> hits = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private EndpointSecret secret;

    @BeforeEach
    void receiver() throws IOException {
        secret = EndpointSecret.generate();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            hits.add(path);
            byte[] received = exchange.getRequestBody().readAllBytes();
            int status;
            String answer = "";
            switch (path) {
                case "/ok" -> {
                    try {
                        var h = exchange.getRequestHeaders();
                        new Webhook(secret.reveal()).verify(new String(received, StandardCharsets.UTF_8),
                                java.util.Map.of("webhook-id", h.get("webhook-id"),
                                        "webhook-timestamp", h.get("webhook-timestamp"),
                                        "webhook-signature", h.get("webhook-signature")));
                        status = 200;
                        answer = "verified " + received.length;
                    } catch (Exception e) {
                        status = 401;
                    }
                }
                case "/moved" -> {
                    exchange.getResponseHeaders().add("Location", "/elsewhere");
                    status = 302;
                }
                case "/slow-down" -> {
                    exchange.getResponseHeaders().add("Retry-After", "120");
                    status = 429;
                }
                case "/gone" -> status = 410;
                default -> status = 500;
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private WebhookSender sender(boolean loopbackAllowed, Duration timeout) {
        return new WebhookSender(new Destinations(loopbackAllowed, host -> List.of(InetAddress.getByName(host))),
                timeout, Clock.systemUTC());
    }

    private WebhookSender.Attempt send(String path) {
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
        var headers = WebhookSigner.sign("evt_1", Instant.now().getEpochSecond(), BODY, List.of(secret));
        return sender(true, Duration.ofSeconds(15)).send(url, headers, BODY);
    }

    @Test
    void theReceiverVerifiesTheExactBytesSigned() {
        var attempt = send("/ok");
        assertEquals(200, attempt.status(), attempt.toString());
        assertInstanceOf(AttemptOutcome.Delivered.class, attempt.outcome());
        assertEquals("verified " + BODY.length, attempt.excerpt());
    }

    @Test
    void aRedirectIsAFailureAndIsNotFollowed() {
        var attempt = send("/moved");
        var failed = assertInstanceOf(AttemptOutcome.Failed.class, attempt.outcome());
        assertEquals("redirect not followed", failed.reason());
        assertEquals(List.of("/moved"), hits);
    }

    @Test
    void tooManyRequestsSetsThePaceAndGoneDisables() {
        var limited = assertInstanceOf(AttemptOutcome.Failed.class, send("/slow-down").outcome());
        assertEquals(Optional.of(Duration.ofSeconds(120)), limited.retryAfter());
        assertInstanceOf(AttemptOutcome.Gone.class, send("/gone").outcome());
    }

    @Test
    void aReceiverThatNeverAnswersTimesOut() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            URI url = URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/");
            var headers = WebhookSigner.sign("evt_2", Instant.now().getEpochSecond(), BODY, List.of(secret));
            var attempt = sender(true, Duration.ofMillis(300)).send(url, headers, BODY);
            var failed = assertInstanceOf(AttemptOutcome.Failed.class, attempt.outcome());
            assertTrue(failed.reason().startsWith("no answer within"), failed.reason());
            assertEquals(0, attempt.status());
        }
    }

    @Test
    void aForbiddenAddressIsNeverConnectedTo() {
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/ok");
        var headers = WebhookSigner.sign("evt_3", Instant.now().getEpochSecond(), BODY, List.of(secret));
        var attempt = sender(false, Duration.ofSeconds(15)).send(url, headers, BODY);
        var failed = assertInstanceOf(AttemptOutcome.Failed.class, attempt.outcome());
        assertTrue(failed.reason().contains("may not be sent to"), failed.reason());
        assertEquals(List.of(), hits, "nothing reached the address");
    }

    @Test
    void aClosedPortIsRefused() throws IOException {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        var headers = WebhookSigner.sign("evt_4", Instant.now().getEpochSecond(), BODY, List.of(secret));
        var attempt = sender(true, Duration.ofSeconds(15)).send(URI.create("http://127.0.0.1:" + port + "/"), headers,
                BODY);
        assertEquals("connection refused", assertInstanceOf(AttemptOutcome.Failed.class, attempt.outcome()).reason());
    }
}
