package dev.switchboard.shared.store;

import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A state change, its log entry and its events written at once, each item naming what it means
 * when its condition refuses the write ("another tenant's call", "a delivery seen before"), so
 * that a refusal is read by meaning, never by the position of the item that failed.
 *
 * @param <O> the outcomes the caller reports
 */
public final class Transaction<O> {
    private final List<TransactWriteItem> items = new ArrayList<>();
    private final List<O> refusals = new ArrayList<>();

    /** Adds {@code item}; when its condition fails, the transaction's outcome is {@code ifRefused}. */
    public Transaction<O> add(TransactWriteItem item, O ifRefused) {
        items.add(item);
        refusals.add(ifRefused);
        return this;
    }

    public Transaction<O> addAll(List<TransactWriteItem> more, O ifRefused) {
        more.forEach(item -> add(item, ifRefused));
        return this;
    }

    /**
     * Commits through {@code run} (which answers why each item was refused, or nothing when all
     * were written): empty when committed, else the outcome of the first item refused, in the
     * order the items were added (DynamoDB reports every item whose condition failed).
     */
    public Optional<O> commit(Function<List<TransactWriteItem>, Optional<List<CancellationReason>>> run) {
        Optional<List<CancellationReason>> reasons = run.apply(List.copyOf(items));
        if (reasons.isEmpty()) {
            return Optional.empty();
        }
        for (int i = 0; i < refusals.size(); i++) {
            if (Transactions.failed(reasons.get(), i)) {
                return Optional.of(refusals.get(i));
            }
        }
        throw new IllegalStateException("a transaction was refused with no item's condition failing");
    }
}
