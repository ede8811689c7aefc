package dev.switchboard.local;

import dev.switchboard.local.twilio.TwilioSimulator;
import dev.switchboard.shared.twiml.TwimlDocument;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Numbers over the API against a fake Twilio: import configures the number at Twilio, its calls
 * route by the stored routing, and routing changes apply to the next call.
 */
class NumbersApiTest {
    private static final Map<String, Object> FORWARD = Map.of("mode", "forward", "forwardTo", "+15005550177",
            "timeoutSeconds", 15);
    private String tenant;
    private String key;
    private String accountSid;
    private String token;
    private String number;
    private String numberSid;

    @BeforeEach
    void connectedTenantWithATwilioNumber() {
        tenant = "num-" + Long.toHexString(System.nanoTime());
        key = Api.newTenant(tenant);
        accountSid = TwilioSimulator.sid("AC");
        token = TwilioSimulator.sid("").substring(0, 32);
        TestStack.twilio().addAccount(accountSid, token);
        number = "+1415" + String.format("%07d", Math.floorMod(System.nanoTime(), 10_000_000));
        numberSid = TestStack.twilio().addNumber(accountSid, number);
        assertEquals(200, Api.call("PUT", "/v1/tenants/{tenantId}/twilio", at(), key,
                Map.of("accountSid", accountSid, "authToken", token)).status());
    }

    private Map<String, String> at() {
        return Map.of("tenantId", tenant);
    }

    private Map<String, String> atNumber() {
        return Map.of("tenantId", tenant, "phoneNumber", number);
    }

    private Api.Response importIt(Map<String, Object> routing) {
        return Api.call("POST", "/v1/tenants/{tenantId}/numbers", at(), key, Map.of("phoneNumber", number,
                "routing", routing));
    }

    private TwimlDocument call() {
        var params = SignedWebhooks.voiceParams(Demo.newCallSid(), number, "ringing");
        params.put("AccountSid", accountSid);
        var response = SignedWebhooks.post("/twilio/voice/inbound", params, token);
        assertEquals(200, response.status(), response.body());
        return TwimlDocument.parse(response.body());
    }

    @Test
    void importingPointsTheNumberAtSwitchboardAndItsCallsRouteByTheNewRouting() {
        var incoming = Api.call("GET", "/v1/tenants/{tenantId}/twilio/incoming-numbers", at(), key, null).json();
        assertEquals(number, incoming.path("items").get(0).path("phoneNumber").asText());
        assertFalse(incoming.path("items").get(0).path("imported").asBoolean());

        var imported = importIt(FORWARD);
        assertEquals(201, imported.status(), imported.body());
        assertEquals(accountSid, imported.json().path("accountSid").asText());
        var atTwilio = TestStack.twilio().number(numberSid).orElseThrow();
        assertEquals(TestStack.PUBLIC_URL + "/twilio/voice/inbound", atTwilio.path("voice_url").asText());
        assertEquals(TestStack.PUBLIC_URL + "/twilio/voice/status", atTwilio.path("status_callback").asText());
        assertEquals(TestStack.PUBLIC_URL + "/twilio/messaging/inbound", atTwilio.path("sms_url").asText(),
                "messages come to Switchboard too");
        assertEquals("POST", atTwilio.path("sms_method").asText());
        assertTrue(Api.call("GET", "/v1/tenants/{tenantId}/twilio/incoming-numbers", at(), key, null).json()
                .path("items").get(0).path("imported").asBoolean());

        var twiml = call();
        assertEquals("+15005550177", twiml.text("Number"));
        assertEquals("15", twiml.verb("Dial").getAttribute("timeout"));

        var changed = Api.call("PATCH", "/v1/tenants/{tenantId}/numbers/{phoneNumber}", atNumber(), key,
                Map.of("routing", Map.of("mode", "greeting", "greeting", "We are closed today.")));
        assertEquals(200, changed.status(), changed.body());
        assertEquals(List.of("Say", "Hangup"), call().verbs(), "the next call routes by the new routing");
        assertEquals("We are closed today.", call().text("Say"));

        var listed = Api.call("GET", "/v1/tenants/{tenantId}/numbers", at(), key, null).json();
        assertEquals(List.of(number), listed.path("items").findValuesAsText("phoneNumber"));
    }

    @Test
    void healthSeesANumberThatDriftedAndRepairPointsItBack() {
        assertEquals(201, importIt(FORWARD).status());
        TestStack.twilio().number(numberSid).orElseThrow().put("voice_url", "https://elsewhere.example.com/voice");
        var health = Api.call("GET", "/v1/tenants/{tenantId}/twilio/health", at(), key, null).json();
        assertFalse(health.path("healthy").asBoolean(), health.toString());
        var drift = health.path("drift").get(0);
        assertEquals("number", drift.path("resource").asText());
        assertEquals(numberSid, drift.path("sid").asText());
        assertEquals("https://elsewhere.example.com/voice", drift.path("actual").asText());
        var repaired = Api.call("POST", "/v1/tenants/{tenantId}/twilio/repair", at(), key, null).json();
        assertEquals(1, repaired.path("repaired").size(), repaired.toString());
        assertEquals(TestStack.PUBLIC_URL + "/twilio/voice/inbound",
                TestStack.twilio().number(numberSid).orElseThrow().path("voice_url").asText());
        assertTrue(Api.call("GET", "/v1/tenants/{tenantId}/twilio/health", at(), key, null).json()
                .path("healthy").asBoolean());
    }

    @Test
    void anAgentWithANumberCannotBeDeletedUntilTheNumberMovesOn() {
        assertEquals(201, Api.call("POST", "/v1/tenants/{tenantId}/agents", at(), key,
                Map.of("id", "lee", "name", "Lee")).status());
        assertEquals(201, Api.call("POST", "/v1/tenants/{tenantId}/numbers", at(), key, Map.of("phoneNumber", number,
                "agentId", "lee", "routing", Map.of("mode", "client"))).status());
        Map<String, String> lee = Map.of("tenantId", tenant, "agentId", "lee");
        var refused = Api.call("DELETE", "/v1/tenants/{tenantId}/agents/{agentId}", lee, key, null);
        assertEquals(409, refused.status());
        assertTrue(refused.json().path("error").path("message").asText().contains(number));
        // Client routing needs its agent, so the number goes to voicemail before it lets the agent go.
        assertEquals(200, Api.call("PATCH", "/v1/tenants/{tenantId}/numbers/{phoneNumber}", atNumber(), key,
                Map.of("routing", Map.of("mode", "voicemail"))).status());
        var unassigned = new java.util.HashMap<String, Object>();
        unassigned.put("agentId", null);
        var moved = Api.call("PATCH", "/v1/tenants/{tenantId}/numbers/{phoneNumber}", atNumber(), key, unassigned);
        assertEquals(200, moved.status(), moved.body());
        assertTrue(moved.json().path("agentId").isNull());
        assertEquals(204, Api.call("DELETE", "/v1/tenants/{tenantId}/agents/{agentId}", lee, key, null).status());
    }

    @Test
    void releasingGivesTheNumberBackToTwilioAndForgetsIt() {
        assertEquals(201, importIt(FORWARD).status());
        assertEquals(204, Api.call("DELETE", "/v1/tenants/{tenantId}/numbers/{phoneNumber}", atNumber(), key, null)
                .status());
        assertFalse(TestStack.twilio().number(numberSid).isPresent(), "released at Twilio");
        assertEquals(404, Api.call("GET", "/v1/tenants/{tenantId}/numbers/{phoneNumber}", atNumber(), key, null)
                .status());
        assertEquals(List.of("Say", "Hangup"), call().verbs(), "a released number is not in service");
    }

    /**
     * A release racing a burst of changes: either may win, never a mix. When the release
     * answered 204 the number is gone for good, not written back by a change that read it first.
     */
    @Test
    void aReleaseRacingChangesNeverLeavesTheNumberBehind() throws Exception {
        for (int round = 0; round < 5; round++) {
            assertEquals(201, importIt(FORWARD).status());
            List<java.util.concurrent.Callable<Integer>> requests = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                int timeout = 10 + i;
                requests.add(() -> Api.call("PATCH", "/v1/tenants/{tenantId}/numbers/{phoneNumber}", atNumber(), key,
                        Map.of("routing", Map.of("mode", "forward", "forwardTo", "+15005550177",
                                "timeoutSeconds", timeout))).status());
            }
            requests.add(6, () -> Api.call("DELETE", "/v1/tenants/{tenantId}/numbers/{phoneNumber}", atNumber(), key,
                    null).status());
            List<Integer> statuses = new ArrayList<>();
            try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
                for (var result : pool.invokeAll(requests)) {
                    statuses.add(result.get());
                }
            }
            int released = statuses.get(6);
            assertEquals(204, released, "the release: " + statuses);
            statuses.stream().filter(st -> st != 204)
                    .forEach(st -> assertTrue(st == 200 || st == 404 || st == 409, "a change: " + statuses));
            assertTrue(TestStack.repositories().numbers().get(number).isEmpty(),
                    "round " + round + ": released, so gone: " + statuses);
            TestStack.twilio().addNumber(accountSid, number);
        }
    }

    @Test
    void aSubaccountsNumberIsConfiguredAsTheSubaccountAndValidatesWithItsToken() {
        String subSid = TwilioSimulator.sid("AC");
        String subToken = TwilioSimulator.sid("").substring(0, 32);
        TestStack.twilio().addAccount(subSid, subToken);
        String subNumber = "+1510" + String.format("%07d", Math.floorMod(System.nanoTime(), 10_000_000));
        String subNumberSid = TestStack.twilio().addNumber(subSid, subNumber);
        var connected = Api.call("PUT", "/v1/tenants/{tenantId}/twilio", at(), key, Map.of("accountSid", accountSid,
                "authToken", token, "subaccounts", List.of(Map.of("accountSid", subSid, "authToken", subToken))));
        assertEquals(200, connected.status(), connected.body());
        var badSub = Api.call("PUT", "/v1/tenants/{tenantId}/twilio", at(), key, Map.of("accountSid", accountSid,
                "authToken", token, "subaccounts", List.of(Map.of("accountSid", subSid, "authToken", "wrong"))));
        assertEquals(422, badSub.status());
        assertEquals("subaccounts", badSub.json().path("error").path("field").asText());

        var imported = Api.call("POST", "/v1/tenants/{tenantId}/numbers", at(), key, Map.of("phoneNumber", subNumber,
                "accountSid", subSid, "routing", Map.of("mode", "voicemail")));
        assertEquals(201, imported.status(), imported.body());
        var configured = TestStack.twilio().requestsFor(subSid).stream()
                .filter(r -> r.path().endsWith(subNumberSid + ".json")).toList();
        assertEquals(subSid, configured.getLast().user(), "configured as the subaccount");

        var params = SignedWebhooks.voiceParams(Demo.newCallSid(), subNumber, "ringing");
        params.put("AccountSid", subSid);
        var answered = SignedWebhooks.post("/twilio/voice/inbound", params, subToken);
        assertEquals(200, answered.status(), answered.body());
        assertEquals(List.of("Say", "Record"), TwimlDocument.parse(answered.body()).verbs());
        assertEquals(403, SignedWebhooks.post("/twilio/voice/inbound", params, token).status(),
                "the main account's token does not sign the subaccount's webhooks");

        // Signed by the tenant's main account, but about the subaccount's number and call.
        var asMain = SignedWebhooks.voiceParams(Demo.newCallSid(), subNumber, "ringing");
        asMain.put("AccountSid", accountSid);
        assertEquals(200, SignedWebhooks.post("/twilio/voice/inbound", asMain, token).status());
        assertTrue(TestStack.repositories().calls().get(tenant, asMain.get("CallSid")).isEmpty(),
                "a number is answered only for the account that owns it");
        var status = SignedWebhooks.voiceParams(params.get("CallSid"), subNumber, "completed");
        status.put("AccountSid", accountSid);
        status.put("CallDuration", "7");
        assertEquals(200, SignedWebhooks.post("/twilio/voice/status", status, token).status());
        var call = TestStack.repositories().calls().get(tenant, params.get("CallSid")).orElseThrow();
        assertEquals(subSid, call.accountSid());
        assertNotEquals(dev.switchboard.shared.twilio.CallStatus.COMPLETED, call.status(),
                "the main account cannot end the subaccount's call");
    }

    @Test
    void searchingAndBuyingANumberConfiguresItAsItIsBought() {
        var available = Api.call("GET", "/v1/tenants/{tenantId}/twilio/available-numbers", at(),
                "?country=US&areaCode=628&limit=3", key, null).json().path("items");
        assertEquals(3, available.size(), available.toString());
        String chosen = available.get(0).path("phoneNumber").asText();
        assertTrue(chosen.startsWith("+1628"));
        var search = TestStack.twilio().requestsFor(accountSid).stream()
                .filter(r -> r.path().endsWith("/AvailablePhoneNumbers/US/Local.json")).toList().getLast();
        assertEquals("628", search.query().get("AreaCode"));

        var bought = Api.call("POST", "/v1/tenants/{tenantId}/numbers/purchase", at(), key,
                Map.of("phoneNumber", chosen, "routing", Map.of("mode", "voicemail")));
        assertEquals(201, bought.status(), bought.body());
        var purchase = TestStack.twilio().requestsFor(accountSid).stream()
                .filter(r -> r.method().equals("POST") && r.path().endsWith("/IncomingPhoneNumbers.json")).toList().getLast();
        assertEquals(chosen, purchase.form().get("PhoneNumber"));
        assertEquals(TestStack.PUBLIC_URL + "/twilio/voice/inbound", purchase.form().get("VoiceUrl"));
        assertEquals(TestStack.PUBLIC_URL + "/twilio/messaging/inbound", purchase.form().get("SmsUrl"));
        assertEquals("POST", purchase.form().get("SmsMethod"));
        assertEquals(chosen, Api.call("GET", "/v1/tenants/{tenantId}/numbers/{phoneNumber}",
                Map.of("tenantId", tenant, "phoneNumber", chosen), key, null).json().path("phoneNumber").asText());
        assertEquals(409, Api.call("POST", "/v1/tenants/{tenantId}/numbers/purchase", at(), key,
                Map.of("phoneNumber", chosen, "routing", Map.of("mode", "voicemail"))).status(), "bought once");
        assertEquals(400, Api.call("GET", "/v1/tenants/{tenantId}/twilio/available-numbers", at(), "?country=usa",
                key, null).status());
    }

    @Test
    void importRefusesWhatCannotWork() {
        var notInAccount = Api.call("POST", "/v1/tenants/{tenantId}/numbers", at(), key,
                Map.of("phoneNumber", "+15005550999", "routing", FORWARD));
        assertEquals(422, notInAccount.status(), notInAccount.body());
        assertEquals("phoneNumber", notInAccount.json().path("error").path("field").asText());

        var badRouting = importIt(Map.of("mode", "forward"));
        assertEquals(422, badRouting.status());
        assertEquals("routing", badRouting.json().path("error").path("field").asText());
        var unknownField = importIt(Map.of("mode", "voicemail", "ivr", true));
        assertEquals(400, unknownField.status());
        assertEquals("routing.ivr", unknownField.json().path("error").path("field").asText());
        var noAgent = Api.call("POST", "/v1/tenants/{tenantId}/numbers", at(), key,
                Map.of("phoneNumber", number, "agentId", "ghost", "routing", Map.of("mode", "voicemail")));
        assertEquals(422, noAgent.status());

        TestStack.twilio().addNumber(accountSid, Demo.FORWARD_NUMBER);
        var taken = Api.call("POST", "/v1/tenants/{tenantId}/numbers", at(), key,
                Map.of("phoneNumber", Demo.FORWARD_NUMBER, "routing", FORWARD));
        assertEquals(409, taken.status(), "acme's number stays acme's: " + taken.body());
        assertEquals("acme", TestStack.repositories().numbers().get(Demo.FORWARD_NUMBER).orElseThrow().tenantId());
    }

    private long purchasesAtTwilio() {
        return TestStack.twilio().requestsFor(accountSid).stream()
                .filter(r -> r.method().equals("POST") && r.path().endsWith("/IncomingPhoneNumbers.json")).count();
    }

    @Test
    void aPurchaseRetriedWithItsIdempotencyKeyBuysOnce() {
        String chosen = "+1628" + String.format("%07d", Math.floorMod(System.nanoTime(), 10_000_000));
        Map<String, Object> body = Map.of("phoneNumber", chosen, "routing", Map.of("mode", "voicemail"));
        Map<String, String> idem = Map.of("Idempotency-Key", "buy-" + System.nanoTime());
        long before = purchasesAtTwilio();
        var first = Api.call("POST", "/v1/tenants/{tenantId}/numbers/purchase", at(), null, key, body, idem);
        assertEquals(201, first.status(), first.body());
        var retry = Api.call("POST", "/v1/tenants/{tenantId}/numbers/purchase", at(), null, key, body, idem);
        assertEquals(201, retry.status(), "the first answer again, not 409: " + retry.body());
        assertEquals(first.json(), retry.json());
        assertEquals(before + 1, purchasesAtTwilio(), "bought once");
    }

    @Test
    void aNumberTwilioWillNotSellIsNotRecorded() {
        // Someone else has it at Twilio: the purchase fails and the claim made before it is taken back.
        String taken = "+1628" + String.format("%07d", Math.floorMod(System.nanoTime() + 7, 10_000_000));
        TestStack.twilio().addNumber(TwilioSimulator.sid("AC"), taken);
        var refused = Api.call("POST", "/v1/tenants/{tenantId}/numbers/purchase", at(), key,
                Map.of("phoneNumber", taken, "routing", Map.of("mode", "voicemail")));
        // Twilio's refusal is the request's fault, not an outage: 422 with Twilio's code, not "retry".
        assertEquals(422, refused.status(), refused.body());
        assertEquals("twilio_refused", refused.json().path("error").path("code").asText());
        assertTrue(refused.json().path("error").path("message").asText().contains("21422"), refused.body());
        assertTrue(TestStack.repositories().numbers().get(taken).isEmpty(), "no claim left behind");
        assertEquals(404, Api.call("GET", "/v1/tenants/{tenantId}/numbers/{phoneNumber}",
                Map.of("tenantId", tenant, "phoneNumber", taken), key, null).status());
    }

    @Test
    void twoPurchasesOfOneNumberAtOnceBuyItOnce() throws Exception {
        String chosen = "+1628" + String.format("%07d", Math.floorMod(System.nanoTime() + 13, 10_000_000));
        long before = purchasesAtTwilio();
        List<Integer> statuses = new java.util.ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            var futures = new java.util.ArrayList<java.util.concurrent.Future<Integer>>();
            for (int i = 0; i < 6; i++) {
                futures.add(pool.submit(() -> Api.call("POST", "/v1/tenants/{tenantId}/numbers/purchase", at(), key,
                        Map.of("phoneNumber", chosen, "routing", Map.of("mode", "voicemail"))).status()));
            }
            for (var f : futures) {
                statuses.add(f.get());
            }
        }
        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(5, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        assertEquals(before + 1, purchasesAtTwilio(), "Twilio asked once");
        assertEquals(tenant, TestStack.repositories().numbers().get(chosen).orElseThrow().tenantId());
    }

    @Test
    void aTenantHasAtMostAThousandNumbers() {
        // Filled through the store: a thousand imports through Twilio would only be slower.
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 1000; i++) {
                String n = "+1630" + String.format("%03d", Math.floorMod(tenant.hashCode(), 1000)) + String.format("%04d", i);
                pool.submit(() -> TestStack.repositories().numbers().put(new dev.switchboard.shared.tenancy.PhoneNumber(n,
                        tenant, accountSid, null, dev.switchboard.shared.tenancy.Routing.forward("+15005550166"))));
            }
        }
        assertEquals(1000, TestStack.repositories().numbers().count(tenant, 2000));
        long before = purchasesAtTwilio();
        var bought = Api.call("POST", "/v1/tenants/{tenantId}/numbers/purchase", at(), key,
                Map.of("phoneNumber", "+16289990001", "routing", Map.of("mode", "voicemail")));
        assertEquals(422, bought.status(), bought.body());
        assertTrue(bought.json().path("error").path("message").asText().contains("1000"), bought.body());
        assertEquals(before, purchasesAtTwilio(), "nothing bought");
        String extra = "+1628" + String.format("%07d", Math.floorMod(System.nanoTime() + 29, 10_000_000));
        TestStack.twilio().addNumber(accountSid, extra);
        var imported = Api.call("POST", "/v1/tenants/{tenantId}/numbers", at(), key, Map.of("phoneNumber", extra,
                "routing", Map.of("mode", "voicemail")));
        assertEquals(422, imported.status(), imported.body());
        assertTrue(TestStack.repositories().numbers().get(extra).isEmpty());
    }
}
