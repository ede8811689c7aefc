package dev.switchboard.shared.analytics.facts;

import java.util.List;

/**
 * What the metrics know about one thing that is counted — a call, a message, an opt-out — made
 * from its events alone. A fact is a pure function of the set of its events (it is folded from
 * them in one fixed order), so the same events give the same fact whatever order, and however
 * often, they were delivered; and the aggregates, its contribution summed, can be rebuilt from
 * the event log.
 */
public sealed interface Fact permits CallFact, MessageFact, OptOutFact {

    String tenantId();

    /** {@code call#<CallSid>}, {@code message#<messageId>} or {@code opt-out#<eventId>}. */
    String subject();

    /** The events it was folded from, in the order they were folded. */
    List<MetricEvent> events();
}
