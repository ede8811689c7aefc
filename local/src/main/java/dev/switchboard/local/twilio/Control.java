package dev.switchboard.local.twilio;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import dev.switchboard.shared.json.Json;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The simulator's control surface, for {@code switchboard-local call} and {@code sms}: POST a JSON
 * description, read the timeline back line by line as it happens; the last line is
 * {@code RESULT ok} or {@code RESULT failed}. A call's description: {@code from}, {@code to},
 * {@code outcome}, {@code say}, {@code inputs} (what the caller does at each {@code <Gather>}:
 * {@code {"digits": "2"}}, {@code {"speech": "sales"}} or {@code {}} for silence), and
 * {@code ringSeconds} and {@code talkSeconds} to pace it
 * ({@link Pacing}). Loopback only, like the whole local stack.
 */
final class Control {
    private Control() {
    }

    static void handle(TwilioSimulator sim, HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (!exchange.getRequestMethod().equals("POST")) {
            plain(exchange, 405, "POST only\n");
            return;
        }
        JsonNode request;
        try {
            request = Json.STRICT.readTree(exchange.getRequestBody());
        } catch (IOException e) {
            plain(exchange, 400, "not JSON\n");
            return;
        }
        String from = request.path("from").asText("");
        String to = request.path("to").asText("");
        if (!TwilioSimulator.isE164(from) && !from.startsWith("client:") || !TwilioSimulator.isE164(to)) {
            plain(exchange, 400, "from and to must be E.164 numbers, e.g. +14155550100\n");
            return;
        }
        switch (path) {
            case "/_simulator/calls" -> {
                String outcome = request.path("outcome").asText("answered");
                if (!TwilioSimulator.OUTCOMES.contains(outcome)) {
                    plain(exchange, 400, "outcome must be one of " + TwilioSimulator.OUTCOMES + "\n");
                    return;
                }
                Pacing pacing;
                try {
                    pacing = new Pacing(seconds(request, "ringSeconds"), seconds(request, "talkSeconds"));
                } catch (IllegalArgumentException e) {
                    plain(exchange, 400, "ringSeconds and talkSeconds are whole seconds from 0 to "
                            + Pacing.MAX_SECONDS + "\n");
                    return;
                }
                List<CallerInput> inputs = new ArrayList<>();
                try {
                    for (JsonNode input : request.path("inputs")) {
                        inputs.add(new CallerInput(input.path("digits").asText(null), input.path("speech").asText(null)));
                    }
                } catch (IllegalArgumentException e) {
                    plain(exchange, 400, "inputs: " + e.getMessage() + "\n");
                    return;
                }
                stream(exchange, timeline -> sim.playInbound(from, to, outcome,
                        request.path("say").asText(null), pacing, inputs, timeline));
            }
            case "/_simulator/messages" -> {
                List<MessagePlayer.Media> media = new ArrayList<>();
                for (JsonNode item : request.path("media")) {
                    try {
                        media.add(new MessagePlayer.Media(item.path("contentType").asText("application/octet-stream"),
                                Base64.getDecoder().decode(item.path("base64").asText(""))));
                    } catch (IllegalArgumentException e) {
                        plain(exchange, 400, "media base64 is not base64\n");
                        return;
                    }
                }
                stream(exchange, timeline -> sim.receiveMessage(from, to, request.path("body").asText(""), media,
                        timeline));
            }
            default -> plain(exchange, 404, "no such control: " + path + "\n");
        }
    }

    /** A whole number of seconds, or null when absent; anything else is refused. */
    private static Integer seconds(JsonNode request, String name) {
        JsonNode value = request.path(name);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber()) {
            throw new IllegalArgumentException(name);
        }
        return value.intValue();
    }

    private interface Play {
        boolean run(Timeline timeline);
    }

    private static void stream(HttpExchange exchange, Play play) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream body = exchange.getResponseBody();
             PrintStream out = new PrintStream(body, true, StandardCharsets.UTF_8)) {
            boolean ok = play.run(Timeline.printing(out, ""));
            out.println("RESULT " + (ok ? "ok" : "failed"));
        }
    }

    private static void plain(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
