package dev.switchboard.shared.store;

/**
 * A list cursor that is not one a query of this kind handed out (edited, from another list or
 * another tenant): the client's mistake, which the API answers with a 400 naming the cursor.
 */
public final class BadCursor extends IllegalArgumentException {
    public BadCursor(String message) {
        super(message);
    }
}
