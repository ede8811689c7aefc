package dev.switchboard.local;

import dev.switchboard.shared.json.Json;

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
 * an inbound call or message and prints its timeline as the simulator reports it. Exit 0 when
 * every webhook answered, 1 when one failed or the stack cannot be reached.
 */
final class SimulatorClient {
    private SimulatorClient() {
    }

    static int play(Main.Simulate request, PrintStream out, PrintStream err) throws IOException, InterruptedException {
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
            err.println("switchboard-local: no Twilio simulator at " + request.simulator()
                    + ": start the local stack first (java -jar local/target/switchboard-local.jar), or pass --simulator URL");
            return 1;
        }
        boolean ok = false;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("RESULT ")) {
                    ok = line.equals("RESULT ok");
                } else {
                    (response.statusCode() == 200 ? out : err).println(line);
                }
            }
        }
        out.flush();
        return response.statusCode() == 200 && ok ? 0 : 1;
    }
}
