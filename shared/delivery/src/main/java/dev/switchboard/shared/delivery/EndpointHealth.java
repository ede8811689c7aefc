package dev.switchboard.shared.delivery;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether an endpoint is still worth delivering to. One delivered attempt makes it healthy; while
 * every attempt fails it is failing since the first of them; after four days of that a tenant is
 * warned ({@code endpoint.failing}), after five it is disabled, and re-enabling it offers to recover
 * everything since {@link Failing#since()}. A 410 disables it at once: its owner said it is gone.
 */
public sealed interface EndpointHealth {
    Duration WARN_AFTER = Duration.ofDays(4);
    Duration DISABLE_AFTER = Duration.ofDays(5);

    record Healthy() implements EndpointHealth {
    }

    /** @param warned whether the tenant has been told (once per run of failures) */
    record Failing(Instant since, boolean warned) implements EndpointHealth {
    }

    record Disabled(Instant failingSince, String reason) implements EndpointHealth {
    }

    /** What the health becomes after an attempt, and whether the tenant must now be warned. */
    record Change(EndpointHealth health, boolean warnNow) {
    }

    /** When a run of failures warns and disables: four and five days, compressed alike in tests. */
    record Policy(Duration warnAfter, Duration disableAfter) {
        public static Policy standard() {
            return new Policy(WARN_AFTER, DISABLE_AFTER);
        }

        public static Policy compressed(double factor) {
            return new Policy(Duration.ofMillis((long) (WARN_AFTER.toMillis() / factor)),
                    Duration.ofMillis((long) (DISABLE_AFTER.toMillis() / factor)));
        }
    }

    public static Change after(EndpointHealth before, AttemptOutcome outcome, Instant now) {
        return after(before, outcome, now, Policy.standard());
    }

    public static Change after(EndpointHealth before, AttemptOutcome outcome, Instant now, Policy policy) {
        if (before instanceof Disabled) {
            return new Change(before, false);
        }
        return switch (outcome) {
            case AttemptOutcome.Delivered delivered -> new Change(new Healthy(), false);
            case AttemptOutcome.Gone gone -> new Change(new Disabled(since(before, now), "the endpoint answered 410 Gone"),
                    false);
            case AttemptOutcome.Failed failed -> {
                Instant since = since(before, now);
                Duration failing = Duration.between(since, now);
                if (failing.compareTo(policy.disableAfter()) >= 0) {
                    yield new Change(new Disabled(since, "every attempt failed for " + DISABLE_AFTER.toDays() + " days"),
                            false);
                }
                boolean warned = before instanceof Failing f && f.warned();
                boolean warnNow = !warned && failing.compareTo(policy.warnAfter()) >= 0;
                yield new Change(new Failing(since, warned || warnNow), warnNow);
            }
        };
    }

    private static Instant since(EndpointHealth before, Instant now) {
        return before instanceof Failing f ? f.since() : now;
    }
}
