package dev.switchboard.local;

import dev.switchboard.local.twilio.TwilioSigner;
import dev.switchboard.local.http.LoopbackServer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.local.twilio.TwilioSimulator;
import dev.switchboard.shared.json.Json;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The simulator's REST API, spoken to as twilio-java or curl would: each answer in the shape
 * Twilio's published OpenAPI document gives it, Twilio's error codes, basic auth enforced.
 */
class TwilioSimulatorTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private record Answer(int status, String body, byte[] bytes) {
        JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + body);
            }
        }
    }

    private static Answer send(String method, String path, String user, String password, List<String[]> form) {
        String encoded = form == null ? null : form.stream()
                .map(p -> URLEncoder.encode(p[0], StandardCharsets.UTF_8) + "=" + URLEncoder.encode(p[1], StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        var request = HttpRequest.newBuilder(URI.create(TestStack.twilio().baseUrl() + path));
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        if (encoded != null) {
            request.header("Content-Type", "application/x-www-form-urlencoded")
                    .method(method, HttpRequest.BodyPublishers.ofString(encoded));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            var response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), new String(response.body(), StandardCharsets.UTF_8), response.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends, and holds a JSON answer to Twilio's document. */
    private static Answer checked(String method, String path, String user, String password, List<String[]> form) {
        Answer answer = send(method, path, user, password, form);
        if (answer.status() < 400) {
            TwilioSpec.assertConforms(method, path, answer.status(), answer.body());
        }
        return answer;
    }

    private static String[] p(String name, String value) {
        return new String[]{name, value};
    }

    @Test
    void everyAnswerHasTwiliosShape() {
        String account = TwilioSimulator.sid("AC");
        String token = "made-up-token-for-" + account;
        String base = "/2010-04-01/Accounts/" + account;
        // An account never seen is created on first use, with numbers of its own.
        assertEquals("active", checked("GET", base + ".json", account, token, null).json().path("status").asText());
        var owned = checked("GET", base + "/IncomingPhoneNumbers.json", account, token, null).json()
                .path("incoming_phone_numbers");
        assertTrue(owned.size() >= 1, owned.toString());
        String caller = owned.get(0).path("phone_number").asText();
        var sub = checked("POST", "/2010-04-01/Accounts.json", account, token, List.<String[]>of(p("FriendlyName", "Branch")));
        assertEquals(201, sub.status());
        assertEquals(account, sub.json().path("owner_account_sid").asText());
        checked("GET", "/2010-04-01/Accounts.json", account, token, null);

        var app = checked("POST", base + "/Applications.json", account, token, List.<String[]>of(p("FriendlyName", "sb"),
                p("VoiceUrl", "https://example.com/voice"), p("VoiceMethod", "POST")));
        assertEquals(201, app.status());
        checked("GET", base + "/Applications.json?FriendlyName=sb", account, token, null);
        checked("POST", base + "/Applications/" + app.json().path("sid").asText() + ".json", account, token,
                List.<String[]>of(p("VoiceUrl", "https://example.com/voice2")));

        var available = checked("GET", base + "/AvailablePhoneNumbers/US/Local.json?AreaCode=628&PageSize=2",
                account, token, null).json().path("available_phone_numbers");
        assertEquals(2, available.size());
        String chosen = available.get(0).path("phone_number").asText();
        var bought = checked("POST", base + "/IncomingPhoneNumbers.json", account, token,
                List.<String[]>of(p("PhoneNumber", chosen), p("VoiceUrl", "https://example.com/voice")));
        assertEquals(201, bought.status());
        checked("POST", base + "/IncomingPhoneNumbers/" + bought.json().path("sid").asText() + ".json", account, token,
                List.<String[]>of(p("SmsUrl", "https://example.com/sms")));
        var again = send("POST", base + "/IncomingPhoneNumbers.json", account, token, List.<String[]>of(p("PhoneNumber", chosen)));
        assertEquals(21422, again.json().path("code").asInt(), "a number someone has is not for sale");

        var key = checked("POST", base + "/Keys.json", account, token, List.<String[]>of(p("FriendlyName", "voice")));
        String secret = key.json().path("secret").asText();
        assertEquals(32, secret.length(), "Twilio's key secrets are 32 characters");
        // An API key authenticates for its account.
        assertEquals(200, send("GET", base + ".json", key.json().path("sid").asText(), secret, null).status());

        var call = checked("POST", base + "/Calls.json", account, token, List.<String[]>of(p("To", "+14155550100"),
                p("From", caller), p("Twiml", "<Response><Record transcribe=\"true\"/></Response>")));
        assertEquals(201, call.status(), call.body());
        String callSid = call.json().path("sid").asText();
        assertTrue(TestStack.twilio().awaitCall(callSid, Duration.ofSeconds(10)));
        assertEquals("completed", checked("GET", base + "/Calls/" + callSid + ".json", account, token, null)
                .json().path("status").asText());
        checked("GET", base + "/Calls.json", account, token, null);
        var recordings = checked("GET", base + "/Recordings.json?CallSid=" + callSid, account, token, null).json()
                .path("recordings");
        assertEquals(1, recordings.size());
        String recordingSid = recordings.get(0).path("sid").asText();
        checked("GET", base + "/Recordings/" + recordingSid + ".json", account, token, null);
        byte[] wav = send("GET", base + "/Recordings/" + recordingSid + ".wav", account, token, null).bytes();
        assertArrayEquals("RIFF".getBytes(), java.util.Arrays.copyOf(wav, 4), "a WAV file");
        assertTrue(wav.length > 8000 * 2 * 3, "a few seconds of audio: " + wav.length);
        byte[] mp3 = send("GET", base + "/Recordings/" + recordingSid + ".mp3", account, token, null).bytes();
        assertEquals((byte) 0xFF, mp3[0], "an MPEG audio frame");
        assertEquals(401, send("GET", base + "/Recordings/" + recordingSid + ".wav", null, null, null).status(),
                "recordings need the account's credentials");

        var message = checked("POST", base + "/Messages.json", account, token, List.<String[]>of(p("To", "+14155550101"),
                p("From", caller), p("Body", "Hello")));
        assertEquals(201, message.status(), message.body());
        checked("GET", base + "/Messages/" + message.json().path("sid").asText() + ".json", account, token, null);
    }

    @Test
    void twiliosErrorsAndAuth() {
        String account = TwilioSimulator.sid("AC");
        String token = "token-" + account;
        String base = "/2010-04-01/Accounts/" + account;
        String caller = send("GET", base + "/IncomingPhoneNumbers.json", account, token, null).json()
                .path("incoming_phone_numbers").get(0).path("phone_number").asText();
        assertEquals(401, send("GET", base + ".json", account, "wrong", null).status(), "a known account's token is checked");
        assertEquals(401, send("GET", base + ".json", null, null, null).status());
        String other = TwilioSimulator.sid("AC");
        send("GET", "/2010-04-01/Accounts/" + other + ".json", other, "x", null);
        assertEquals(401, send("GET", "/2010-04-01/Accounts/" + other + ".json", account, token, null).status(),
                "another account's resources");
        Map<List<String[]>, Integer> cases = Map.of(
                List.<String[]>of(p("To", "0800 123"), p("From", caller), p("Url", "https://example.com")), 21211,
                List.<String[]>of(p("To", "+14155550100"), p("From", "+15555550000"), p("Url", "https://example.com")), 21210,
                List.<String[]>of(p("To", "+14155550100"), p("From", caller)), 21205,
                List.<String[]>of(p("To", "+14155550100"), p("From", caller), p("Url", "https://example.com"),
                        p("StatusCallbackEvent", "exploded")), 21626);
        cases.forEach((form, code) -> {
            var refused = send("POST", base + "/Calls.json", account, token, form);
            assertEquals(400, refused.status(), refused.body());
            assertEquals(code.intValue(), refused.json().path("code").asInt(), refused.body());
            assertEquals("https://www.twilio.com/docs/errors/" + code, refused.json().path("more_info").asText());
        });
        assertEquals(20404, send("GET", base + "/Calls/" + TwilioSimulator.sid("CA") + ".json", account, token, null)
                .json().path("code").asInt());
        TestStack.twilio().optOut("+14155550177");
        assertEquals(21610, send("POST", base + "/Messages.json", account, token, List.<String[]>of(p("To", "+14155550177"),
                p("From", caller), p("Body", "Hi"))).json().path("code").asInt());
    }

    @Test
    void theShapeCheckHasTeeth() {
        String path = "/2010-04-01/Accounts/" + TwilioSimulator.sid("AC") + "/Calls/" + TwilioSimulator.sid("CA") + ".json";
        TwilioSpec.assertConforms("GET", path, 200, "{\"sid\":\"" + TwilioSimulator.sid("CA") + "\",\"status\":\"completed\",\"price\":null}");
        for (String wrong : List.of("{\"status\":\"exploded\"}", "{\"duration\":15}", "{\"invented\":\"field\"}")) {
            org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
                    () -> TwilioSpec.assertConforms("GET", path, 200, wrong), wrong);
        }
    }

    @Test
    void aRecordedApiCallReportsItsRecordingSignedByTheAccount() throws Exception {
        String account = TwilioSimulator.sid("AC");
        String token = "token-" + account;
        String base = "/2010-04-01/Accounts/" + account;
        String caller = send("GET", base + "/IncomingPhoneNumbers.json", account, token, null).json()
                .path("incoming_phone_numbers").get(0).path("phone_number").asText();
        var received = new java.util.concurrent.CompletableFuture<Map<String, String>>();
        var signature = new java.util.concurrent.CompletableFuture<String>();
        var app = LoopbackServer.create(0);
        app.createContext("/recording", exchange -> {
            Map<String, String> params = new java.util.LinkedHashMap<>();
            for (String pair : new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
                String[] kv = pair.split("=", 2);
                params.put(java.net.URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
            signature.complete(exchange.getRequestHeaders().getFirst("X-Twilio-Signature"));
            received.complete(params);
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        app.start();
        try {
            String url = "http://127.0.0.1:" + app.getAddress().getPort() + "/recording";
            var call = send("POST", base + "/Calls.json", account, token, List.of(p("To", "+14155550100"),
                    p("From", caller), p("Twiml", "<Response><Say>Your order has shipped.</Say></Response>"),
                    p("Record", "true"), p("RecordingChannels", "dual"), p("RecordingStatusCallback", url)));
            assertEquals(201, call.status(), call.body());
            assertTrue(TestStack.twilio().awaitCall(call.json().path("sid").asText(), Duration.ofSeconds(10)));
            Map<String, String> params = received.get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals("completed", params.get("RecordingStatus"));
            assertEquals("OutboundAPI", params.get("RecordingSource"));
            assertEquals("2", params.get("RecordingChannels"));
            assertEquals(TwilioSigner.sign(token, url, params), signature.get());
            String media = params.get("RecordingUrl").substring(TestStack.twilio().baseUrl().toString().length());
            byte[] wav = send("GET", media + ".wav", account, token, null).bytes();
            assertArrayEquals("RIFF".getBytes(), java.util.Arrays.copyOf(wav, 4));
        } finally {
            app.stop(0);
        }
    }
}
