package dev.switchboard.local;

import dev.switchboard.local.twilio.TwilioSigner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One rule for each input, wherever it comes: bytes that are not UTF-8 are refused rather than
 * stored as U+FFFD, a Twilio parameter is held to the same rule by every webhook that takes it
 * (and nothing of a refused webhook is kept), and a route without a body refuses one.
 */
class InputRulesTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static String key;

    @BeforeAll
    static void apiKey() {
        key = Api.call("POST", "/v1/tenants/{tenantId}/api-keys", Map.of("tenantId", Demo.ACME), Api.adminKey(),
                Map.of("name", "input-rules")).json().path("key").asText();
    }

    private static HttpResponse<String> raw(String method, String path, String contentType, byte[] body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(TestStack.get().baseUrl() + path))
                .header("Authorization", "Bearer " + key).header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @ParameterizedTest(name = "sent as {0}")
    @ValueSource(strings = {"application/json", "application/octet-stream"})
    void aJsonBodyThatIsNotUtf8Is400AndNothingIsStored(String contentType) throws Exception {
        String agent = "utf" + Math.abs(contentType.hashCode() % 1000);
        Map<String, String> at = Map.of("tenantId", Demo.ACME, "agentId", agent);
        Api.call("DELETE", "/v1/tenants/{tenantId}/agents/{agentId}", at, key, null);
        assertEquals(201, Api.call("POST", "/v1/tenants/{tenantId}/agents", Map.of("tenantId", Demo.ACME), key,
                Map.of("id", agent, "name", "Before")).status());

        byte[] prefix = "{\"name\":\"".getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[prefix.length + 4];
        System.arraycopy(prefix, 0, body, 0, prefix.length);
        body[prefix.length] = (byte) 0xff;
        body[prefix.length + 1] = (byte) 0xfe;
        body[prefix.length + 2] = '"';
        body[prefix.length + 3] = '}';
        var response = raw("PATCH", "/v1/tenants/" + Demo.ACME + "/agents/" + agent, contentType, body);

        assertEquals(400, response.statusCode(), response.body());
        assertTrue(response.body().contains("UTF-8"), response.body());
        assertEquals("Before", Api.call("GET", "/v1/tenants/{tenantId}/agents/{agentId}", at, key, null).json()
                .path("name").asText());
    }

    @Test
    void aWebhookParameterWhoseBytesAreNotUtf8Is400() {
        String callSid = Demo.newCallSid();
        var params = SignedWebhooks.voiceParams(callSid, Demo.FORWARD_NUMBER, "ringing");
        String body = TwilioSigner.form(params) + "&CallerName=%FF%FE";
        params.put("CallerName", "\uFFFD\uFFFD");
        String signature = TwilioSigner.sign(Demo.ACME_TOKEN, TestStack.PUBLIC_URL + "/twilio/voice/inbound", params);
        var response = SignedWebhooks.send("/twilio/voice/inbound", body, Map.of("X-Twilio-Signature", signature));
        assertEquals(400, response.status(), response.body());
        assertEquals(404, Api.call("GET", "/v1/tenants/{tenantId}/calls/{callSid}",
                Map.of("tenantId", Demo.ACME, "callSid", callSid), key, null).status());
    }

    /** Values Twilio never sends, on each webhook that takes the parameter. */
    @ParameterizedTest(name = "{0} with {1}={2}")
    @CsvSource({
            "/twilio/voice/inbound, CallStatus, exploded",
            "/twilio/voice/inbound, SequenceNumber, 99999999999999999999999",
            "/twilio/voice/inbound, CallDuration, -5",
            "/twilio/voice/outbound, CallStatus, exploded",
            "/twilio/voice/outbound, SequenceNumber, 99999999999999999999999",
            "/twilio/voice/outbound, CallDuration, -5",
            "/twilio/voice/status, CallStatus, exploded",
            "/twilio/voice/status, SequenceNumber, 99999999999999999999999",
            "/twilio/voice/status, CallDuration, -5",
            "/twilio/voice/dial-complete, DialCallDuration, -5",
            "/twilio/voice/dial-complete, DialCallSid, CAnot-a-sid",
            "/twilio/voice/recording, RecordingUrl, not a url at all",
            "/twilio/voice/recording, RecordingDuration, 1.5",
            "/twilio/voice/voicemail, RecordingUrl, not a url at all",
            "/twilio/voice/voicemail, RecordingUrl, ftp://api.twilio.com/recording",
            "/twilio/voice/transcription, TranscriptionUrl, not a url at all",
            "/twilio/voice/transcription, RecordingUrl, javascript:alert(1)",
            "/twilio/messaging/inbound, MediaUrl0, not a url at all",
            "/twilio/messaging/inbound, NumMedia, 11",
            "/twilio/messaging/status, ErrorCode, +5",
            "/twilio/messaging/status, MessageStatus, exploded"
    })
    void aParameterBreakingItsRuleIs400OnEveryWebhookAndLeavesNoTrace(String path, String name, String value) {
        String callSid = Demo.newCallSid();
        var params = SignedWebhooks.voiceParams(callSid, Demo.FORWARD_NUMBER, "in-progress");
        if (path.endsWith("outbound")) {
            params.put("From", "client:acme_alice");
            params.put("To", "+14155550199");
            params.put("Direction", "inbound");
        }
        params.put("RecordingSid", "RE" + callSid.substring(2));
        params.put(name, value);
        var response = SignedWebhooks.post(path, params, Demo.ACME_TOKEN);
        assertEquals(400, response.status(), response.body());
        assertTrue(response.body().contains(name), response.body());
        assertFalse(response.body().contains("Exception"), response.body());
        assertEquals(404, Api.call("GET", "/v1/tenants/{tenantId}/calls/{callSid}",
                Map.of("tenantId", Demo.ACME, "callSid", callSid), key, null).status(), "nothing kept of " + callSid);
    }

    @Test
    void aRouteWithoutABodyRefusesOne() {
        Map<String, String> at = Map.of("tenantId", Demo.ACME);
        for (Object body : List.<Object>of("{}", "\"repair\"", "[1]", "0")) {
            var response = Api.call("POST", "/v1/tenants/{tenantId}/twilio/repair", at, key, body);
            assertEquals(400, response.status(), body + ": " + response.body());
            assertTrue(response.body().contains("no body"), response.body());
        }
        var list = Api.call("GET", "/v1/tenants/{tenantId}/agents", at, null, key, "{\"limit\":1}");
        assertEquals(400, list.status(), list.body());
    }
}
