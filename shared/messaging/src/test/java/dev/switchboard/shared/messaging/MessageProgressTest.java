package dev.switchboard.shared.messaging;

import dev.switchboard.shared.twilio.MessageStatus;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static dev.switchboard.shared.twilio.MessageStatus.DELIVERED;
import static dev.switchboard.shared.twilio.MessageStatus.QUEUED;
import static dev.switchboard.shared.twilio.MessageStatus.SENT;
import static dev.switchboard.shared.twilio.MessageStatus.UNDELIVERED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessageProgressTest {
    private static final Instant CREATED = Instant.parse("2026-01-01T10:00:00Z");
    private static final Instant SEND_AT = Instant.parse("2026-01-01T10:02:00Z");
    private static final Instant EARLIER = Instant.parse("2026-01-01T10:03:00Z");
    private static final Instant NOW = Instant.parse("2026-01-01T10:05:00Z");

    private static Message stored(MessageStatus status, String messageSid, String errorCode, Instant sentAt) {
        return new Message("msg_1", "acme", "AC1", "cv_1", Message.Direction.OUTBOUND, messageSid, "+15005550101",
                "+14155550100", "+15005550101", "+14155550100", "See you at 8", List.of(), status, errorCode,
                errorCode == null ? null : "stored error", "contact-7", CREATED, SEND_AT, sentAt, null, null);
    }

    private static MessageCallback incoming(MessageStatus status, String errorCode) {
        return new MessageCallback("msg_1", "SM1", "acme", "AC1", status, errorCode,
                errorCode == null ? null : "incoming error", NOW, Map.of("MessageStatus", status.wire()));
    }

    @Test
    void everyPairOfStoredAndIncomingStatusGivesTheMessageTheRuleSays() {
        List<MessageStatus> storedStatuses = new ArrayList<>(Arrays.asList(MessageStatus.values()));
        storedStatuses.add(null);
        for (MessageStatus storedStatus : storedStatuses) {
            for (MessageStatus incomingStatus : MessageStatus.values()) {
                for (String storedCode : Arrays.asList(null, "30003")) {
                    for (String incomingCode : Arrays.asList(null, "30005")) {
                        Message before = stored(storedStatus, "SM1", storedCode, null);
                        var change = MessageProgress.apply(before, incoming(incomingStatus, incomingCode));
                        boolean moves = incomingStatus.supersedes(storedStatus);
                        String pair = storedStatus + "/" + storedCode + " <- " + incomingStatus + "/" + incomingCode;
                        assertEquals(moves, change.moves(), pair);
                        assertFalse(change.attaches(), pair);
                        // What a callback knows is kept whether or not it moves the message, and
                        // nothing the message already had is lost.
                        Message expected = new Message("msg_1", "acme", "AC1", "cv_1", Message.Direction.OUTBOUND,
                                "SM1", "+15005550101", "+14155550100", "+15005550101", "+14155550100",
                                "See you at 8", List.of(), moves ? incomingStatus : storedStatus,
                                incomingCode != null ? incomingCode : storedCode,
                                incomingCode != null ? "incoming error" : storedCode != null ? "stored error" : null,
                                "contact-7", CREATED, SEND_AT, incomingStatus == SENT ? NOW : null,
                                incomingStatus == DELIVERED ? NOW : null, null);
                        assertEquals(expected, change.after(), pair);
                    }
                }
            }
        }
    }

    @Test
    void theFirstTimeSentAndDeliveredStay() {
        Message before = stored(DELIVERED, "SM1", null, EARLIER);
        assertEquals(EARLIER, MessageProgress.apply(before, incoming(SENT, null)).after().sentAt());
        Message delivered = new Message("msg_1", "acme", "AC1", "cv_1", Message.Direction.OUTBOUND, "SM1", "n", "p",
                "n", "p", "b", List.of(), DELIVERED, null, null, null, CREATED, null, EARLIER, EARLIER, null);
        assertEquals(EARLIER, MessageProgress.apply(delivered, incoming(DELIVERED, null)).after().deliveredAt());
    }

    @Test
    void aMessageWithoutItsSidYetGetsItFromTheCallbackWhateverTheStatus() {
        var moving = MessageProgress.apply(stored(QUEUED, null, null, null), incoming(SENT, null));
        assertTrue(moving.moves());
        assertTrue(moving.attaches());
        assertEquals("SM1", moving.after().messageSid());
        var stale = MessageProgress.apply(stored(DELIVERED, null, null, null), incoming(SENT, null));
        assertFalse(stale.moves());
        assertTrue(stale.attaches(), "a late callback still tells the message its SID");
        assertEquals("SM1", stale.after().messageSid());
    }

    @Test
    void ofTwoFinalStatusesTheFirstKeptStaysButTheSecondsErrorIsKept() {
        var change = MessageProgress.apply(stored(DELIVERED, "SM1", null, null), incoming(UNDELIVERED, "30005"));
        assertFalse(change.moves());
        assertEquals(DELIVERED, change.after().status());
        assertEquals("30005", change.after().errorCode());
    }
}
