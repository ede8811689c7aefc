package dev.switchboard.shared.calls;

/**
 * The rule that decides whether a status callback moves a call forward. Twilio sends the
 * callbacks as separate requests with no ordering guarantee; each carries the SequenceNumber
 * of its firing order, which wins where both sides have one. Otherwise the status rank
 * decides, and a status equal in rank to one recorded without a sequence number is taken so
 * that the sequence number starts being recorded.
 *
 * <p>{@link DynamoCallStore} enforces the same rule as a DynamoDB condition; this is its
 * statement in plain Java, which the tests hold both to.
 */
public final class CallProgress {
    private CallProgress() {
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
}
