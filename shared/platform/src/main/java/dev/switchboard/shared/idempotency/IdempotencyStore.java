package dev.switchboard.shared.idempotency;

import java.time.Instant;

/**
 * Remembers requests made with an idempotency key: which request it was (its fingerprint),
 * whether it is still running, and the answer it got, so that a retry is answered without
 * acting twice.
 */
public interface IdempotencyStore {

    /** What {@link #begin} found. */
    sealed interface Claim {
    }

    /** The key is new (or expired, or its earlier run died): this caller runs the request. */
    record Begun() implements Claim {
    }

    /** The same request finished before: answer with what it answered. */
    record Completed(int status, String body) implements Claim {
    }

    /** The same request is running now, in another invocation. */
    record Running() implements Claim {
    }

    /** The key was used for a different request. */
    record Mismatch() implements Claim {
    }

    /**
     * What an earlier request with {@code key} left, read without claiming it: empty when the key
     * is free (never used, expired, or its run died and its lock lapsed).
     */
    java.util.Optional<Claim> find(String key, String fingerprint, Instant now);

    /**
     * Claims {@code key} for the request with {@code fingerprint}, unless it is held.
     *
     * @param lockedUntil when a run that never finished (its function died) may be taken over
     * @param expiresAt   when the key is forgotten
     */
    Claim begin(String key, String fingerprint, Instant now, Instant lockedUntil, Instant expiresAt);

    /** Keeps the answer of a run this caller began. */
    void complete(String key, String fingerprint, int status, String body);

    /** Forgets a run that did not act, so that a retry runs it afresh. */
    void abandon(String key, String fingerprint);
}
