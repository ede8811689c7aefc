package dev.switchboard.shared.twilio;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessageStatusTest {

    @Test
    void aStatusMovesOnlyForward() {
        List<MessageStatus> order = List.of(MessageStatus.QUEUED, MessageStatus.SCHEDULED, MessageStatus.SENDING,
                MessageStatus.SENT, MessageStatus.DELIVERED, MessageStatus.READ);
        for (int i = 0; i < order.size(); i++) {
            for (int j = 0; j < order.size(); j++) {
                boolean moves = order.get(j).supersedes(order.get(i));
                if (j > i) {
                    assertTrue(moves, order.get(j) + " after " + order.get(i));
                } else {
                    assertFalse(moves, order.get(j) + " after " + order.get(i));
                }
            }
        }
    }

    @Test
    void theFirstFinalStatusStays() {
        assertFalse(MessageStatus.DELIVERED.supersedes(MessageStatus.UNDELIVERED));
        assertFalse(MessageStatus.FAILED.supersedes(MessageStatus.DELIVERED));
        assertTrue(MessageStatus.FAILED.supersedes(MessageStatus.SENT));
    }

    @Test
    void canceledEndsOnlyAScheduledMessageAndNothingMovesIt() {
        assertTrue(MessageStatus.CANCELED.supersedes(MessageStatus.SCHEDULED));
        assertFalse(MessageStatus.CANCELED.supersedes(MessageStatus.SENT));
        assertFalse(MessageStatus.SENT.supersedes(MessageStatus.CANCELED));
        assertFalse(MessageStatus.READ.supersedes(MessageStatus.CANCELED));
    }
}
