package dev.switchboard.local;

import dev.switchboard.local.http.LoopbackServer;
import com.sun.net.httpserver.HttpServer;
import dev.switchboard.local.twilio.TwilioSimulator;
import dev.switchboard.shared.recordings.Recording;
import dev.switchboard.shared.events.DomainEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every completed recording safely in S3: a voicemail left through the Twilio simulator is copied
 * by the media worker (through the real backbone: outbox, stream, publisher, MediaQueue) into the
 * tenant's space, byte for byte; and Twilio or S3 failing on the way never leaves half an object.
 */
class RecordingCopyTest {
    private static final Pattern CALL_SID = Pattern.compile("call (CA[0-9a-f]{32}) ");

    @AfterEach
    void twilioWellAgain() {
        TestStack.twilio().mediaAlways(null);
    }

    private static String leaveVoicemail() throws Exception {
        TestStack.get();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = SimulatorClient.play(new Arguments.Simulate("call", TestStack.twilio().baseUrl(), Demo.CALLER,
                Demo.VOICEMAIL_NUMBER, "answered", "Please call me back.", "", List.of()),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8));
        String timeline = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, timeline);
        Matcher sid = CALL_SID.matcher(timeline);
        assertTrue(sid.find(), timeline);
        return sid.group(1);
    }

    private static Recording recording(String callSid) {
        var recordings = TestStack.repositories().recordings().ofCall(Demo.ACME, callSid);
        assertEquals(1, recordings.size(), recordings.toString());
        return recordings.getFirst();
    }

    /** One of Lambda's tries for everything waiting: the stream to the queues, the queues to the workers. */
    private static void drain() {
        TestStack.get().eventSources().drain();
    }

    private static S3Client s3() {
        return LocalStack.s3(TestStack.get().emulators());
    }

    private static String bucket() {
        return TestStack.repositories().settings().mediaBucket();
    }

    private static byte[] servedByTwilio(Recording recording) throws Exception {
        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(recording.recordingUrl() + ".mp3"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (Demo.ACME_ACCOUNT + ":" + Demo.ACME_TOKEN).getBytes(StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode());
        return response.body();
    }

    private static long mediaRequests(String recordingSid) {
        return TestStack.twilio().requestsFor(Demo.ACME_ACCOUNT).stream()
                .filter(r -> r.path().endsWith("/Recordings/" + recordingSid + ".mp3")).count();
    }

    @Test
    void aVoicemailEndsInS3ByteForByte() throws Exception {
        String callSid = leaveVoicemail();
        drain();
        Recording stored = recording(callSid);
        assertTrue(stored.stored(), stored.toString());
        String key = "tenants/acme/calls/" + callSid + "/recordings/" + stored.recordingSid() + ".mp3";
        assertEquals(key, stored.storedKey());
        var object = s3().getObjectAsBytes(b -> b.bucket(bucket()).key(key));
        assertEquals("audio/mpeg", object.response().contentType());
        assertArrayEquals(servedByTwilio(stored), object.asByteArray(), "the bytes Twilio served");
        assertEquals(object.asByteArray().length, stored.storedBytes());
        assertEquals(1, EventsQueue.forCall(DomainEvent.RECORDING_STORED, callSid).size());
        assertEquals("Please call me back.", TestStack.repositories().voicemails().get(Demo.ACME, callSid)
                .orElseThrow().transcriptionText());
    }

    @Test
    void twilioAnswering404TwiceThenTheMediaIsStoredOnce() throws Exception {
        TestStack.twilio().mediaAnswers(404, 404);
        String callSid = leaveVoicemail();
        for (int attempt = 0; attempt < 5 && !recording(callSid).stored(); attempt++) {
            drain();
        }
        Recording stored = recording(callSid);
        assertTrue(stored.stored());
        assertEquals(3, mediaRequests(stored.recordingSid()), "404, 404, then the media");
        assertEquals(1, EventsQueue.forCall(DomainEvent.RECORDING_STORED, callSid).size());
    }

    @Test
    void twilioFailingOnEveryTryIsReportedOnceAndTheRecordingLeftAtTwilioNotInTheDeadLetterQueue() throws Exception {
        TestStack.twilio().mediaAlways(500);
        String callSid = leaveVoicemail();
        // The first try and the queue's maxReceiveCount (10) of them in all; on the last, reported.
        for (int attempt = 0; attempt < 12 && recording(callSid).copy() != Recording.Copy.FAILED; attempt++) {
            drain();
        }
        Recording recording = recording(callSid);
        assertEquals(Recording.Copy.FAILED, recording.copy(), recording.toString());
        assertEquals("twilio_error", recording.copyError());
        assertFalse(recording.stored());
        String key = "tenants/acme/calls/" + callSid + "/recordings/" + recording.recordingSid() + ".mp3";
        assertThrows(NoSuchKeyException.class, () -> s3().headObject(b -> b.bucket(bucket()).key(key)));
        var reported = EventsQueue.forCall(DomainEvent.RECORDING_COPY_FAILED, callSid);
        assertEquals(1, reported.size(), "reported once");
        assertEquals(10, reported.getFirst().path("payload").path("attempts").asInt(), reported.toString());
        assertEquals(10, mediaRequests(recording.recordingSid()), "tried on each of the queue's receives");
        var sqs = TestStack.repositories().sqs();
        String dlq = sqs.getQueueUrl(b -> b.queueName("MediaDeadLetterQueue")).queueUrl();
        assertTrue(sqs.receiveMessage(b -> b.queueUrl(dlq).maxNumberOfMessages(10).visibilityTimeout(0)).messages()
                .stream().noneMatch(m -> m.body().contains(recording.recordingSid())), "not the operator's alarm");
        TestStack.twilio().mediaAlways(null);
        drain();
        assertEquals(10, mediaRequests(recording.recordingSid()), "done with: no further tries");
        assertTrue(servedByTwilio(recording).length > 0, "still at Twilio: never deleted there");
    }

    @Test
    void s3FailingMidUploadLeavesNoPartialUploadAndALaterTryStoresIt() throws Exception {
        S3Faults.failNextUploadParts(1);
        String callSid = leaveVoicemail();
        for (int attempt = 0; attempt < 3 && !recording(callSid).stored(); attempt++) {
            drain();
        }
        assertEquals(0, S3Faults.pending(), "a part upload failed on the way");
        Recording stored = recording(callSid);
        assertTrue(stored.stored(), "a later try stored it");
        String key = "tenants/acme/calls/" + callSid + "/recordings/" + stored.recordingSid() + ".mp3";
        // The failed try aborted its multipart upload: nothing half-uploaded is left behind.
        assertTrue(s3().listMultipartUploads(b -> b.bucket(bucket()).prefix(key)).uploads().isEmpty());
        assertArrayEquals(servedByTwilio(stored), s3().getObjectAsBytes(b -> b.bucket(bucket()).key(key)).asByteArray());
        assertEquals(1, EventsQueue.forCall(DomainEvent.RECORDING_STORED, callSid).size());
    }

    @Test
    void duplicateCallbacksMakeOneObjectAndOneStoredEvent() throws Exception {
        String callSid = leaveVoicemail();
        Recording recording = recording(callSid);
        Map<String, String> callback = new LinkedHashMap<>();
        callback.put("AccountSid", Demo.ACME_ACCOUNT);
        callback.put("CallSid", callSid);
        callback.put("RecordingSid", recording.recordingSid());
        callback.put("RecordingUrl", recording.recordingUrl());
        callback.put("RecordingStatus", "completed");
        callback.put("RecordingDuration", String.valueOf(recording.durationSeconds()));
        callback.put("RecordingChannels", "1");
        callback.put("RecordingSource", "RecordVerb");
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            var answers = java.util.stream.IntStream.range(0, 5).mapToObj(i -> pool.submit(() ->
                    SignedWebhooks.post("/twilio/voice/voicemail", callback, Demo.ACME_TOKEN).status())).toList();
            for (var answer : answers) {
                assertEquals(200, answer.get());
            }
        }
        drain();
        drain();
        assertTrue(recording(callSid).stored());
        assertEquals(1, mediaRequests(recording.recordingSid()), "copied once");
        assertEquals(1, EventsQueue.forCall(DomainEvent.RECORDING_STORED, callSid).size());
        assertEquals(1, EventsQueue.forCall(DomainEvent.RECORDING_COMPLETED, callSid).size());
    }

    @Test
    void aRecordingUrlOnAnotherHostGetsNoRequestAndNoCredentials() throws Exception {
        AtomicInteger reached = new AtomicInteger();
        HttpServer elsewhere = LoopbackServer.create(0);
        elsewhere.createContext("/", exchange -> {
            reached.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        elsewhere.start();
        try {
            String callSid = Demo.newCallSid();
            assertEquals(200, SignedWebhooks.post("/twilio/voice/inbound",
                    SignedWebhooks.voiceParams(callSid, Demo.FORWARD_NUMBER, "ringing"), Demo.ACME_TOKEN).status());
            String recordingSid = "RE" + TwilioSimulator.sid("").substring(0, 32);
            Map<String, String> forged = new LinkedHashMap<>();
            forged.put("AccountSid", Demo.ACME_ACCOUNT);
            forged.put("CallSid", callSid);
            forged.put("RecordingSid", recordingSid);
            // Signed with the right token, yet pointing at a host that is not Twilio's.
            forged.put("RecordingUrl", "http://127.0.0.1:" + elsewhere.getAddress().getPort()
                    + "/2010-04-01/Accounts/" + Demo.ACME_ACCOUNT + "/Recordings/" + recordingSid);
            forged.put("RecordingStatus", "completed");
            forged.put("RecordingDuration", "5");
            assertEquals(200, SignedWebhooks.post("/twilio/voice/recording", forged, Demo.ACME_TOKEN).status());
            drain();
            drain();
            assertEquals(0, reached.get(), "no request, let alone one carrying the tenant's token");
            assertFalse(recording(callSid).stored());
        } finally {
            elsewhere.stop(0);
        }
    }

    @Test
    void theInboxListsPlaysMovesAndDeletesAVoicemail() throws Exception {
        String callSid = leaveVoicemail();
        drain();
        String key = Api.call("POST", "/v1/tenants/{tenantId}/api-keys", Map.of("tenantId", Demo.ACME), Api.adminKey(),
                Map.of("name", "inbox")).json().path("key").asText();
        Map<String, String> at = Map.of("tenantId", Demo.ACME);
        var inbox = Api.call("GET", "/v1/tenants/{tenantId}/voicemails", at, "?status=new&limit=100", key, null);
        assertEquals(200, inbox.status(), inbox.body());
        var listed = java.util.stream.StreamSupport.stream(inbox.json().path("items").spliterator(), false)
                .filter(v -> v.path("id").asText().equals(callSid)).findFirst().orElseThrow();
        assertEquals("Please call me back.", listed.path("transcription").asText());
        assertTrue(listed.path("stored").asBoolean());
        assertEquals("stored", listed.path("copyStatus").asText());
        assertTrue(listed.path("playbackUrl").asText().contains("X-Amz-Expires=900"), "stored, so linked: " + listed);

        Map<String, String> one = Map.of("tenantId", Demo.ACME, "callSid", callSid);
        var voicemail = Api.call("GET", "/v1/tenants/{tenantId}/voicemails/{callSid}", one, key, null).json();
        String link = voicemail.path("playbackUrl").asText();
        assertTrue(link.contains("X-Amz-Expires=900"), "valid 15 minutes: " + link);
        var played = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(link)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, played.statusCode());
        assertArrayEquals(servedByTwilio(recording(callSid)), played.body(), "the link plays the message");

        var listened = Api.call("PATCH", "/v1/tenants/{tenantId}/voicemails/{callSid}", one, key, Map.of("status", "listened"));
        assertEquals("listened", listened.json().path("status").asText());
        assertEquals(422, Api.call("PATCH", "/v1/tenants/{tenantId}/voicemails/{callSid}", one, key,
                Map.of("status", "deleted")).status());
        var stillNew = Api.call("GET", "/v1/tenants/{tenantId}/voicemails", at, "?status=new&limit=100", key, null).json();
        assertFalse(stillNew.toString().contains(callSid), "no longer new");
        String other = Api.newTenant("inbox-" + Long.toHexString(System.nanoTime()));
        assertEquals(404, Api.call("GET", "/v1/tenants/{tenantId}/voicemails/{callSid}",
                Map.of("tenantId", Demo.ACME, "callSid", callSid), other, null).status(), "another tenant's key");

        String storedKey = recording(callSid).storedKey();
        assertEquals(204, Api.call("DELETE", "/v1/tenants/{tenantId}/voicemails/{callSid}", one, key, null).status());
        assertEquals(404, Api.call("GET", "/v1/tenants/{tenantId}/voicemails/{callSid}", one, key, null).status());
        assertThrows(NoSuchKeyException.class, () -> s3().headObject(b -> b.bucket(bucket()).key(storedKey)));
        assertTrue(TestStack.twilio().requestsFor(Demo.ACME_ACCOUNT).stream().anyMatch(r -> r.method().equals("DELETE")
                && r.path().contains("/Recordings/" + recording(callSid).recordingSid())), "deleted at Twilio too");
    }

    @Test
    void aTenantChoosesWavAndDeletionAtTwilioOnceStored() throws Exception {
        String tenant = "rec-" + Long.toHexString(System.nanoTime());
        String key = Api.newTenant(tenant);
        Map<String, String> at = Map.of("tenantId", tenant);
        String accountSid = TwilioSimulator.sid("AC");
        String token = TwilioSimulator.sid("").substring(0, 32);
        TestStack.twilio().addAccount(accountSid, token);
        String number = "+1631" + String.format("%07d", Math.floorMod(System.nanoTime(), 10_000_000));
        TestStack.twilio().addNumber(accountSid, number);
        assertEquals(200, Api.call("PUT", "/v1/tenants/{tenantId}/twilio", at, key,
                Map.of("accountSid", accountSid, "authToken", token)).status());
        assertEquals(201, Api.call("POST", "/v1/tenants/{tenantId}/numbers", at, key, Map.of("phoneNumber", number,
                "routing", Map.of("mode", "voicemail"))).status());
        var defaults = Api.call("GET", "/v1/tenants/{tenantId}", at, key, null).json().path("recordings");
        assertEquals("mp3", defaults.path("format").asText());
        assertFalse(defaults.path("deleteAtTwilio").asBoolean());
        var changed = Api.call("PATCH", "/v1/tenants/{tenantId}", at, key,
                Map.of("recordings", Map.of("format", "wav", "deleteAtTwilio", true)));
        assertEquals(200, changed.status(), changed.body());
        assertEquals("wav", changed.json().path("recordings").path("format").asText());
        assertEquals(422, Api.call("PATCH", "/v1/tenants/{tenantId}", at, key,
                Map.of("recordings", Map.of("format", "ogg"))).status());

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, SimulatorClient.play(new Arguments.Simulate("call", TestStack.twilio().baseUrl(), Demo.CALLER, number,
                "answered", "Keep this one as WAV.", "", List.of()), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8)), out.toString(StandardCharsets.UTF_8));
        Matcher sid = CALL_SID.matcher(out.toString(StandardCharsets.UTF_8));
        assertTrue(sid.find());
        String callSid = sid.group(1);
        var recordingBefore = TestStack.repositories().recordings().ofCall(tenant, callSid).getFirst();
        String basic = "Basic " + Base64.getEncoder().encodeToString((accountSid + ":" + token).getBytes(StandardCharsets.UTF_8));
        byte[] wav = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(recordingBefore.recordingUrl() + ".wav"))
                .header("Authorization", basic).build(), HttpResponse.BodyHandlers.ofByteArray()).body();
        drain();
        var stored = TestStack.repositories().recordings().ofCall(tenant, callSid).getFirst();
        assertTrue(stored.stored());
        assertTrue(stored.storedKey().endsWith("/recordings/" + stored.recordingSid() + ".wav"), stored.storedKey());
        var object = s3().getObjectAsBytes(b -> b.bucket(bucket()).key(stored.storedKey()));
        assertEquals("audio/x-wav", object.response().contentType());
        assertArrayEquals(wav, object.asByteArray());
        // Deleted at Twilio, after the copy was verified.
        assertEquals(404, HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(recordingBefore.recordingUrl() + ".json"))
                .header("Authorization", basic).build(), HttpResponse.BodyHandlers.discarding()).statusCode());
    }
}
