package dev.switchboard.shared.webhook;

/**
 * Claims on webhook deliveries, so that a retried, duplicated or concurrent delivery has its
 * side effects (records, events) carried out once.
 */
public interface Deliveries {

    enum Claim {
        /** This delivery is the first: carry out its side effects, then {@link #complete}. */
        FIRST,
        /** Another delivery of the same request holds or completed the claim: answer, change nothing. */
        REPEAT
    }

    Claim claim(String deliveryKey);

    void complete(String deliveryKey);

    /** Gives the claim back after a failure, so that Twilio's retry can carry the work out. */
    void release(String deliveryKey);
}
