package dev.switchboard.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.switchboard.api.webhooks.DeliveryLogApi;
import dev.switchboard.api.webhooks.WebhookEndpointsApi;
import dev.switchboard.api.webhooks.WebhookEndpointsApiHandler;
import dev.switchboard.delivery.worker.Attempts;
import dev.switchboard.shared.delivery.DeliveryJob;
import dev.switchboard.shared.delivery.DeliveryWiring;
import dev.switchboard.shared.delivery.Destinations;
import dev.switchboard.shared.delivery.EndpointHealth;
import dev.switchboard.shared.delivery.EndpointSecret;
import dev.switchboard.shared.delivery.WebhookEndpoint;
import dev.switchboard.shared.delivery.WebhookSender;
import dev.switchboard.shared.events.EventTypeFilter;
import dev.switchboard.shared.events.EventsWiring;
import dev.switchboard.shared.json.Json;
import dev.switchboard.shared.tenancy.TenancyWiring;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With the local stack's allowance for loopback switched off, as in AWS: the endpoints API refuses
 * URLs that reach private, loopback, link-local (the metadata address) or reserved addresses, and
 * the worker refuses to deliver to a name that resolves to one by the time it connects (DNS
 * rebinding). The real handler and worker classes, wired on the stack's tables.
 */
class DeliverySafetyTest {
    /** A name that resolved to a public address when the endpoint was saved, and now to loopback. */
    private static final String REBOUND = "hooks.rebound.example";

    private static Destinations inAws() {
        return new Destinations(false, host -> host.equals(REBOUND)
                ? List.of(InetAddress.getByAddress(REBOUND, new byte[]{127, 0, 0, 1}))
                : List.of(InetAddress.getAllByName(host)));
    }

    @Test
    void theApiRefusesUrlsThatReachTheDeploymentsOwnNetwork() {
        String tenant = "safe-" + Long.toHexString(System.nanoTime());
        Api.newTenant(tenant);
        var p = TestStack.repositories().platform();
        var delivery = new DeliveryWiring(p);
        var tenancy = new TenancyWiring(p);
        var handler = new WebhookEndpointsApiHandler(new WebhookEndpointsApi(delivery.endpoints(), delivery.secrets(),
                inAws(), new WebhookSender(inAws(), WebhookSender.TIMEOUT, p.clock()), tenancy.access(), p.cursors(),
                Duration.ofDays(3), Duration.ofDays(30), p.clock()),
                new DeliveryLogApi(delivery.endpoints(), delivery.log(), new EventsWiring(p).log(), delivery.queue(),
                        tenancy.access(), p.cursors(), Duration.ofDays(30), p.clock()));
        for (String url : List.of("http://127.0.0.1:8080/hooks", "https://127.0.0.1/hooks", "https://localhost/hooks",
                "https://169.254.169.254/latest/meta-data/", "https://10.0.0.5/hooks", "https://192.168.1.10/hooks",
                "https://[::1]/hooks", "https://[::ffff:169.254.169.254]/hooks", "https://224.0.0.1/hooks",
                "https://0.0.0.0/hooks", "https://100.64.0.1/hooks", "ftp://example.com/hooks")) {
            var answer = handler.handleRequest(create(tenant, url), null);
            assertEquals(422, answer.getStatusCode(), url + ": " + answer.getBody());
            assertEquals("url", Json.parse(answer.getBody()).path("error").path("field").asText(), url);
        }
        assertTrue(delivery.endpoints().list(tenant, null, 25).items().isEmpty(), "nothing saved");
    }

    @Test
    void aNameThatResolvesPrivateByTheTimeOfDeliveryIsNotConnectedTo() throws Exception {
        String tenant = "safe-" + Long.toHexString(System.nanoTime());
        Api.newTenant(tenant);
        var p = TestStack.repositories().platform();
        var delivery = new DeliveryWiring(p);
        Instant now = Instant.now();
        // Saved while the name was public (the API checked it then); it points at loopback now.
        var endpoint = new WebhookEndpoint(tenant, "we_0123456789abcdef01234567", "https://" + REBOUND + "/hooks", null,
                new EventTypeFilter(List.of("*")), delivery.secrets().seal(tenant, "we_0123456789abcdef01234567",
                EndpointSecret.generate()), null, null, new EndpointHealth.Healthy(), now, now);
        assertEquals(dev.switchboard.shared.delivery.WebhookEndpoints.Created.CREATED, delivery.endpoints().create(endpoint));
        var attempts = new Attempts(delivery.endpoints(), delivery.secrets(),
                new WebhookSender(inAws(), WebhookSender.TIMEOUT, p.clock()), delivery.log(), delivery.queue(),
                delivery.schedule(), delivery.healthPolicy(), p.clock());
        attempts.attempt(new DeliveryJob.Attempt(tenant, endpoint.id(), "evt_rebound", "call.missed", 10, now,
                "{\"id\":\"evt_rebound\",\"type\":\"call.missed\"}"));
        var logged = delivery.log().attempts(endpoint.id(), null, 10).items();
        assertEquals(1, logged.size());
        assertEquals("failed", logged.getFirst().result());
        assertEquals(0, logged.getFirst().responseStatus(), "nothing was connected to");
        assertTrue(logged.getFirst().reason().contains("may not be sent to"), logged.getFirst().reason());
    }

    private static APIGatewayV2HTTPEvent create(String tenant, String url) {
        var context = new APIGatewayV2HTTPEvent.RequestContext();
        var http = new APIGatewayV2HTTPEvent.RequestContext.Http();
        http.setMethod("POST");
        http.setPath("/v1/tenants/" + tenant + "/webhook-endpoints");
        context.setHttp(http);
        context.setRouteKey("POST /v1/tenants/{tenantId}/webhook-endpoints");
        var authorizer = new APIGatewayV2HTTPEvent.RequestContext.Authorizer();
        authorizer.setLambda(Map.of("role", "TENANT", "tenantId", tenant, "keyId", "0123456789abcdef"));
        context.setAuthorizer(authorizer);
        var event = new APIGatewayV2HTTPEvent();
        event.setRouteKey(context.getRouteKey());
        event.setRawPath(http.getPath());
        event.setRequestContext(context);
        event.setPathParameters(Map.of("tenantId", tenant));
        event.setHeaders(Map.of("content-type", "application/json"));
        event.setBody(Json.write(Map.of("url", url)));
        return event;
    }
}
