package dev.switchboard.shared.delivery;

import dev.switchboard.shared.Platform;

import java.net.InetAddress;
import java.util.List;

/** The delivery capability's wiring: tenants' endpoints, their sealed secrets, and where events may go. */
public final class DeliveryWiring {
    private final Platform platform;

    public DeliveryWiring(Platform platform) {
        this.platform = platform;
    }

    public WebhookEndpoints endpoints() {
        return new DynamoWebhookEndpoints(platform.dynamo(), platform.settings().tables().webhookEndpoints());
    }

    public EndpointSecrets secrets() {
        return new EndpointSecrets(platform.sealer());
    }

    /** https to public addresses; on the local stack also http to loopback. */
    public Destinations destinations() {
        return new Destinations(platform.settings().webhooksToLoopback(), DeliveryWiring::resolve);
    }

    /** One attempt at a time, to the address checked as it connects. */
    public WebhookSender sender() {
        return new WebhookSender(destinations(), DeliveryWiring::resolve, WebhookSender.TIMEOUT, platform.clock());
    }

    private static List<InetAddress> resolve(String host) throws java.net.UnknownHostException {
        return List.of(InetAddress.getAllByName(host));
    }
}
