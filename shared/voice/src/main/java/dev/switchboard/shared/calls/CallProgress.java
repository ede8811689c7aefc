package dev.switchboard.shared.calls;

import dev.switchboard.shared.twilio.CallStatus;

import java.time.Instant;

/**
 * The rule that decides whether a status callback moves a call forward, and the call it leaves.
 * Twilio sends the callbacks as separate requests with no ordering guarantee; each carries the
 * SequenceNumber of its firing order, which wins where both sides have one. Otherwise the status
 * rank decides, and a status equal in rank to one recorded without a sequence number is taken so
 * that the sequence number starts being recorded.
 *
 * <p>Decided here once, in plain Java: the store reads the call, this decides, and the store
 * commits only if the call's progress is still what it read (else it reads again).
 */
public final class CallProgress {
    private CallProgress() {
    }

    /**
     * What a status callback does to the call as stored (null when none is yet).
     *
     * @param learnsAnswer it does not move the call, but is the first to say when it was answered
     *                     (a dialed leg's answer after the call's end)
     * @param learnsEnd    it does not move the call, but is the first to say when it ended
     */
    public record Change(boolean moves, Call after, boolean learnsAnswer, boolean learnsEnd) {
        /** Not a move, yet news: the call as it now stands is published again, so that consumers learn it too. */
        public boolean tells() {
            return learnsAnswer || learnsEnd;
        }
    }

    public static boolean supersedes(CallStatus incoming, Long incomingSequence,
                                     CallStatus stored, Long storedSequence) {
        if (stored == null) {
            return true;
        }
        if (incomingSequence != null && storedSequence != null) {
            return incomingSequence > storedSequence;
        }
        if (incomingSequence != null) {
            return incoming.rank() >= stored.rank();
        }
        return incoming.rank() > stored.rank();
    }

    /**
     * The call after {@code callback}: its status and sequence number when the callback moves it
     * on; in any case the facts only a callback knows (when it was answered and ended, how long
     * it lasted) and the call's identity where the stored call lacks it.
     */
    public static Change apply(Call before, StatusCallback callback, Instant now) {
        boolean moves = supersedes(callback.status(), callback.sequenceNumber(),
                before == null ? null : before.status(), before == null ? null : before.sequenceNumber());
        Call b = before != null ? before : Call.firstSeen(callback.callSid(), callback.tenantId(), now);
        Instant at = when(callback, now);
        Call after = new Call(callback.callSid(), callback.tenantId(), or(b.accountSid(), callback.accountSid()),
                or(b.direction(), callback.direction()), or(b.from(), callback.from()), or(b.to(), callback.to()),
                b.agentId(), b.routing(), moves ? callback.status() : b.status(),
                moves ? callback.sequenceNumber() : b.sequenceNumber(), b.createdAt() != null ? b.createdAt() : now,
                b.answeredAt() == null && callback.status() == CallStatus.IN_PROGRESS ? at : b.answeredAt(),
                b.endedAt() == null && callback.status().isFinal() ? at : b.endedAt(),
                callback.durationSeconds() != null ? callback.durationSeconds() : b.durationSeconds(),
                b.dialStatus(), b.dialDurationSeconds(), b.contactId());
        boolean stale = !moves && before != null && before.status() != null;
        return new Change(moves, after, stale && b.answeredAt() == null && after.answeredAt() != null,
                stale && b.endedAt() == null && after.endedAt() != null);
    }

    /** When the callback says it happened; when it came, if it does not say. */
    public static Instant when(StatusCallback callback, Instant now) {
        return callback.timestamp() != null ? callback.timestamp() : now;
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
