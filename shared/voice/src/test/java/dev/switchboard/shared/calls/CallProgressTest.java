package dev.switchboard.shared.calls;

import dev.switchboard.shared.twilio.CallStatus;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static dev.switchboard.shared.twilio.CallStatus.COMPLETED;
import static dev.switchboard.shared.twilio.CallStatus.INITIATED;
import static dev.switchboard.shared.twilio.CallStatus.IN_PROGRESS;
import static dev.switchboard.shared.twilio.CallStatus.NO_ANSWER;
import static dev.switchboard.shared.twilio.CallStatus.QUEUED;
import static dev.switchboard.shared.twilio.CallStatus.RINGING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CallProgressTest {

    @Test
    void theFirstStatusAlwaysApplies() {
        assertTrue(CallProgress.supersedes(COMPLETED, 3L, null, null));
        assertTrue(CallProgress.supersedes(QUEUED, null, null, null));
    }

    @Test
    void aHigherSequenceNumberWinsWhateverTheStatus() {
        assertTrue(CallProgress.supersedes(RINGING, 2L, IN_PROGRESS, 1L),
                "the sequence number, not the status, is Twilio's firing order");
        assertFalse(CallProgress.supersedes(IN_PROGRESS, 2L, COMPLETED, 3L));
        assertFalse(CallProgress.supersedes(COMPLETED, 3L, COMPLETED, 3L), "a repeated callback changes nothing");
    }

    @Test
    void withoutSequenceNumbersTheStatusOrderDecides() {
        assertTrue(CallProgress.supersedes(RINGING, null, QUEUED, null));
        assertTrue(CallProgress.supersedes(IN_PROGRESS, null, RINGING, null));
        assertTrue(CallProgress.supersedes(NO_ANSWER, null, RINGING, null));
        assertFalse(CallProgress.supersedes(RINGING, null, COMPLETED, null));
        assertFalse(CallProgress.supersedes(QUEUED, null, INITIATED, null));
        assertFalse(CallProgress.supersedes(COMPLETED, null, NO_ANSWER, null), "one final status never replaces another");
    }

    @Test
    void aSequencedCallbackTakesOverFromAnUnsequencedStatusOfEqualRank() {
        assertTrue(CallProgress.supersedes(RINGING, 1L, RINGING, null),
                "so that the sequence number starts being recorded");
        assertFalse(CallProgress.supersedes(INITIATED, 0L, RINGING, null), "but never moves the call backwards");
    }

    @Test
    void ranksFollowTheCallLifecycle() {
        assertEquals(QUEUED.rank(), INITIATED.rank());
        assertTrue(QUEUED.rank() < RINGING.rank());
        assertTrue(RINGING.rank() < IN_PROGRESS.rank());
        assertTrue(IN_PROGRESS.rank() < COMPLETED.rank());
        assertTrue(NO_ANSWER.isFinal());
        assertEquals(IN_PROGRESS, CallStatus.fromWire("in-progress").orElseThrow());
    }

    private static final Instant CREATED = Instant.parse("2026-01-01T10:00:00Z");
    private static final Instant NOW = Instant.parse("2026-01-01T10:05:00Z");

    private static Call stored(CallStatus status, Long sequence) {
        return new Call("CA1", "acme", "AC1", CallDirection.INBOUND, "+14155550100", "+15005550101", "kim", "client", status,
                sequence, CREATED, null, null, null, "completed", 20, null);
    }

    private static StatusCallback incoming(CallStatus status, Long sequence) {
        return new StatusCallback("CA1", "acme", "AC1", CallDirection.INBOUND, "+14155550100", "+15005550101", status, sequence,
                null, status.isFinal() ? 42 : null, Map.of());
    }

    @Test
    void everyPairOfStoredAndIncomingProgressGivesTheCallTheRuleSays() {
        List<Long> sequences = Arrays.asList(null, 0L, 1L, 2L);
        for (CallStatus storedStatus : CallStatus.values()) {
            for (Long storedSequence : sequences) {
                for (CallStatus incomingStatus : CallStatus.values()) {
                    for (Long incomingSequence : sequences) {
                        Call before = stored(storedStatus, storedSequence);
                        var change = CallProgress.apply(before, incoming(incomingStatus, incomingSequence), NOW);
                        boolean moves = CallProgress.supersedes(incomingStatus, incomingSequence, storedStatus,
                                storedSequence);
                        String pair = storedStatus + "#" + storedSequence + " <- " + incomingStatus + "#"
                                + incomingSequence;
                        assertEquals(moves, change.moves(), pair);
                        assertEquals(moves ? incomingStatus : storedStatus, change.after().status(), pair);
                        assertEquals(moves ? incomingSequence : storedSequence, change.after().sequenceNumber(), pair);
                        // What only a callback knows is kept whether or not it moves the call.
                        assertEquals(incomingStatus == IN_PROGRESS ? NOW : null, change.after().answeredAt(), pair);
                        assertEquals(incomingStatus.isFinal() ? NOW : null, change.after().endedAt(), pair);
                        assertEquals(incomingStatus.isFinal() ? Integer.valueOf(42) : null,
                                change.after().durationSeconds(), pair);
                        // A callback that does not move the call tells when it was answered or ended, if first.
                        assertEquals(!moves && (incomingStatus == IN_PROGRESS || incomingStatus.isFinal()),
                                change.tells(), pair);
                        // And nothing the call already had is lost.
                        assertEquals(CREATED, change.after().createdAt(), pair);
                        assertEquals("kim", change.after().agentId(), pair);
                        assertEquals("completed", change.after().dialStatus(), pair);
                    }
                }
            }
        }
    }

    @Test
    void aLateAnswerTellsOnlyWhatTheCallDidNotKnow() {
        Call ended = CallProgress.apply(stored(RINGING, 1L), incoming(COMPLETED, 3L), NOW).after();
        var answer = CallProgress.apply(ended, incoming(IN_PROGRESS, 2L), NOW.plusSeconds(1));
        assertFalse(answer.moves());
        assertTrue(answer.learnsAnswer());
        assertFalse(answer.learnsEnd());
        var again = CallProgress.apply(answer.after(), incoming(IN_PROGRESS, 2L), NOW.plusSeconds(2));
        assertFalse(again.tells(), "the answer is known now");
        assertEquals(NOW.plusSeconds(1), again.after().answeredAt());
    }

    @Test
    void theFirstCallbackOfAnUnknownCallMakesIt() {
        var change = CallProgress.apply(null, incoming(RINGING, 1L), NOW);
        assertTrue(change.moves());
        assertEquals(RINGING, change.after().status());
        assertEquals(NOW, change.after().createdAt());
        assertEquals("+14155550100", change.after().from());
        assertNull(change.after().agentId());
    }
}
