package dev.switchboard.shared.store;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/** DynamoDB transactions as the stores use them: a state change, its log entry and its event at once. */
public final class Transactions {
    public static final int ATTEMPTS = 5;

    private Transactions() {
    }

    /**
     * Runs a transaction; empty when it committed, else why each item was refused. A conflict
     * with a concurrent transaction on the same items is retried here: it says nothing about
     * this delivery, only that another one got there at the same moment.
     */
    public static Optional<List<CancellationReason>> run(DynamoDbClient dynamo, List<TransactWriteItem> items) {
        for (int attempt = 1; ; attempt++) {
            try {
                dynamo.transactWriteItems(b -> b.transactItems(items));
                return Optional.empty();
            } catch (TransactionCanceledException e) {
                boolean conflict = e.cancellationReasons().stream().anyMatch(r -> "TransactionConflict".equals(r.code()));
                boolean refused = e.cancellationReasons().stream().anyMatch(r -> "ConditionalCheckFailed".equals(r.code()));
                if (refused) {
                    return Optional.of(e.cancellationReasons());
                }
                if (!conflict) {
                    throw e;
                }
                if (attempt >= ATTEMPTS) {
                    throw new Contended(e);
                }
                backOff(attempt);
            }
        }
    }

    /** Whether the item at {@code index} was refused by its condition. */
    public static boolean failed(List<CancellationReason> reasons, int index) {
        return index < reasons.size() && "ConditionalCheckFailed".equals(reasons.get(index).code());
    }

    public static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(5, 20L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
