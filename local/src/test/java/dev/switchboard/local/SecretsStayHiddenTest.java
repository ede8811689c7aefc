package dev.switchboard.local;

import dev.switchboard.shared.events.DomainEvent;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** No auth token in any log line, response or event, whatever the outcome of the webhook. */
class SecretsStayHiddenTest {
    private static final List<String> SECRETS = List.of(Demo.ACME_TOKEN, Demo.GLOBEX_TOKEN);

    @Test
    void tokensAppearInNoLogLineResponseOrEvent() {
        TestStack.get();
        List<String> seen = new ArrayList<>();
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream out = System.out;
        PrintStream err = System.err;
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        String callSid = Demo.newCallSid();
        try {
            var params = FakeTwilio.voiceParams(callSid, Demo.FORWARD_NUMBER, "ringing");
            seen.add(FakeTwilio.post("/twilio/voice/inbound", params, Demo.ACME_TOKEN).body());
            seen.add(FakeTwilio.post("/twilio/voice/inbound", params, "forged").body());
            seen.add(FakeTwilio.post("/twilio/voice/inbound", params, Demo.GLOBEX_TOKEN).body());
            var status = FakeTwilio.voiceParams(callSid, Demo.FORWARD_NUMBER, "completed");
            status.put("CallDuration", "3");
            seen.add(FakeTwilio.post("/twilio/voice/status", status, Demo.ACME_TOKEN).body());
            var unknownAccount = FakeTwilio.voiceParams(callSid, Demo.FORWARD_NUMBER, "ringing");
            unknownAccount.put("AccountSid", "AC99999999999999999999999999999999");
            seen.add(FakeTwilio.post("/twilio/voice/inbound", unknownAccount, Demo.ACME_TOKEN).body());
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        String logs = captured.toString(StandardCharsets.UTF_8);
        assertFalse(logs.isBlank(), "the webhooks logged something");
        seen.add(logs);
        EventsQueue.forCall(DomainEvent.CALL_STARTED, callSid).forEach(e -> seen.add(e.toString()));
        EventsQueue.forCall(DomainEvent.CALL_STATUS_CHANGED, callSid).forEach(e -> seen.add(e.toString()));
        assertEquals(1, EventsQueue.forCall(DomainEvent.CALL_STARTED, callSid).size());
        for (String text : seen) {
            for (String secret : SECRETS) {
                assertFalse(text.contains(secret), "a token leaked into: " + text);
            }
        }
    }
}
