package dev.switchboard.shared.calls;

import org.junit.jupiter.api.Test;

import static dev.switchboard.shared.calls.CallStatus.COMPLETED;
import static dev.switchboard.shared.calls.CallStatus.INITIATED;
import static dev.switchboard.shared.calls.CallStatus.IN_PROGRESS;
import static dev.switchboard.shared.calls.CallStatus.NO_ANSWER;
import static dev.switchboard.shared.calls.CallStatus.QUEUED;
import static dev.switchboard.shared.calls.CallStatus.RINGING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
}
