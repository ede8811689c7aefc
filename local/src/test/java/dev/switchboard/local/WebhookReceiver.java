package dev.switchboard.local;

import com.sun.net.httpserver.HttpServer;
import com.standardwebhooks.Webhook;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;

/**
 * A tenant's webhook receiver on this machine: it checks every delivery with the Standard Webhooks
 * specification's own library and answers as the test tells it (by the delivery's number, counted
 * from 1), recording what came.
 */
final class WebhookReceiver implements AutoCloseable {
    /** How the receiver answers one delivery: a status and its headers, or no answer until released. */
    record Answer(int status, Map<String, String> headers, boolean hangs) {
        static Answer status(int status) {
            return new Answer(status, Map.of(), false);
        }

        static Answer hang() {
            return new Answer(0, Map.of(), true);
        }
    }

    /** One delivery as it arrived. */
    record Delivery(String id, long timestamp, String signature, String body, boolean verified, Instant at,
                    int answered) {
    }

    private final HttpServer server;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final AtomicReference<IntFunction<Answer>> answers = new AtomicReference<>(n -> Answer.status(204));
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile String secret;

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            var h = exchange.getRequestHeaders();
            boolean verified;
            try {
                new Webhook(secret).verify(body, Map.of("webhook-id", h.get("webhook-id"),
                        "webhook-timestamp", h.get("webhook-timestamp"), "webhook-signature", h.get("webhook-signature")));
                verified = true;
            } catch (Exception e) {
                verified = false;
            }
            Answer answer = answers.get().apply(deliveries.size() + 1);
            deliveries.add(new Delivery(h.getFirst("webhook-id"), Long.parseLong(h.getFirst("webhook-timestamp")),
                    h.getFirst("webhook-signature"), body, verified, Instant.now(), answer.status()));
            if (answer.hangs()) {
                try {
                    released.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
                return;
            }
            answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            exchange.sendResponseHeaders(answer.status(), -1);
            exchange.close();
        });
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    WebhookReceiver secret(String secret) {
        this.secret = secret;
        return this;
    }

    String secretInUse() {
        return secret;
    }

    /** Whether the specification's library accepts the delivery with {@code secret}. */
    static boolean verifies(String secret, Delivery delivery) {
        try {
            new Webhook(secret).verify(delivery.body(), Map.of("webhook-id", List.of(delivery.id()),
                    "webhook-timestamp", List.of(Long.toString(delivery.timestamp())),
                    "webhook-signature", List.of(delivery.signature())));
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    WebhookReceiver answering(IntFunction<Answer> answers) {
        this.answers.set(answers);
        return this;
    }

    List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    List<Delivery> of(String eventId) {
        return deliveries.stream().filter(d -> eventId.equals(d.id())).toList();
    }

    /** Waits, up to {@code limit}, until {@code done} holds; fails the test if it never does. */
    static void await(String what, Duration limit, BooleanSupplier done) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + limit + ": " + what);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
    }
}
