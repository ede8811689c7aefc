package dev.switchboard.shared.events;

/** Hands domain events to their consumers. */
public interface EventPublisher {
    void publish(DomainEvent event);
}
