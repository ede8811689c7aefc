package dev.switchboard.shared.store;

import dev.switchboard.shared.concurrent.SideBySide;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One page of a list kept in several shards of an index, read back as one list in the index's
 * sort key order: a k-way merge of reads of every shard, each read bounded by what the page still
 * needs. Pure: the shards are whatever {@link Shard} reads them ({@link ShardedQuery} for DynamoDB).
 *
 * <p>The rule that keeps pages free of gaps and duplicates: an item is handed out only once every
 * shard has been read past it. Each shard's read says how far it looked (its last evaluated item,
 * matched by the filters or not); the least of those among the shards that have more is the
 * bound, and only the items up to it are handed out, in order. A page that is not full ends at the
 * bound, so the next page starts where everything before it was seen in every shard.
 *
 * <p>Where two items of one index may share a sort key (a call's {@code createdAt}), DynamoDB
 * returns them in an order of its own, so a shard read to a sort key is only known complete
 * before it: its items at that key wait until the shard is read past it.
 */
final class ShardMerge {
    private ShardMerge() {
    }

    /**
     * A place in the list: an item's sort key and, where sort keys may repeat, its id (the
     * tiebreak). An empty id is the place before every item of that sort key.
     */
    record Position(String sort, String id) {
    }

    /** An item found in a shard, at its place in the list. */
    record Entry<T>(Position at, T value) {
    }

    /**
     * What one read of a shard found: the items its filters matched, in the shard's order; how far
     * it looked (the last item it evaluated; null when the shard has nothing more); how many items
     * it evaluated.
     */
    record Batch<T>(List<Entry<T>> found, Position frontier, int evaluated) {
    }

    /** A shard, opened at the page's start; each read goes on from the last. */
    interface Shard<T> {
        Batch<T> next(int limit);
    }

    /**
     * How a page is read.
     *
     * @param limit     the most items the page holds
     * @param lookahead read on to one more item than the page holds, so that a next position is given
     *                  only when more is known to wait, or reading stopped before knowing
     * @param budget    the items the reads may evaluate, over rounds of reads, to fill the page (0: one round)
     * @param wide      filtered reads with a budget: each shard reads a share of the budget, not just the page
     */
    record Reading(int limit, boolean lookahead, int budget, boolean wide) {
    }

    /** The page, and where the next page starts (null: the list has nothing more). */
    record Result<T>(List<T> items, Position next) {
    }

    /** The list's order: by sort key, then by tiebreak where there is one, ascending or descending. */
    record Order(boolean descending, boolean tiebreak) implements Comparator<Position> {
        @Override
        public int compare(Position a, Position b) {
            int bySort = codePoints(a.sort(), b.sort());
            if (bySort != 0 || !tiebreak) {
                return descending ? -bySort : bySort;
            }
            boolean aFirst = a.id().isEmpty();
            boolean bFirst = b.id().isEmpty();
            if (aFirst || bFirst) {
                return aFirst == bFirst ? 0 : aFirst ? -1 : 1;
            }
            int byId = codePoints(a.id(), b.id());
            return descending ? -byId : byId;
        }

        /** Everything a shard holds up to {@code frontier} has been read (see the class comment). */
        Position complete(Position frontier) {
            return tiebreak ? new Position(frontier.sort(), "") : frontier;
        }

        /** As DynamoDB orders string keys: by their UTF-8 bytes, which is by code points. */
        static int codePoints(String a, String b) {
            int i = 0;
            int j = 0;
            while (i < a.length() && j < b.length()) {
                int ca = a.codePointAt(i);
                int cb = b.codePointAt(j);
                if (ca != cb) {
                    return Integer.compare(ca, cb);
                }
                i += Character.charCount(ca);
                j += Character.charCount(cb);
            }
            return Integer.compare(a.length() - i, b.length() - j);
        }
    }

    /** A shard and how far it has been read. */
    private static final class State<T> {
        final Shard<T> shard;
        /** Every item of the shard up to here has been read; null: not read yet. */
        Position seen;
        boolean done;

        State(Shard<T> shard) {
            this.shard = shard;
        }
    }

    private record Pending<T>(State<T> from, Entry<T> entry) {
    }

    /** One page of the list after {@code after} (null: from its start), read from {@code shards}. */
    static <T> Result<T> read(List<? extends Shard<T>> shards, Order order, Position after, Reading reading) {
        int target = reading.limit() + (reading.lookahead() ? 1 : 0);
        List<State<T>> states = shards.stream().map(s -> new State<T>(s)).toList();
        List<Pending<T>> pending = new ArrayList<>();
        List<Entry<T>> emitted = new ArrayList<>();
        int looked = 0;
        while (true) {
            int needed = target - emitted.size();
            List<State<T>> reads = states.stream()
                    .filter(s -> !s.done && ready(s, pending, order) < needed).toList();
            if (reads.isEmpty()) {
                break;
            }
            int batch = needed + 1;
            if (reading.wide()) {
                batch = Math.max(batch, Math.min(WIDE_BATCH, (reading.budget() - looked) / reads.size()));
            }
            looked += read(reads, batch, pending, order, after);
            // A shard read only up to where the page starts (ties, a short read) is read on:
            // the bound could not pass it, and the page would never move.
            for (State<T> s : states) {
                while (!s.done && !(s.seen != null && (after == null || order.compare(s.seen, after) > 0))) {
                    looked += read(List.of(s), batch, pending, order, after);
                }
            }
            emit(states, pending, emitted, target, order);
            if (emitted.size() == target || states.stream().allMatch(s -> s.done) || looked >= reading.budget()) {
                break;
            }
        }
        if (reading.lookahead() && emitted.size() == target) {
            pending.addFirst(new Pending<>(null, emitted.removeLast()));
        }
        List<T> items = emitted.stream().map(Entry::value).toList();
        if (pending.isEmpty() && states.stream().allMatch(s -> s.done)) {
            return new Result<>(items, null);
        }
        if (emitted.size() == reading.limit()) {
            return new Result<>(items, emitted.getLast().at());
        }
        return new Result<>(items, bound(states, order));
    }

    /** A filtered read's largest share of the budget per shard (DynamoDB reads up to 1 MB at a time anyway). */
    private static final int WIDE_BATCH = 200;

    /** Reads each shard once, side by side, and keeps what lies after the page's start. */
    private static <T> int read(List<State<T>> reads, int batch, List<Pending<T>> pending, Order order,
                                Position after) {
        List<Batch<T>> batches = new ArrayList<>(reads.size());
        if (reads.size() == 1) {
            batches.add(reads.getFirst().shard.next(batch));
        } else {
            List<Batch<T>> slots = new ArrayList<>(java.util.Collections.nCopies(reads.size(), null));
            List<Runnable> tasks = new ArrayList<>();
            for (int i = 0; i < reads.size(); i++) {
                int at = i;
                tasks.add(() -> slots.set(at, reads.get(at).shard.next(batch)));
            }
            List<Throwable> failures = SideBySide.run(tasks);
            if (!failures.isEmpty()) {
                Throwable first = failures.getFirst();
                if (first instanceof RuntimeException e) {
                    throw e;
                }
                if (first instanceof Error e) {
                    throw e;
                }
                throw new IllegalStateException("a shard's read failed", first);
            }
            batches.addAll(slots);
        }
        int evaluated = 0;
        for (int i = 0; i < reads.size(); i++) {
            State<T> state = reads.get(i);
            Batch<T> read = batches.get(i);
            evaluated += read.evaluated();
            for (Entry<T> entry : read.found()) {
                if (after == null || order.compare(entry.at(), after) > 0) {
                    pending.add(new Pending<>(state, entry));
                }
            }
            if (read.frontier() == null) {
                state.done = true;
            } else {
                state.seen = order.complete(read.frontier());
            }
        }
        return evaluated;
    }

    /** How many of a shard's pending items it has been read past: what it can give without a read. */
    private static <T> long ready(State<T> state, List<Pending<T>> pending, Order order) {
        return state.seen == null ? 0 : pending.stream()
                .filter(p -> p.from() == state && order.compare(p.entry().at(), state.seen) <= 0).count();
    }

    /** Hands out, in order, the pending items every shard has been read past, up to the target. */
    private static <T> void emit(List<State<T>> states, List<Pending<T>> pending, List<Entry<T>> emitted, int target,
                                 Order order) {
        Position bound = bound(states, order);
        pending.sort((a, b) -> order.compare(a.entry().at(), b.entry().at()));
        while (emitted.size() < target && !pending.isEmpty()
                && (bound == null || order.compare(pending.getFirst().entry().at(), bound) <= 0)) {
            emitted.add(pending.removeFirst().entry());
        }
    }

    /** The least of how far the shards that have more were read; null when none has more. */
    private static <T> Position bound(List<State<T>> states, Order order) {
        return states.stream().filter(s -> !s.done).map(s -> s.seen).min(order).orElse(null);
    }
}
