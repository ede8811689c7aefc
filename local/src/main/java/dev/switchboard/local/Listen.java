package dev.switchboard.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.switchboard.shared.delivery.EndpointSecret;
import dev.switchboard.shared.delivery.WebhookSigner;
import dev.switchboard.shared.json.Json;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code switchboard-local listen}: a tenant's app in one command. It receives the tenant's events
 * on both channels as an app would: a webhook receiver on this machine's loopback (its endpoint
 * registered through the API, each delivery's signature checked with the secret the API showed
 * once) and a browser's WebSocket (a ticket from the API), and prints each event as it arrives,
 * with how long after it occurred. The endpoint is deleted when it stops.
 */
final class Listen {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** @param count stop after this many events on each channel (0: until interrupted) */
    record Options(URI api, String tenant, String key, String agent, List<String> types, int count) {
    }

    private Listen() {
    }

    static Options parse(List<String> args) {
        URI api = URI.create("http://127.0.0.1:3000");
        String tenant = null;
        String key = null;
        String agent = null;
        List<String> types = List.of("*");
        int count = 0;
        for (int i = 1; i < args.size(); i++) {
            String option = Arguments.option(args, i++);
            String value = args.get(i);
            switch (option) {
                case "--api" -> api = Arguments.url(value, option);
                case "--tenant" -> tenant = value;
                case "--key" -> key = value;
                case "--agent" -> agent = value;
                case "--types" -> types = Arrays.asList(value.split(","));
                case "--count" -> {
                    try {
                        count = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        count = -1;
                    }
                    if (count < 0) {
                        throw new Arguments.UsageError("--count must be a whole number, got '" + value + "'");
                    }
                }
                default -> throw new Arguments.UsageError("unknown option " + option + " for listen");
            }
        }
        if (tenant == null || key == null) {
            throw new Arguments.UsageError("listen needs --tenant ID and --key KEY (the tenant's or the admin key)");
        }
        return new Options(api, tenant, key, agent, types, count);
    }

    static int run(Options options, PrintStream out, PrintStream err) throws Exception {
        AtomicInteger hooks = new AtomicInteger();
        AtomicInteger pushes = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(options.count() == 0 ? 1 : 2);
        String[] secret = new String[1];
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            var headers = exchange.getRequestHeaders();
            boolean verified = verified(secret[0], headers.getFirst(WebhookSigner.ID_HEADER),
                    headers.getFirst(WebhookSigner.TIMESTAMP_HEADER), headers.getFirst(WebhookSigner.SIGNATURE_HEADER),
                    body);
            exchange.sendResponseHeaders(verified ? 204 : 401, -1);
            exchange.close();
            print(out, "webhook  ", Json.parse(new String(body, StandardCharsets.UTF_8)),
                    verified ? "signature verified" : "SIGNATURE NOT VERIFIED");
            if (hooks.incrementAndGet() == options.count()) {
                done.countDown();
            }
        });
        receiver.start();
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/";
        var created = call(options, "POST", "/webhook-endpoints", Map.of("url", url, "eventTypes", options.types(),
                "description", "switchboard-local listen"));
        secret[0] = created.path("secret").asText();
        String endpointId = created.path("id").asText();
        Thread cleanup = new Thread(() -> deleteQuietly(options, endpointId));
        Runtime.getRuntime().addShutdownHook(cleanup);
        WebSocket socket = null;
        try {
            Map<String, Object> ticketBody = options.agent() == null ? Map.of() : Map.of("agentId", options.agent());
            String socketUrl = call(options, "POST", "/realtime/tickets", ticketBody).path("url").asText();
            socket = HTTP.newWebSocketBuilder().buildAsync(URI.create(socketUrl),
                    new dev.switchboard.local.realtime.TextFrames(text -> {
                        JsonNode frame = Json.parse(text);
                        if (!frame.has("control")) {
                            print(out, "websocket", frame, "");
                            if (pushes.incrementAndGet() == options.count()) {
                                done.countDown();
                            }
                        }
                    })).get(10, TimeUnit.SECONDS);
            if (!options.types().equals(List.of("*"))) {
                socket.sendText(Json.write(Map.of("action", "subscribe", "types", options.types())), true).join();
            }
            out.println("listening to " + options.tenant() + (options.agent() == null ? "" : " as " + options.agent())
                    + ": webhooks at " + url + " (endpoint " + endpointId + "), WebSocket " + socketUrl
                    .replaceAll("ticket=[^&]+", "ticket=…"));
            out.flush();
            done.await();
            return 0;
        } finally {
            if (socket != null) {
                socket.abort();
            }
            receiver.stop(0);
            deleteQuietly(options, endpointId);
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running or has run.
            }
        }
    }

    private static boolean verified(String secret, String id, String timestamp, String signature, byte[] body) {
        if (secret == null || id == null || timestamp == null || signature == null) {
            return false;
        }
        try {
            String expected = WebhookSigner.sign(id, Long.parseLong(timestamp), body,
                    List.of(EndpointSecret.parse(secret))).signature();
            return Arrays.asList(signature.split(" ")).contains(expected);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static synchronized void print(PrintStream out, String channel, JsonNode event, String note) {
        String occurred = event.path("occurredAt").asText();
        String after = "";
        try {
            long millis = Duration.between(Instant.parse(occurred), Instant.now()).toMillis();
            after = "+%.2fs".formatted(millis / 1000.0);
        } catch (RuntimeException e) {
            // No time to measure from.
        }
        out.println("%s  %-24s %s  %7s  %s".formatted(channel, event.path("type").asText(), event.path("id").asText(),
                after, note).stripTrailing());
        out.flush();
    }

    private static JsonNode call(Options options, String method, String path, Object body)
            throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create(options.api() + "/v1/tenants/" + options.tenant() + path))
                .header("Authorization", "Bearer " + options.key())
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(Json.write(body)))
                .build();
        HttpResponse<String> response;
        try {
            response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IOException("no stack at " + options.api() + ": start it first (" + e.getMessage() + ")", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new IOException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body().isEmpty() ? Json.parse("{}") : Json.parse(response.body());
    }

    private static void deleteQuietly(Options options, String endpointId) {
        try {
            call(options, "DELETE", "/webhook-endpoints/" + endpointId, null);
        } catch (IOException | InterruptedException | RuntimeException e) {
            // Deleted already, or the stack is gone with it.
        }
    }
}
