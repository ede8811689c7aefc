package dev.switchboard.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.shared.recordings.Recording;
import dev.switchboard.shared.events.DomainEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A deleted voicemail's recording is deleted everywhere the tenant looks (the call's detail, the
 * inbox), whether the delete comes after the copy into S3, before it, or before Twilio has even
 * reported the recording; the media worker drops the work for it quietly, with nothing for the
 * dead-letter queue. And wherever a voicemail shows its recording stored, it gives its link.
 */
class VoicemailDeletionTest {
    private static final Pattern CALL_SID = Pattern.compile("call (CA[0-9a-f]{32}) ");
    private static String key;

    @BeforeAll
    static void anInboxKey() {
        TestStack.get();
        key = Api.call("POST", "/v1/tenants/{tenantId}/api-keys", Map.of("tenantId", Demo.ACME), Api.adminKey(),
                Map.of("name", "deletions")).json().path("key").asText();
    }

    @AfterEach
    void twilioWellAgain() {
        TestStack.twilio().mediaAlways(null);
    }

    private static String leaveVoicemail() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = SimulatorClient.play(new Arguments.Simulate("call", TestStack.twilio().baseUrl(), Demo.CALLER,
                Demo.VOICEMAIL_NUMBER, "answered", "Delete me later.", "", List.of()),
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

    private static void drain() {
        TestStack.get().eventSources().drain();
    }

    private static Api.Response delete(String callSid) {
        return Api.call("DELETE", "/v1/tenants/{tenantId}/voicemails/{callSid}",
                Map.of("tenantId", Demo.ACME, "callSid", callSid), key, null);
    }

    private static JsonNode shownInCallDetail(String callSid) {
        var detail = Api.call("GET", "/v1/tenants/{tenantId}/calls/{callSid}",
                Map.of("tenantId", Demo.ACME, "callSid", callSid), key, null);
        assertEquals(200, detail.status(), detail.body());
        assertTrue(detail.json().path("voicemail").isNull(), "the voicemail is gone from the call");
        assertEquals(1, detail.json().path("recordings").size(), detail.body());
        return detail.json().path("recordings").get(0);
    }

    private static void assertShownDeleted(JsonNode recording) {
        assertFalse(recording.path("stored").asBoolean(), recording.toString());
        assertTrue(recording.path("playbackUrl").isNull(), "no link to what is gone: " + recording);
        assertTrue(recording.path("storedBytes").isNull(), recording.toString());
        assertEquals("deleted", recording.path("copyStatus").asText(), recording.toString());
        assertFalse(recording.path("deletedAt").isNull(), recording.toString());
    }

    private static long mediaRequests(String recordingSid) {
        return TestStack.twilio().requestsFor(Demo.ACME_ACCOUNT).stream()
                .filter(r -> r.method().equals("GET") && r.path().contains("/Recordings/" + recordingSid + "."))
                .count();
    }

    private static boolean inDeadLetterQueue(String recordingSid) {
        var sqs = TestStack.repositories().sqs();
        String dlq = sqs.getQueueUrl(b -> b.queueName("MediaDeadLetterQueue")).queueUrl();
        return sqs.receiveMessage(b -> b.queueUrl(dlq).maxNumberOfMessages(10).visibilityTimeout(0)).messages().stream()
                .anyMatch(m -> m.body().contains(recordingSid));
    }

    @Test
    void aDeletedVoicemailsRecordingIsShownDeletedInTheCallsDetail() throws Exception {
        String callSid = leaveVoicemail();
        drain();
        Recording stored = recording(callSid);
        assertTrue(stored.stored(), stored.toString());
        // The inbox: stored means linked, in the list as for one voicemail.
        var inbox = Api.call("GET", "/v1/tenants/{tenantId}/voicemails", Map.of("tenantId", Demo.ACME),
                "?limit=100", key, null).json();
        JsonNode listed = StreamSupport.stream(inbox.path("items").spliterator(), false)
                .filter(v -> v.path("id").asText().equals(callSid)).findFirst().orElseThrow();
        assertTrue(listed.path("stored").asBoolean(), listed.toString());
        assertFalse(listed.path("playbackUrl").isNull(), "stored, so linked: " + listed);

        assertEquals(204, delete(callSid).status());
        assertShownDeleted(shownInCallDetail(callSid));
        assertThrows(NoSuchKeyException.class, () -> LocalStack.s3(TestStack.get().emulators())
                .headObject(b -> b.bucket(TestStack.repositories().settings().mediaBucket()).key(stored.storedKey())));
        assertEquals(404, Api.call("GET", "/v1/tenants/{tenantId}/voicemails/{callSid}",
                Map.of("tenantId", Demo.ACME, "callSid", callSid), key, null).status());
        var after = Api.call("GET", "/v1/tenants/{tenantId}/voicemails", Map.of("tenantId", Demo.ACME),
                "?limit=100", key, null).json();
        assertFalse(after.toString().contains(callSid), "gone from the inbox");
        assertEquals(404, delete(callSid).status(), "deleted once");
    }

    @Test
    void aVoicemailDeletedBeforeItsCopyHasItsCopyDroppedQuietly() throws Exception {
        // Twilio answers 404 at first (as it does for a while after a recording completes).
        TestStack.twilio().mediaAlways(404);
        String callSid = leaveVoicemail();
        String recordingSid = recording(callSid).recordingSid();
        drain();
        assertFalse(recording(callSid).stored());
        assertEquals(204, delete(callSid).status());
        TestStack.twilio().mediaAlways(null);
        // As a try that completed its upload and stopped before counting it would have left it.
        String leftover = "tenants/" + Demo.ACME + "/calls/" + callSid + "/recordings/" + recordingSid + ".mp3";
        String bucket = TestStack.repositories().settings().mediaBucket();
        try (var s3 = LocalStack.s3(TestStack.get().emulators())) {
            s3.putObject(b -> b.bucket(bucket).key(leftover), software.amazon.awssdk.core.sync.RequestBody.fromString("x"));
            long asked = mediaRequests(recordingSid);
            for (int i = 0; i < 3; i++) {
                drain();
            }
            assertEquals(asked, mediaRequests(recordingSid), "no further try at a deleted recording");
            assertThrows(software.amazon.awssdk.services.s3.model.NoSuchKeyException.class,
                    () -> s3.headObject(b -> b.bucket(bucket).key(leftover)), "no copy outlives the delete");
        }
        assertShownDeleted(shownInCallDetail(callSid));
        assertEquals(Recording.Copy.DELETED, recording(callSid).copy());
        assertEquals(0, EventsQueue.forCall(DomainEvent.RECORDING_COPY_FAILED, callSid).size(), "nothing to report");
        assertEquals(0, EventsQueue.forCall(DomainEvent.RECORDING_STORED, callSid).size());
        assertFalse(inDeadLetterQueue(recordingSid), "nothing for the operator's alarm");
    }

    @Test
    void aVoicemailDeletedBeforeTwilioReportsItsRecordingIsNeverCopied() throws Exception {
        String callSid = Demo.newCallSid();
        String recordingSid = "RE" + callSid.substring(2);
        String url = TestStack.twilio().baseUrl() + "/2010-04-01/Accounts/" + Demo.ACME_ACCOUNT + "/Recordings/"
                + recordingSid;
        assertEquals(200, SignedWebhooks.post("/twilio/voice/inbound",
                SignedWebhooks.voiceParams(callSid, Demo.VOICEMAIL_NUMBER, "ringing"), Demo.ACME_TOKEN).status());
        Map<String, String> action = new LinkedHashMap<>(SignedWebhooks.voiceParams(callSid, Demo.VOICEMAIL_NUMBER,
                "completed"));
        action.put("RecordingUrl", url);
        action.put("RecordingSid", recordingSid);
        action.put("RecordingDuration", "4");
        action.put("Digits", "hangup");
        assertEquals(200, SignedWebhooks.post("/twilio/voice/voicemail", action, Demo.ACME_TOKEN).status());
        assertEquals(204, delete(callSid).status());

        // Then Twilio's recording callback.
        Map<String, String> callback = new LinkedHashMap<>();
        callback.put("AccountSid", Demo.ACME_ACCOUNT);
        callback.put("CallSid", callSid);
        callback.put("RecordingSid", recordingSid);
        callback.put("RecordingUrl", url);
        callback.put("RecordingStatus", "completed");
        callback.put("RecordingDuration", "4");
        callback.put("RecordingChannels", "1");
        callback.put("RecordingSource", "RecordVerb");
        assertEquals(200, SignedWebhooks.post("/twilio/voice/voicemail", callback, Demo.ACME_TOKEN).status());
        drain();
        drain();
        assertEquals(0, mediaRequests(recordingSid), "not fetched");
        assertShownDeleted(shownInCallDetail(callSid));
        assertEquals("completed", shownInCallDetail(callSid).path("status").asText(), "as Twilio reported it");
        assertEquals(1, EventsQueue.forCall(DomainEvent.RECORDING_COMPLETED, callSid).size());
        assertEquals(0, EventsQueue.forCall(DomainEvent.RECORDING_COPY_FAILED, callSid).size());
        assertFalse(inDeadLetterQueue(recordingSid));
    }
}
