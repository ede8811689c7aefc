package dev.switchboard.shared.analytics.store;

import dev.switchboard.shared.analytics.counting.Contribution;
import dev.switchboard.shared.analytics.facts.Fact;

/** A fact's new state, the version it was read at, and what the aggregates gain by the change. */
public record FactChange(StoredFact before, Fact after, Contribution delta) {
}
