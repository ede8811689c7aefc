package dev.switchboard.shared.events;

import java.util.List;
import java.util.function.Predicate;

/**
 * The one place that says which events go to which queue. EventsQueue is the tenants' contract
 * and gets every event; the internal workers' queues get only the types they act on, so no
 * consumer competes with another for a message.
 */
public record EventRouting(List<Target> targets) {

    /** @param name the queue's logical id in template.yaml, for logs */
    public record Target(String name, String queueUrl, Predicate<String> types) {
    }

    public static EventRouting of(String eventsQueueUrl) {
        return new EventRouting(List.of(new Target("EventsQueue", eventsQueueUrl, type -> true)));
    }

    /**
     * As {@link #of(String)}, and to the media worker's queue, when there is one, what it copies:
     * completed recordings and received messages (it passes over those without media).
     */
    public static EventRouting of(String eventsQueueUrl, java.util.Optional<String> mediaQueueUrl) {
        var targets = new java.util.ArrayList<>(of(eventsQueueUrl).targets());
        mediaQueueUrl.ifPresent(url -> targets.add(new Target("MediaQueue", url,
                type -> DomainEvent.RECORDING_COMPLETED.equals(type) || DomainEvent.MESSAGE_RECEIVED.equals(type))));
        return new EventRouting(List.copyOf(targets));
    }

    /**
     * As {@link #of(String, java.util.Optional)}, and every event to the tenants' channels where the
     * deployment has them: the webhook delivery worker's queue and the WebSocket push worker's.
     */
    public static EventRouting of(String eventsQueueUrl, java.util.Optional<String> mediaQueueUrl,
                                  java.util.Optional<String> deliveryQueueUrl,
                                  java.util.Optional<String> realtimeQueueUrl) {
        var targets = new java.util.ArrayList<>(of(eventsQueueUrl, mediaQueueUrl).targets());
        deliveryQueueUrl.ifPresent(url -> targets.add(new Target("WebhookDeliveryQueue", url, type -> true)));
        realtimeQueueUrl.ifPresent(url -> targets.add(new Target("RealtimeQueue", url, type -> true)));
        return new EventRouting(List.copyOf(targets));
    }

    public List<Target> targetsOf(String type) {
        return targets.stream().filter(t -> t.types().test(type)).toList();
    }
}
