package dev.switchboard.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.shared.log.CapturedLogs;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What an operator searching CloudWatch Logs finds on each line: the invocation it belongs to
 * (request id, cold start, X-Ray trace id, API Gateway's request id) and what it is about.
 */
class RequestLogsTest {
    @Test
    void aWebhooksLinesCarryItsInvocationAndWhatTwilioSignedItIsAbout() throws Exception {
        TestStack.get();
        String first = "SM" + Demo.newCallSid().substring(2);
        String second = "SM" + Demo.newCallSid().substring(2);
        List<JsonNode> lines = CapturedLogs.during(() -> {
            for (String sid : List.of(first, second)) {
                assertEquals(200, SignedWebhooks.post("/twilio/messaging/inbound", Map.of("AccountSid",
                        Demo.ACME_ACCOUNT, "MessageSid", sid, "From", Demo.CALLER, "To", Demo.FORWARD_NUMBER,
                        "Body", "Hello", "NumMedia", "0"), Demo.ACME_TOKEN).status());
            }
        });
        JsonNode one = received(lines, first);
        JsonNode two = received(lines, second);
        for (JsonNode line : List.of(one, two)) {
            assertEquals(Demo.ACME, line.path("tenantId").asText(), line.toString());
            assertEquals(Demo.ACME_ACCOUNT, line.path("accountSid").asText());
            assertTrue(line.path("requestId").asText().matches("[0-9a-f-]{36}"), line.toString());
            assertTrue(line.path("traceId").asText().matches("1-[0-9a-f]{8}-[0-9a-f]{24}"), line.toString());
            assertTrue(line.path("correlationId").asText().matches("[0-9a-f-]{36}"), "API Gateway's request id");
            assertTrue(line.path("coldStart").isBoolean(), line.toString());
        }
        assertEquals(first, one.path("messageSid").asText());
        assertNotEquals(one.path("requestId").asText(), two.path("requestId").asText());
        assertNotEquals(one.path("traceId").asText(), two.path("traceId").asText());
        assertNotEquals(one.path("correlationId").asText(), two.path("correlationId").asText());
    }

    @Test
    void aFunctionsFirstInvocationIsItsColdStartAndTheRestAreNot() throws Exception {
        TestStack.get();
        // A new container: the function's handler made afresh, as Lambda makes it.
        LambdaFunctions container = new LambdaFunctions(Template.bundled());
        APIGatewayV2HTTPEvent unsigned = APIGatewayV2HTTPEvent.builder()
                .withRouteKey("GET /v1/tenants/{tenantId}/events")
                .withPathParameters(Map.of("tenantId", "acme"))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId("gw-1").build())
                .build();
        List<JsonNode> lines = CapturedLogs.during(() -> {
            assertEquals(401, container.invoke("EventsApiFunction", unsigned).getStatusCode());
            assertEquals(401, container.invoke("EventsApiFunction", unsigned).getStatusCode());
        });
        List<JsonNode> refused = lines.stream().filter(l -> l.path("message").asText().equals("api refused")).toList();
        assertEquals(2, refused.size(), lines.toString());
        assertEquals(List.of(true, false), refused.stream().map(l -> l.path("coldStart").asBoolean()).toList());
        assertEquals("acme", refused.getFirst().path("tenantId").asText(), "what the route is about");
        assertEquals("gw-1", refused.getFirst().path("correlationId").asText());
    }

    private static JsonNode received(List<JsonNode> lines, String messageSid) {
        return lines.stream().filter(l -> l.path("message").asText().equals("message received")
                && l.path("messageSid").asText().equals(messageSid)).findFirst()
                .orElseThrow(() -> new AssertionError("no line for " + messageSid + " in " + lines));
    }
}
