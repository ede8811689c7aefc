package dev.switchboard.shared.store;

/**
 * A transaction that other writes to the same items kept cancelling, through every retry: nothing
 * was written, and trying again later will do. The API answers it with a 409; a webhook with a
 * 500, which Twilio retries.
 */
public final class Contended extends RuntimeException {
    public Contended(Throwable lastConflict) {
        super("concurrent writes to the same items cancelled the transaction " + Transactions.ATTEMPTS + " times",
                lastConflict);
    }
}
