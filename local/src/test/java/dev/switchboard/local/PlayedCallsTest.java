package dev.switchboard.local;

import dev.switchboard.local.twilio.TwilioSigner;
import dev.switchboard.local.http.LoopbackServer;
import com.sun.net.httpserver.HttpServer;
import dev.switchboard.local.twilio.TwilioSimulator;
import dev.switchboard.shared.recordings.VoicemailStatus;
import dev.switchboard.shared.calls.Call;
import dev.switchboard.shared.twilio.CallStatus;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code switchboard-local call} and {@code sms} against the stack: the command line's own code
 * asks the simulator over HTTP to play a call to each of the demo numbers, one per routing mode,
 * and the timeline it prints is what Twilio did; the call then stands in Switchboard's history.
 */
class PlayedCallsTest {
    private static final Pattern CALL_SID = Pattern.compile("call (CA[0-9a-f]{32}) ");

    private record Played(int exitCode, String timeline, String callSid) {
        Call stored() {
            return TestStack.repositories().calls().get(Demo.ACME, callSid).orElseThrow();
        }
    }

    private static Played play(String kind, String to, String outcome, String say, String body, List<Path> media)
            throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = SimulatorClient.play(new Arguments.Simulate(kind, TestStack.twilio().baseUrl(), Demo.CALLER, to, outcome,
                say, body, media), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String timeline = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        Matcher sid = CALL_SID.matcher(timeline);
        return new Played(code, timeline, sid.find() ? sid.group(1) : null);
    }

    private static Played call(String to, String outcome) throws Exception {
        TestStack.get();
        return play("call", to, outcome, null, "", List.of());
    }

    @Test
    void forwardAnswered() throws Exception {
        var played = call(Demo.FORWARD_NUMBER, "answered");
        assertEquals(0, played.exitCode(), played.timeline());
        assertTrue(played.timeline().contains("recording completed POST " + TestStack.PUBLIC_URL + "/twilio/voice/recording -> 200"),
                "the number records its calls: " + played.timeline());
        assertEquals(1, TestStack.repositories().recordings().ofCall(Demo.ACME, played.callSid()).size());
        // The media worker copies it into the tenant's S3 space.
        TestStack.get().eventSources().drain();
        assertTrue(TestStack.repositories().recordings().ofCall(Demo.ACME, played.callSid()).getFirst().stored());
        assertTrue(played.timeline().contains("<Say> \"Thanks for calling Acme. Connecting you now.\""), played.timeline());
        assertTrue(played.timeline().contains("Number +15005550181 -> answered"), played.timeline());
        assertTrue(played.timeline().contains("<Dial action> POST " + TestStack.PUBLIC_URL + "/twilio/voice/dial-complete -> 200"),
                played.timeline());
        assertTrue(played.timeline().contains("status completed POST " + TestStack.PUBLIC_URL + "/twilio/voice/status -> 200"),
                played.timeline());
        Call stored = played.stored();
        assertEquals(CallStatus.COMPLETED, stored.status());
        assertEquals("completed", stored.dialStatus());
        assertTrue(stored.durationSeconds() > 0, stored.toString());
    }

    @Test
    void forwardNoAnswerGoesToVoicemail() throws Exception {
        var played = call(Demo.FORWARD_NUMBER, "no-answer");
        assertEquals(0, played.exitCode(), played.timeline());
        assertTrue(played.timeline().contains("-> no-answer"), played.timeline());
        int dial = played.timeline().indexOf("<Dial action>");
        int record = played.timeline().indexOf("<Record");
        assertTrue(dial > 0 && record > dial, "the dial action answers with a voicemail prompt: " + played.timeline());
        assertEquals("no-answer", played.stored().dialStatus());
        assertEquals(CallStatus.COMPLETED, played.stored().status());
    }

    @Test
    void clientRingsTheAgentsBrowser() throws Exception {
        var played = call(Demo.CLIENT_NUMBER, "answered");
        assertEquals(0, played.exitCode(), played.timeline());
        assertTrue(played.timeline().contains("Client acme_bob -> answered"), "bob's browser rings: " + played.timeline());
    }

    @Test
    void streamConnectsTheVoiceAgent() throws Exception {
        var played = call(Demo.STREAM_NUMBER, "answered");
        assertEquals(0, played.exitCode(), played.timeline());
        assertTrue(played.timeline().contains("<Connect><Stream> wss://voice-agent.acme.example/media"), played.timeline());
        assertEquals(CallStatus.COMPLETED, played.stored().status());
    }

    @Test
    void greetingSpeaksAndHangsUp() throws Exception {
        var played = call(Demo.GREETING_NUMBER, "answered");
        assertEquals(0, played.exitCode(), played.timeline());
        assertTrue(played.timeline().contains("\"Acme has moved. Please call our new number.\""), played.timeline());
        assertTrue(played.timeline().contains("<Hangup>"), played.timeline());
    }

    @Test
    void voicemailRecordsTheCaller() throws Exception {
        var played = play("call", Demo.VOICEMAIL_NUMBER, "answered", "Please call me back about my order.", "", List.of());
        assertEquals(0, played.exitCode(), played.timeline());
        assertTrue(played.timeline().contains("<Record"), played.timeline());
        assertTrue(played.timeline().contains("<Record action> POST " + TestStack.PUBLIC_URL + "/twilio/voice/voicemail -> 200"),
                played.timeline());
        assertTrue(played.timeline().contains("transcription POST " + TestStack.PUBLIC_URL + "/twilio/voice/transcription -> 200"),
                played.timeline());
        // The message is the call's voicemail, new, with its transcription and its recording.
        var voicemail = TestStack.repositories().voicemails().get(Demo.ACME, played.callSid()).orElseThrow();
        assertEquals(VoicemailStatus.NEW, voicemail.status());
        assertEquals(Demo.CALLER, voicemail.from());
        assertEquals("completed", voicemail.transcriptionStatus());
        assertEquals("Please call me back about my order.", voicemail.transcriptionText());
        var recordings = TestStack.repositories().recordings().ofCall(Demo.ACME, played.callSid());
        assertEquals(1, recordings.size());
        assertEquals(voicemail.recordingSid(), recordings.getFirst().recordingSid());
        assertEquals("RecordVerb", recordings.getFirst().source());
        assertEquals(dev.switchboard.shared.twilio.RecordingStatus.COMPLETED, recordings.getFirst().status());
    }

    @Test
    void aWebhookThatFailsFailsTheCommand() throws Exception {
        // A number at Twilio whose account Switchboard does not know: its webhook is refused.
        String account = TwilioSimulator.sid("AC");
        TestStack.twilio().addAccount(account, "a-token-switchboard-never-saw");
        TestStack.twilio().addNumber(account, "+15005550999", TestStack.PUBLIC_URL + "/twilio/voice/inbound", null, null);
        var played = call("+15005550999", "answered");
        assertEquals(1, played.exitCode(), played.timeline());
        assertTrue(played.timeline().contains("-> 403"), played.timeline());
    }

    @Test
    void anMmsWithTwoMediaItemsReachesTheSmsUrl(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path photo = Files.write(dir.resolve("damage.png"), new byte[]{(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        Path note = Files.write(dir.resolve("note.txt"), "the left hinge".getBytes(StandardCharsets.UTF_8));
        // An application of our own at the number's SMS URL, to see exactly what Twilio sends.
        CompletableFuture<Map<String, String>> received = new CompletableFuture<>();
        CompletableFuture<String> signature = new CompletableFuture<>();
        HttpServer app = LoopbackServer.create(0);
        app.createContext("/sms", exchange -> {
            Map<String, String> params = new LinkedHashMap<>();
            for (String pair : new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
                String[] kv = pair.split("=", 2);
                params.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
            signature.complete(exchange.getRequestHeaders().getFirst("X-Twilio-Signature"));
            received.complete(params);
            byte[] twiml = "<Response/>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/xml");
            exchange.sendResponseHeaders(200, twiml.length);
            exchange.getResponseBody().write(twiml);
            exchange.close();
        });
        app.start();
        String url = "http://127.0.0.1:" + app.getAddress().getPort() + "/sms";
        try {
            var number = TestStack.twilio().numberByPhone(Demo.GREETING_NUMBER).orElseThrow();
            number.put("sms_url", url);
            var played = play("sms", Demo.GREETING_NUMBER, "answered", null, "Photo of the damage", List.of(photo, note));
            assertEquals(0, played.exitCode(), played.timeline());
            Map<String, String> params = received.get(10, TimeUnit.SECONDS);
            assertEquals("2", params.get("NumMedia"));
            assertEquals("Photo of the damage", params.get("Body"));
            assertEquals(TwilioSigner.sign(Demo.ACME_TOKEN, url, params), signature.get(), "signed as Twilio signs");
            var http = HttpClient.newHttpClient();
            String auth = "Basic " + Base64.getEncoder().encodeToString((Demo.ACME_ACCOUNT + ":" + Demo.ACME_TOKEN)
                    .getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < 2; i++) {
                var media = http.send(HttpRequest.newBuilder(URI.create(params.get("MediaUrl" + i)))
                        .header("Authorization", auth).build(), HttpResponse.BodyHandlers.ofByteArray());
                assertEquals(200, media.statusCode());
                assertArrayEquals(Files.readAllBytes(i == 0 ? photo : note), media.body(), "media " + i);
                assertEquals(media.headers().firstValue("Content-Type").orElseThrow(), params.get("MediaContentType" + i));
            }
            assertEquals(401, http.send(HttpRequest.newBuilder(URI.create(params.get("MediaUrl0"))).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode(), "media needs the account's credentials");

            // Back at Switchboard's messaging webhook, which takes it.
            number.put("sms_url", TestStack.PUBLIC_URL + "/twilio/messaging/inbound");
            var taken = play("sms", Demo.GREETING_NUMBER, "answered", null, "Hello?", List.of(photo, note));
            assertEquals(0, taken.exitCode(), taken.timeline());
            assertTrue(taken.timeline().contains("-> 200"), taken.timeline());
        } finally {
            app.stop(0);
            TestStack.twilio().numberByPhone(Demo.GREETING_NUMBER).orElseThrow()
                    .put("sms_url", TestStack.PUBLIC_URL + "/twilio/messaging/inbound");
        }
    }
}
