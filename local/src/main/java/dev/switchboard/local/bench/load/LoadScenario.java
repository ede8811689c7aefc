package dev.switchboard.local.bench.load;

import com.sun.net.httpserver.HttpServer;
import dev.switchboard.local.LocalStack;
import dev.switchboard.local.twilio.CallerInput;
import dev.switchboard.local.twilio.MessagePlayer;
import dev.switchboard.local.twilio.Pacing;
import dev.switchboard.local.twilio.Timeline;
import dev.switchboard.local.twilio.TwilioSimulator;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.json.Json;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

/**
 * One tenant's traffic, played through the real webhooks and API of a local stack: the demo seed's
 * tenant (its numbers, agents and flows), with a webhook endpoint that takes every event, so
 * that each event is delivered and logged as a tenant's app would have it.
 *
 * <p>Calls, by the call's number (i) in tens: three to the forwarding number, answered and so
 * recorded (the recording copied into S3); one to it unanswered, so voicemail with its
 * transcription; two to the agent's browser; one to the voicemail number; one to the greeting; one
 * to the menu number, the caller pressing 1 (a ring group); one streamed to a voice agent. Every
 * call comes from a caller of its own. The Twilio simulator plays each as Twilio does, its
 * callbacks included, and delivers every tenth callback twice, as Twilio's retries do.
 *
 * <p>Messages, alternately: an inbound one (every tenth an MMS, its image copied into S3) and an
 * outbound one through the messages API (every tenth scheduled, then canceled before it is due,
 * which puts it in the schedule's index and takes it out again without waiting for the sweep),
 * each with its status callbacks. They are spread over {@code parties} other parties, each
 * talking to one of three of the tenant's numbers: one conversation each.
 */
final class LoadScenario {
    static final String TENANT = "acme";
    static final List<String> NUMBERS = List.of("+15005550101", "+15005550102", "+15005550103", "+15005550104",
            "+15005550105", "+15005550106", "+15005550107");
    /** The calls' mix over ten calls: the number each goes to, and what the dialed party does. */
    private static final String[][] CALL_MIX = {
            {"+15005550101", "answered"}, {"+15005550101", "answered"}, {"+15005550101", "answered"},
            {"+15005550101", "no-answer"}, {"+15005550102", "answered"}, {"+15005550102", "answered"},
            {"+15005550103", "answered"}, {"+15005550105", "answered"}, {"+15005550106", "answered"},
            {"+15005550104", "answered"}};
    private static final List<String> MESSAGING_NUMBERS = List.of("+15005550101", "+15005550102", "+15005550103");
    private static final Duration WAIT = Duration.ofMinutes(5);
    private static final byte[] IMAGE = new byte[3_000];

    private final LocalStack stack;
    private final TwilioSimulator twilio;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String adminKey;
    private final int concurrency;
    private final Timeline silent = new Timeline() {
        @Override
        public void step(String line) {
        }

        @Override
        public void failure(String line) {
        }
    };
    private HttpServer receiver;
    private String endpointId;

    LoadScenario(LocalStack stack, int concurrency) {
        this.stack = stack;
        this.twilio = stack.simulator().orElseThrow();
        this.adminKey = stack.environment().get(Settings.ADMIN_API_KEY);
        this.concurrency = concurrency;
    }

    /** The tenant's webhook endpoint: a receiver on loopback that takes every event. */
    void arrange() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        receiver.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        endpointId = Json.parse(api("POST", "/v1/tenants/" + TENANT + "/webhook-endpoints", Map.of("url",
                "http://127.0.0.1:" + receiver.getAddress().getPort() + "/", "eventTypes", List.of("*")))).path("id")
                .asText();
        twilio.repeatCallbacks(10);
    }

    String endpointId() {
        return endpointId;
    }

    /** Plays {@code count} inbound calls, {@code concurrency} at a time; how many had a webhook fail. */
    int calls(int count) {
        return run(count, i -> {
            String[] mix = CALL_MIX[i % CALL_MIX.length];
            List<CallerInput> inputs = mix[0].equals("+15005550106") ? List.of(CallerInput.digits("1")) : List.of();
            return twilio.playInbound(String.format("+1415555%04d", i % 10_000), mix[0], mix[1], null,
                    Pacing.INSTANT, inputs, silent);
        });
    }

    /**
     * Sends and receives {@code count} messages, {@code concurrency} at a time, then waits for the
     * outbound ones' status callbacks; how many failed at a webhook or the API.
     */
    int messages(int count, int parties) {
        int failed = run(count, i -> {
            int party = (i / 2) % parties;
            String partyNumber = String.format("+1415666%03d1", party);
            String number = MESSAGING_NUMBERS.get(party % MESSAGING_NUMBERS.size());
            if (i % 2 == 0) {
                List<MessagePlayer.Media> media = (i / 2) % 10 == 0
                        ? List.of(new MessagePlayer.Media("image/jpeg", IMAGE)) : List.of();
                return twilio.receiveMessage(partyNumber, number, "Hello, message " + i, media, silent);
            }
            boolean scheduled = (i / 2) % 10 == 0;
            var sent = Json.parse(api("POST", "/v1/tenants/" + TENANT + "/messages", scheduled
                    ? Map.of("from", number, "to", partyNumber, "body", "Reply " + i,
                            "sendAt", Instant.now().plus(Duration.ofMinutes(10)).toString())
                    : Map.of("from", number, "to", partyNumber, "body", "Reply " + i)));
            if (scheduled) {
                api("DELETE", "/v1/tenants/" + TENANT + "/messages/" + sent.path("id").asText(), null);
            }
            return true;
        });
        twilio.awaitMessages(WAIT);
        return failed;
    }

    private int run(int count, IntPredicate one) {
        AtomicInteger failed = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(concurrency)) {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                running.add(pool.submit(() -> {
                    try {
                        if (!one.test(n)) {
                            failed.incrementAndGet();
                        }
                    } catch (RuntimeException e) {
                        failed.incrementAndGet();
                    }
                }));
            }
            for (Future<?> future : running) {
                future.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("the load did not finish", e);
        }
        return failed.get();
    }

    private String api(String method, String path, Object body) {
        try {
            var request = HttpRequest.newBuilder(URI.create(stack.baseUrl() + path))
                    .header("Authorization", "Bearer " + adminKey).header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(Json.write(body)))
                    .build();
            var response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    void close() {
        if (receiver != null) {
            receiver.stop(0);
        }
    }
}
