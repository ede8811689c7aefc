package dev.switchboard.shared.delivery;

import dev.switchboard.shared.Platform;
import dev.switchboard.shared.events.EventsWiring;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The delivery capability's wiring: tenants' endpoints, their sealed secrets, and where events may go. */
public final class DeliveryWiring {
    private final Platform platform;

    public DeliveryWiring(Platform platform) {
        this.platform = platform;
    }

    public WebhookEndpoints endpoints() {
        return new DynamoWebhookEndpoints(platform.dynamo(), platform.settings().tables().webhookEndpoints(),
                new EventsWiring(platform).outbox());
    }

    public DeliveryLog log() {
        return new DynamoDeliveryLog(platform.dynamo(), platform.settings().tables().webhookDeliveries(),
                platform.settings().eventRetention());
    }

    /** Where redeliveries, recoveries and retries wait for the worker. */
    public DeliveryQueue queue() {
        String url = platform.settings().channels().deliveryQueueUrl()
                .orElseThrow(() -> new IllegalStateException("Missing configuration "
                        + dev.switchboard.shared.config.Settings.WEBHOOK_DELIVERY_QUEUE_URL));
        return new DeliveryQueue(platform.sqs(), url, platform.clock());
    }

    /** The Standard Webhooks schedule; compressed only where the settings say (the local stack's tests). */
    public RetrySchedule schedule() {
        double compression = platform.settings().channels().retryCompression();
        return compression == 1 ? RetrySchedule.standard() : RetrySchedule.compressed(compression, Math::random);
    }

    public EndpointHealth.Policy healthPolicy() {
        double compression = platform.settings().channels().retryCompression();
        return compression == 1 ? EndpointHealth.Policy.standard() : EndpointHealth.Policy.compressed(compression);
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
        return new WebhookSender(destinations(), WebhookSender.TIMEOUT, platform.clock());
    }

    /** How long a name may take to resolve: a name whose servers never answer must not hold the request. */
    static final Duration RESOLVE_TIMEOUT = Duration.ofSeconds(3);

    private static List<InetAddress> resolve(String host) throws UnknownHostException {
        var lookup = new FutureTask<>(() -> List.of(InetAddress.getAllByName(host)));
        Thread.ofVirtual().start(lookup);
        try {
            return lookup.get(RESOLVE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownHostException unknown) {
                throw unknown;
            }
            throw new UnknownHostException(host + ": " + e.getCause().getClass().getSimpleName());
        } catch (TimeoutException e) {
            lookup.cancel(true);
            throw new UnknownHostException(host + " did not resolve within " + RESOLVE_TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnknownHostException(host + ": interrupted");
        }
    }
}
