package dev.switchboard.shared.analytics.ingest;

import dev.switchboard.shared.analytics.counting.Contribution;
import dev.switchboard.shared.analytics.counting.Counting;
import dev.switchboard.shared.analytics.facts.Fact;
import dev.switchboard.shared.analytics.facts.Facts;
import dev.switchboard.shared.analytics.facts.MetricEvent;
import dev.switchboard.shared.analytics.store.DynamoMetricsStore;
import dev.switchboard.shared.analytics.store.FactChange;
import dev.switchboard.shared.analytics.store.StoredFact;
import dev.switchboard.shared.log.Log;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Counts a batch of the outbox's events: each event joins the fact of what it is about, and the
 * fact's change moves the cells, in transactions of at most {@value #MAX_ITEMS} items, each
 * conditional on the facts' versions as read. An event a fact holds already adds nothing, so a
 * batch delivered again (the stream retries whole batches) is counted once; a fact another batch
 * changed meanwhile is read and folded again.
 */
public final class MetricsIngest {
    /** DynamoDB's limit on a transaction's items. */
    static final int MAX_ITEMS = 100;
    private static final int ATTEMPTS = 8;
    private static final Log LOG = Log.of(MetricsIngest.class);

    private final DynamoMetricsStore store;
    private final Clock clock;

    public MetricsIngest(DynamoMetricsStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** @return the tenants whose figures changed */
    public Set<String> ingest(List<MetricEvent> events) {
        Map<String, Map<String, List<MetricEvent>>> byTenant = new LinkedHashMap<>();
        for (MetricEvent e : events) {
            if (!Facts.counted(e.type()) || e.tenantId() == null) {
                continue;
            }
            Facts.subject(e).ifPresent(subject -> byTenant.computeIfAbsent(e.tenantId(), t -> new LinkedHashMap<>())
                    .computeIfAbsent(subject, s -> new ArrayList<>()).add(e));
        }
        Set<String> changed = new LinkedHashSet<>();
        byTenant.forEach((tenantId, subjects) -> {
            if (ingest(tenantId, subjects)) {
                changed.add(tenantId);
            }
        });
        return changed;
    }

    private boolean ingest(String tenantId, Map<String, List<MetricEvent>> subjects) {
        Map<String, List<MetricEvent>> pending = new LinkedHashMap<>(subjects);
        boolean changed = false;
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            if (attempt > ATTEMPTS) {
                throw new IllegalStateException("metrics facts kept changing under this batch; it will be retried");
            }
            Map<String, StoredFact> stored = store.facts(tenantId, List.copyOf(pending.keySet()));
            List<FactChange> changes = new ArrayList<>();
            for (var subject : pending.entrySet()) {
                changes(stored.get(subject.getKey()), subject.getValue()).ifPresent(changes::add);
            }
            Map<String, List<MetricEvent>> retry = new LinkedHashMap<>();
            for (List<FactChange> chunk : chunks(changes)) {
                store.recordSlices(tenantId, chunk);
                if (store.commit(tenantId, chunk, clock.instant())) {
                    changed |= chunk.stream().anyMatch(c -> !c.delta().isEmpty());
                } else {
                    for (FactChange c : chunk) {
                        retry.put(c.before().subject(), pending.get(c.before().subject()));
                    }
                }
            }
            if (!retry.isEmpty()) {
                LOG.info("metrics facts changed meanwhile; folding them again", "tenantId", tenantId,
                        "facts", retry.size(), "attempt", attempt);
            }
            pending = retry;
        }
        return changed;
    }

    /** The fact with the events it does not hold yet, and the difference it makes; empty when it holds them all. */
    static java.util.Optional<FactChange> changes(StoredFact before, List<MetricEvent> arriving) {
        List<MetricEvent> fresh = arriving.stream().filter(e -> !before.has(e.id())).toList();
        if (fresh.isEmpty()) {
            return java.util.Optional.empty();
        }
        List<MetricEvent> all = new ArrayList<>(before.events());
        all.addAll(fresh);
        Fact after = Facts.fold(before.tenantId(), before.subject(), all);
        Contribution old = before.events().isEmpty() ? new Contribution()
                : Counting.of(Facts.fold(before.tenantId(), before.subject(), before.events()));
        return java.util.Optional.of(new FactChange(before, after, Contribution.delta(old, Counting.of(after))));
    }

    /** Changes grouped into transactions of at most {@link #MAX_ITEMS} items (their facts and the cells they move). */
    static List<List<FactChange>> chunks(List<FactChange> changes) {
        List<List<FactChange>> chunks = new ArrayList<>();
        List<FactChange> current = new ArrayList<>();
        for (FactChange change : changes) {
            if (DynamoMetricsStore.items(List.of(change)) > MAX_ITEMS) {
                // Counted in parts it would not be exact; held up, it would hold up the stream.
                LOG.error("a fact moves more cells than one transaction holds; not counted", null,
                        "subject", change.before().subject(), "items", DynamoMetricsStore.items(List.of(change)));
                continue;
            }
            current.add(change);
            if (DynamoMetricsStore.items(current) > MAX_ITEMS) {
                current.removeLast();
                chunks.add(current);
                current = new ArrayList<>(List.of(change));
            }
        }
        if (!current.isEmpty()) {
            chunks.add(current);
        }
        return chunks;
    }
}
