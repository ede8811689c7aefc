package dev.switchboard.local;

import dev.switchboard.shared.recordings.VoicemailStatus;
import dev.switchboard.shared.twilio.RecordingStatus;
import dev.switchboard.shared.events.DomainEvent;
import dev.switchboard.shared.twiml.TwimlDocument;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The voicemail, recording and transcription webhooks as Twilio on a bad day sends them: out of
 * order, repeated, at once, and forged by another account. Each fact is kept once, with one event.
 */
class VoicemailTest {

    private static String newRecordingSid() {
        return "RE" + Demo.newCallSid().substring(2);
    }

    private static String startCall() {
        String callSid = Demo.newCallSid();
        var inbound = SignedWebhooks.voiceParams(callSid, Demo.VOICEMAIL_NUMBER, "ringing");
        assertEquals(200, SignedWebhooks.post("/twilio/voice/inbound", inbound, Demo.ACME_TOKEN).status());
        return callSid;
    }

    private static Map<String, String> params(String callSid) {
        var params = SignedWebhooks.voiceParams(callSid, Demo.VOICEMAIL_NUMBER, "completed");
        return new LinkedHashMap<>(params);
    }

    private static Map<String, String> recording(String callSid, String recordingSid, String status) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("AccountSid", Demo.ACME_ACCOUNT);
        p.put("CallSid", callSid);
        p.put("RecordingSid", recordingSid);
        p.put("RecordingUrl", "https://api.twilio.com/2010-04-01/Accounts/" + Demo.ACME_ACCOUNT + "/Recordings/" + recordingSid);
        p.put("RecordingStatus", status);
        p.put("RecordingDuration", status.equals("in-progress") ? "" : "7");
        p.put("RecordingChannels", "1");
        p.put("RecordingSource", "RecordVerb");
        return p;
    }

    @Test
    void transcriptionFirstThenTheMessageThenItsRecordingFiveTimesAtOnce() throws Exception {
        String callSid = startCall();
        String recordingSid = newRecordingSid();
        // The transcription can come before the voicemail is made.
        var transcription = params(callSid);
        transcription.put("TranscriptionSid", "TR" + recordingSid.substring(2));
        transcription.put("TranscriptionStatus", "completed");
        transcription.put("TranscriptionText", "It's Sam, call me back.");
        transcription.put("RecordingSid", recordingSid);
        for (int i = 0; i < 2; i++) {
            assertEquals(200, SignedWebhooks.post("/twilio/voice/transcription", transcription, Demo.ACME_TOKEN).status());
        }
        var action = params(callSid);
        action.put("RecordingUrl", "https://api.twilio.com/2010-04-01/Accounts/" + Demo.ACME_ACCOUNT + "/Recordings/" + recordingSid);
        action.put("RecordingSid", recordingSid);
        action.put("RecordingDuration", "7");
        action.put("Digits", "hangup");
        var answer = SignedWebhooks.post("/twilio/voice/voicemail", action, Demo.ACME_TOKEN);
        assertEquals(200, answer.status());
        var twiml = TwimlDocument.parse(answer.body());
        assertEquals(List.of("Say", "Hangup"), twiml.verbs(), "the caller is thanked");
        assertEquals(200, SignedWebhooks.post("/twilio/voice/voicemail", action, Demo.ACME_TOKEN).status(), "a retry");

        List<Future<Integer>> answers = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 5; i++) {
                answers.add(pool.submit(() -> SignedWebhooks.post("/twilio/voice/voicemail",
                        recording(callSid, recordingSid, "completed"), Demo.ACME_TOKEN).status()));
            }
            for (var a : answers) {
                assertEquals(200, a.get());
            }
        }
        // A late in-progress changes nothing.
        assertEquals(200, SignedWebhooks.post("/twilio/voice/voicemail", recording(callSid, recordingSid, "in-progress"),
                Demo.ACME_TOKEN).status());

        var voicemail = TestStack.repositories().voicemails().get(Demo.ACME, callSid).orElseThrow();
        assertEquals(VoicemailStatus.NEW, voicemail.status());
        assertEquals(7, voicemail.durationSeconds());
        assertEquals("It's Sam, call me back.", voicemail.transcriptionText());
        var recordings = TestStack.repositories().recordings().ofCall(Demo.ACME, callSid);
        assertEquals(1, recordings.size());
        assertEquals(RecordingStatus.COMPLETED, recordings.getFirst().status());
        assertEquals(1, EventsQueue.forCall(DomainEvent.VOICEMAIL_RECEIVED, callSid).size());
        assertEquals(1, EventsQueue.forCall(DomainEvent.VOICEMAIL_TRANSCRIBED, callSid).size());
        assertEquals(1, EventsQueue.forCall(DomainEvent.RECORDING_COMPLETED, callSid).size(), "one event for five callbacks");
    }

    @Test
    void aCallerWhoHangsUpBeforeTheBeepLeavesNoVoicemail() {
        String callSid = startCall();
        var action = params(callSid);
        action.put("RecordingDuration", "0");
        action.put("Digits", "hangup");
        assertEquals(200, SignedWebhooks.post("/twilio/voice/voicemail", action, Demo.ACME_TOKEN).status());
        assertTrue(TestStack.repositories().voicemails().get(Demo.ACME, callSid).isEmpty());
    }

    @Test
    void anotherAccountCannotWriteOnThisTenantsCall() {
        String callSid = startCall();
        String recordingSid = newRecordingSid();
        // Signed, correctly, by globex: but the call is acme's.
        var forged = recording(callSid, recordingSid, "completed");
        forged.put("AccountSid", Demo.GLOBEX_ACCOUNT);
        assertEquals(200, SignedWebhooks.post("/twilio/voice/recording", forged, Demo.GLOBEX_TOKEN).status());
        assertTrue(TestStack.repositories().recordings().ofCall(Demo.ACME, callSid).isEmpty());
        assertTrue(TestStack.repositories().recordings().ofCall(Demo.GLOBEX, callSid).isEmpty());
        var bad = recording(callSid, "RE-not-a-sid", "completed");
        assertEquals(400, SignedWebhooks.post("/twilio/voice/recording", bad, Demo.ACME_TOKEN).status());
        var unknown = recording(callSid, recordingSid, "exploded");
        assertEquals(400, SignedWebhooks.post("/twilio/voice/recording", unknown, Demo.ACME_TOKEN).status());
    }
}
