package dev.switchboard.local;

import dev.switchboard.local.twilio.TwilioSimulator;
import dev.switchboard.shared.events.DomainEvent;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** No auth token in any log line, response or event, whatever the outcome of the webhook. */
class SecretsStayHiddenTest {
    private static final List<String> SECRETS = List.of(Demo.ACME_TOKEN, Demo.GLOBEX_TOKEN);

    @Test
    void apiFlowsLogNoTokenKeyOrSecret() {
        TestStack.get();
        String accountSid = TwilioSimulator.sid("AC");
        String authToken = TwilioSimulator.sid("").substring(0, 32);
        TestStack.twilio().addAccount(accountSid, authToken);
        String number = "+1707" + String.format("%07d", Math.floorMod(System.nanoTime(), 10_000_000));
        TestStack.twilio().addNumber(accountSid, number);
        String tenant = "secret-" + Long.toHexString(System.nanoTime());
        Map<String, String> at = Map.of("tenantId", tenant);
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream out = System.out;
        PrintStream err = System.err;
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        List<String> responses = new ArrayList<>();
        String tenantKey;
        String secondKey;
        System.setOut(capture);
        System.setErr(capture);
        try {
            tenantKey = Api.newTenant(tenant);
            secondKey = Api.call("POST", "/v1/tenants/{tenantId}/api-keys", at, tenantKey, null).json()
                    .path("key").asText();
            responses.add(Api.call("PUT", "/v1/tenants/{tenantId}/twilio", at, tenantKey,
                    Map.of("accountSid", accountSid, "authToken", authToken)).body());
            responses.add(Api.call("PUT", "/v1/tenants/{tenantId}/twilio", at, tenantKey,
                    Map.of("accountSid", accountSid, "authToken", "wrong-token-value")).body());
            responses.add(Api.call("POST", "/v1/tenants/{tenantId}/agents", at, tenantKey,
                    Map.of("id", "kim", "name", "Kim")).body());
            responses.add(Api.call("POST", "/v1/tenants/{tenantId}/numbers", at, tenantKey,
                    Map.of("phoneNumber", number, "agentId", "kim", "routing", Map.of("mode", "client"))).body());
            responses.add(Api.call("POST", "/v1/tenants/{tenantId}/agents/{agentId}/voice-token",
                    Map.of("tenantId", tenant, "agentId", "kim"), tenantKey, null).body());
            responses.add(Api.call("POST", "/v1/tenants/{tenantId}/calls", at, tenantKey,
                    Map.of("to", "+14155550100", "message", "hello")).body());
            responses.add(Api.call("GET", "/v1/tenants/{tenantId}/api-keys", at, tenantKey, null).body());
            responses.add(Api.call("GET", "/v1/tenants/{tenantId}/twilio/health", at, tenantKey, null).body());
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        var stored = TestStack.repositories().accounts().get(accountSid).orElseThrow();
        String apiKeySecret = TestStack.repositories().sealer().open(stored.sealedApiKeySecret(),
                dev.switchboard.shared.tenancy.TwilioAccount.apiKeySealingContext(accountSid));
        String logs = captured.toString(StandardCharsets.UTF_8);
        assertFalse(logs.isBlank());
        for (String secret : List.of(authToken, "wrong-token-value", apiKeySecret, tenantKey, secondKey,
                tenantKey.substring(tenantKey.lastIndexOf('_') + 1))) {
            assertFalse(logs.contains(secret), "a secret reached the logs");
            responses.forEach(r -> assertFalse(r.contains(secret), "a secret reached a response: " + r));
        }
    }

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
            var params = SignedWebhooks.voiceParams(callSid, Demo.FORWARD_NUMBER, "ringing");
            seen.add(SignedWebhooks.post("/twilio/voice/inbound", params, Demo.ACME_TOKEN).body());
            seen.add(SignedWebhooks.post("/twilio/voice/inbound", params, "forged").body());
            seen.add(SignedWebhooks.post("/twilio/voice/inbound", params, Demo.GLOBEX_TOKEN).body());
            var status = SignedWebhooks.voiceParams(callSid, Demo.FORWARD_NUMBER, "completed");
            status.put("CallDuration", "3");
            seen.add(SignedWebhooks.post("/twilio/voice/status", status, Demo.ACME_TOKEN).body());
            var unknownAccount = SignedWebhooks.voiceParams(callSid, Demo.FORWARD_NUMBER, "ringing");
            unknownAccount.put("AccountSid", "AC99999999999999999999999999999999");
            seen.add(SignedWebhooks.post("/twilio/voice/inbound", unknownAccount, Demo.ACME_TOKEN).body());
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
