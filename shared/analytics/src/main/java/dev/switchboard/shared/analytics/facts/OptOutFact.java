package dev.switchboard.shared.analytics.facts;

import java.time.Instant;
import java.util.List;

/** A party that opted out of the tenant's messages ({@code contact.opted-out}), through a number. */
public record OptOutFact(String tenantId, String subject, List<MetricEvent> events, Instant at, String number)
        implements Fact {
}
