package dev.switchboard.local;

import dev.switchboard.local.twilio.Pacing;
import dev.switchboard.local.twilio.CallerInput;
import dev.switchboard.local.twilio.TwilioSimulator;
import dev.switchboard.shared.json.Json;
import dev.switchboard.shared.twilio.PhoneNumbers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code switchboard-local call} and {@code sms}: asks a running stack's Twilio simulator to play
 * an inbound call or message and prints its timeline as the simulator reports it, each line as it
 * comes (a paced call, {@code --ring-seconds} and {@code --talk-seconds}, takes that long). Exit 0 when
 * every webhook answered, 1 when one failed or the stack cannot be reached, 2 when the request is
 * not one the simulator can play.
 */
final class SimulatorClient {
    private SimulatorClient() {
    }

    /** {@code call …} or {@code sms …}: the request, checked whole before anything is sent. */
    static Arguments.Simulate parse(List<String> args) {
        String kind = args.getFirst();
        URI simulator = URI.create("http://127.0.0.1:3001");
        String from = null;
        String to = null;
        String outcome = "answered";
        String say = null;
        String body = "";
        Integer ringSeconds = null;
        Integer talkSeconds = null;
        List<Path> media = new ArrayList<>();
        List<CallerInput> inputs = new ArrayList<>();
        for (int i = 1; i < args.size(); i++) {
            if (args.get(i).equals("--no-input")) {
                requireCall(kind, "--no-input");
                inputs.add(CallerInput.SILENCE);
                continue;
            }
            String option = Arguments.option(args, i++);
            String value = args.get(i);
            switch (option) {
                case "--from" -> from = value;
                case "--to" -> to = value;
                case "--simulator" -> simulator = Arguments.url(value, option);
                case "--outcome" -> {
                    if (!TwilioSimulator.OUTCOMES.contains(value) || !kind.equals("call")) {
                        throw new Arguments.UsageError("--outcome is one of answered, no-answer, busy, failed (call only)");
                    }
                    outcome = value;
                }
                case "--say" -> say = value;
                case "--digits" -> inputs.add(input(kind, option, () -> CallerInput.digits(value)));
                case "--say-words" -> inputs.add(input(kind, option, () -> CallerInput.speech(value)));
                case "--ring-seconds" -> ringSeconds = seconds(kind, option, value);
                case "--talk-seconds" -> talkSeconds = seconds(kind, option, value);
                case "--body" -> body = value;
                case "--media" -> {
                    Path file = Path.of(value);
                    if (!Files.isRegularFile(file)) {
                        throw new Arguments.UsageError("--media " + value + ": no such file");
                    }
                    media.add(file);
                }
                default -> throw new Arguments.UsageError("unknown option " + option + " for " + kind);
            }
        }
        if (from == null || to == null) {
            throw new Arguments.UsageError(kind + " needs --from and --to, e.g. " + kind
                    + " --from +14155550100 --to +15005550101");
        }
        // As Twilio writes them; a browser caller (client:name) may call too.
        if (!PhoneNumbers.isE164(from) && !(kind.equals("call") && from.startsWith("client:") && from.length() > 7)) {
            throw new Arguments.UsageError("--from must be an E.164 number like +14155550100"
                    + (kind.equals("call") ? " (or client:<identity>)" : "") + ", got '" + from + "'");
        }
        if (!PhoneNumbers.isE164(to)) {
            throw new Arguments.UsageError("--to must be an E.164 number like +15005550101, got '" + to + "'");
        }
        return new Arguments.Simulate(kind, simulator, from, to, outcome, say, body, List.copyOf(media), ringSeconds,
                talkSeconds, List.copyOf(inputs));
    }

    /** --digits, --say-words: the caller's answer to the next menu, checked before anything is sent. */
    private static CallerInput input(String kind, String option, java.util.function.Supplier<CallerInput> input) {
        requireCall(kind, option);
        try {
            return input.get();
        } catch (IllegalArgumentException e) {
            throw new Arguments.UsageError(option + ": " + e.getMessage());
        }
    }

    private static void requireCall(String kind, String option) {
        if (!kind.equals("call")) {
            throw new Arguments.UsageError(option + " is for call only");
        }
    }

    /** --ring-seconds and --talk-seconds: whole seconds the simulator really waits, for a call only. */
    private static int seconds(String kind, String option, String value) {
        int seconds = -1;
        if (value.matches("[0-9]{1,3}")) {
            seconds = Integer.parseInt(value);
        }
        if (!kind.equals("call") || seconds < 0 || seconds > Pacing.MAX_SECONDS) {
            throw new Arguments.UsageError(option + " is whole seconds from 0 to " + Pacing.MAX_SECONDS + " (call only)");
        }
        return seconds;
    }

    static int play(Arguments.Simulate request, PrintStream out, PrintStream err) throws IOException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("from", request.from());
        body.put("to", request.to());
        String path;
        if (request.kind().equals("call")) {
            path = "/_simulator/calls";
            body.put("outcome", request.outcome());
            if (request.say() != null) {
                body.put("say", request.say());
            }
            if (request.ringSeconds() != null) {
                body.put("ringSeconds", request.ringSeconds());
            }
            if (request.talkSeconds() != null) {
                body.put("talkSeconds", request.talkSeconds());
            }
            if (!request.inputs().isEmpty()) {
                List<Map<String, String>> inputs = new ArrayList<>();
                for (CallerInput input : request.inputs()) {
                    Map<String, String> one = new LinkedHashMap<>();
                    if (input.digits() != null) {
                        one.put("digits", input.digits());
                    }
                    if (input.speech() != null) {
                        one.put("speech", input.speech());
                    }
                    inputs.add(one);
                }
                body.put("inputs", inputs);
            }
        } else {
            path = "/_simulator/messages";
            body.put("body", request.body());
            List<Map<String, String>> media = new ArrayList<>();
            for (Path file : request.media()) {
                String type = Files.probeContentType(file);
                media.add(Map.of("contentType", type == null ? "application/octet-stream" : type,
                        "base64", Base64.getEncoder().encodeToString(Files.readAllBytes(file))));
            }
            body.put("media", media);
        }
        URI target = URI.create(request.simulator() + path);
        HttpRequest http = HttpRequest.newBuilder(target).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body))).build();
        HttpResponse<java.io.InputStream> response;
        try {
            response = HttpClient.newHttpClient().send(http, HttpResponse.BodyHandlers.ofInputStream());
        } catch (java.net.ConnectException e) {
            err.println(Main.PREFIX + "no Twilio simulator at " + request.simulator()
                    + ": start the local stack first (local/switchboard-local), or pass --simulator URL");
            return 1;
        }
        if (response.statusCode() != 200) {
            // The simulator refused the request itself: what it says is why.
            String why;
            try (var in = response.body()) {
                why = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            }
            err.println(Main.PREFIX + "the simulator at " + request.simulator() + " refused this " + request.kind()
                    + " (HTTP " + response.statusCode() + "): " + why);
            return response.statusCode() / 100 == 4 ? 2 : 1;
        }
        boolean ok = false;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("RESULT ")) {
                    ok = line.equals("RESULT ok");
                } else {
                    out.println(line);
                }
            }
        }
        out.flush();
        return ok ? 0 : 1;
    }
}
