package dev.switchboard.local.bench;

import com.sun.net.httpserver.HttpServer;
import dev.switchboard.local.LocalStack;
import dev.switchboard.local.twilio.Timeline;
import dev.switchboard.local.twilio.TwilioSimulator;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.events.EventShards;
import dev.switchboard.shared.events.LogPosition;
import dev.switchboard.shared.json.Json;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The tenants' channels under load, on the local stack in this JVM: inbound calls played by the
 * Twilio simulator at a steady rate through the real webhooks, and every event they make timed from
 * its commit (its stamp in the outbox, taken as its transaction is sent) to its WebSocket frame in
 * a browser-like client and to its first webhook attempt at a receiver on loopback; then counted:
 * delivered, lost (in the log but never received) and duplicated (received more than once).
 *
 * <p>{@code java -cp local/target/switchboard-local.jar dev.switchboard.local.bench.ChannelsBenchmark
 * [--rate 50] [--seconds 60]}
 */
public final class ChannelsBenchmark {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String TENANT = "acme";
    /** The demo tenant's greeting number: a short call, so the load is the calls and their events. */
    private static final String NUMBER = "+15005550105";
    /** How long the channels may take, after the last call, to bring what is still on its way. */
    private static final Duration SETTLE = Duration.ofSeconds(60);

    private ChannelsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rate = Options.integer(args, "--rate", 50);
        int seconds = Options.integer(args, "--seconds", 60);
        PrintStream console = System.out;
        try (LocalStack stack = LocalStack.start(LocalStack.Options.defaults().withPort(0))) {
            console.printf("Tenants' channels, local stack on loopback, %s, %d cores: %d inbound calls a second for %d s%n",
                    Runtime.version(), Runtime.getRuntime().availableProcessors(), rate, seconds);
            String api = stack.baseUrl().toString();
            String key = stack.environment().get(Settings.ADMIN_API_KEY);
            Map<String, List<Instant>> hooks = new ConcurrentHashMap<>();
            Map<String, List<Instant>> frames = new ConcurrentHashMap<>();
            HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            receiver.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
            receiver.createContext("/", exchange -> {
                Instant at = Instant.now();
                exchange.getRequestBody().readAllBytes();
                String id = exchange.getRequestHeaders().getFirst("webhook-id");
                hooks.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(at);
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            receiver.start();
            post(api + "/v1/tenants/" + TENANT + "/webhook-endpoints", key, Map.of("url",
                    "http://127.0.0.1:" + receiver.getAddress().getPort() + "/", "eventTypes", List.of("*")));
            String socketUrl = Json.parse(post(api + "/v1/tenants/" + TENANT + "/realtime/tickets", key, Map.of()))
                    .path("url").asText();
            WebSocket socket = HTTP.newWebSocketBuilder().buildAsync(URI.create(socketUrl),
                    new dev.switchboard.local.realtime.TextFrames(text -> {
                        Instant at = Instant.now();
                        var frame = Json.parse(text);
                        if (!frame.has("control")) {
                            frames.computeIfAbsent(frame.path("id").asText(), k -> new CopyOnWriteArrayList<>()).add(at);
                        }
                    })).get(10, TimeUnit.SECONDS);

            // The operator's queue too: how long the outbox takes to be published, before either channel.
            Map<String, List<Instant>> queued = new ConcurrentHashMap<>();
            String eventsQueue = stack.environment().get(Settings.EVENTS_QUEUE_URL);
            var running = new java.util.concurrent.atomic.AtomicBoolean(true);
            Thread consumer = Thread.ofVirtual().start(() -> {
                try (var sqs = LocalStack.sqs(stack.emulators())) {
                    while (running.get()) {
                        var messages = sqs.receiveMessage(r -> r.queueUrl(eventsQueue).maxNumberOfMessages(10)
                                .waitTimeSeconds(1).messageAttributeNames("eventId")).messages();
                        Instant at = Instant.now();
                        for (var m : messages) {
                            queued.computeIfAbsent(m.messageAttributes().get("eventId").stringValue(),
                                    k -> new CopyOnWriteArrayList<>()).add(at);
                        }
                        if (!messages.isEmpty()) {
                            sqs.deleteMessageBatch(d -> d.queueUrl(eventsQueue).entries(messages.stream().map(m ->
                                    software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry.builder()
                                            .id(m.messageId()).receiptHandle(m.receiptHandle()).build()).toList()));
                        }
                    }
                }
            });

            // The functions log a line per request, as in Lambda: formatted, not printed here.
            System.setOut(new PrintStream(OutputStream.nullOutputStream()));
            TwilioSimulator twilio = stack.simulator().orElseThrow();
            Timeline silent = new Timeline() {
                @Override
                public void step(String line) {
                }

                @Override
                public void failure(String line) {
                }
            };
            Instant start = Instant.now();
            AtomicInteger failed = new AtomicInteger();
            List<Thread> calls = new ArrayList<>();
            long intervalNanos = TimeUnit.SECONDS.toNanos(1) / rate;
            long t0 = System.nanoTime();
            for (int i = 0; i < rate * seconds; i++) {
                long due = t0 + i * intervalNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                calls.add(Thread.ofVirtual().start(() -> {
                    if (!twilio.playInbound("+1415555" + String.format("%04d", (int) (Math.random() * 10_000)), NUMBER,
                            "answered", null, silent)) {
                        failed.incrementAndGet();
                    }
                }));
            }
            for (Thread call : calls) {
                call.join();
            }
            Duration driving = Duration.between(start, Instant.now());

            // The truth: every event of the tenant the outbox stamped since the run began.
            Map<String, Instant> committed = committed(stack, start);
            Instant deadline = Instant.now().plus(SETTLE);
            while (Instant.now().isBefore(deadline) && !(hooks.keySet().containsAll(committed.keySet())
                    && frames.keySet().containsAll(committed.keySet()))) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
                committed = committed(stack, start);
            }
            System.setOut(console);
            running.set(false);
            consumer.join();
            socket.abort();
            receiver.stop(0);

            console.printf("%d calls in %.1f s (%d failed at a webhook), %d events committed%n", rate * seconds,
                    driving.toMillis() / 1000.0, failed.get(), committed.size());
            console.println("| channel | from commit to | p50 | p95 | p99 | delivered | lost | duplicated |");
            console.println("|---|---|---|---|---|---|---|---|");
            console.println(row("(EventsQueue)", "the operator's queue: the outbox published", committed, queued));
            console.println(row("WebSocket", "the frame in the browser", committed, frames));
            console.println(row("webhook", "the first attempt at the receiver", committed, hooks));
        }
        System.exit(0);
    }

    private static String row(String channel, String to, Map<String, Instant> committed, Map<String, List<Instant>> received) {
        List<Double> latencies = new ArrayList<>();
        int lost = 0;
        int duplicated = 0;
        for (var event : committed.entrySet()) {
            List<Instant> times = received.get(event.getKey());
            if (times == null || times.isEmpty()) {
                lost++;
                continue;
            }
            duplicated += times.size() - 1;
            Instant first = times.stream().min(Instant::compareTo).orElseThrow();
            latencies.add((double) Duration.between(event.getValue(), first).toMillis());
        }
        if (latencies.isEmpty()) {
            return "| " + channel + " | " + to + " | - | - | - | 0 | " + lost + " | " + duplicated + " |";
        }
        return "| %s | %s | %.0f ms | %.0f ms | %.0f ms | %d | %d | %d |".formatted(channel, to,
                ProcessFigures.percentile(latencies, 50), ProcessFigures.percentile(latencies, 95),
                ProcessFigures.percentile(latencies, 99), latencies.size(), lost, duplicated);
    }

    /** The tenant's events stamped since {@code start}, each with its stamp, read from the events index. */
    private static Map<String, Instant> committed(LocalStack stack, Instant start) {
        Map<String, Instant> events = new LinkedHashMap<>();
        try (var dynamo = LocalStack.dynamo(stack.emulators())) {
            for (String shard : EventShards.of(TENANT)) {
                Map<String, AttributeValue> from = null;
                do {
                    var after = from;
                    var page = dynamo.query(q -> q.exclusiveStartKey(after).tableName(stack.environment().get(Settings.EVENTS_TABLE))
                            .indexName(EventShards.INDEX).keyConditionExpression("tenantShard = :t AND #p > :start")
                            .expressionAttributeNames(Map.of("#p", "position"))
                            .expressionAttributeValues(Map.of(":t", AttributeValue.fromS(shard),
                                    ":start", AttributeValue.fromS(LogPosition.time(start)))));
                    page.items().forEach(item -> events.put(item.get("eventId").s(),
                            LogPosition.stampedAt(item.get("position").s())));
                    from = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
                } while (from != null);
            }
        }
        return events;
    }

    private static String post(String url, String key, Object body) throws Exception {
        var response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(Json.write(body)))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}
