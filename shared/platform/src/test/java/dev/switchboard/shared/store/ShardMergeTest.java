package dev.switchboard.shared.store;

import dev.switchboard.shared.store.ShardMerge.Batch;
import dev.switchboard.shared.store.ShardMerge.Entry;
import dev.switchboard.shared.store.ShardMerge.Order;
import dev.switchboard.shared.store.ShardMerge.Position;
import dev.switchboard.shared.store.ShardMerge.Reading;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random items spread over shards, read page by page through the merge, against the same items
 * as one sorted list: every item the filter keeps, once, in order, whatever the page size, the
 * direction, the shard count, repeated sort keys or short reads.
 */
class ShardMergeTest {
    private static final int[] PAGE_SIZES = {1, 2, 3, 7, 25, 100};

    /** An item: where it lies in the list, its shard, and whether the page's filter keeps it. */
    private record Item(Position at, int shard, boolean kept) {
    }

    @Test
    void pagesFollowOneAnotherThroughTheWholeListInOrder() {
        for (long seed = 1; seed <= 60; seed++) {
            Random random = new Random(seed);
            int shards = List.of(1, 2, 3, 8, 16).get(random.nextInt(5));
            boolean ties = random.nextBoolean();
            Order order = new Order(random.nextBoolean(), ties);
            boolean filtered = random.nextBoolean();
            boolean shortReads = random.nextInt(3) == 0;
            List<Item> items = items(random, random.nextInt(400), shards, ties, filtered ? 0.3 : 1.0);
            World world = new World(items, shards, order, shortReads, seed);
            for (int size : PAGE_SIZES) {
                String context = "seed " + seed + ", " + shards + " shards, page " + size + (ties ? ", ties" : "")
                        + (filtered ? ", filtered" : "") + (shortReads ? ", short reads" : "") + ", "
                        + (order.descending() ? "newest first" : "oldest first");
                List<Position> read = new ArrayList<>();
                Position cursor = null;
                int pages = 0;
                do {
                    var page = ShardMerge.read(world.open(cursor), order, cursor, new Reading(size, false, 0, false));
                    assertTrue(page.items().size() <= size, context);
                    if (!filtered && !ties && !shortReads && page.next() != null) {
                        assertEquals(size, page.items().size(), "an unfiltered page is full: " + context);
                    }
                    read.addAll(page.items());
                    assertTrue(page.next() == null || cursor == null || order.compare(page.next(), cursor) > 0,
                            "every page moves on: " + context);
                    cursor = page.next();
                    pages++;
                    assertTrue(pages <= items.size() * 2 + 2, "pages end: " + context);
                } while (cursor != null);
                assertEquals(expected(items, order, null), read, context);
            }
        }
    }

    @Test
    void aFullPageSaysMoreOnlyWhenMoreIsThereWhenItLooksAhead() {
        for (long seed = 100; seed <= 140; seed++) {
            Random random = new Random(seed);
            int shards = List.of(1, 4, 8, 32).get(random.nextInt(4));
            Order order = new Order(false, false);
            boolean filtered = random.nextBoolean();
            List<Item> items = items(random, random.nextInt(300), shards, false, filtered ? 0.1 : 1.0);
            World world = new World(items, shards, order, false, seed);
            for (int size : PAGE_SIZES) {
                List<Position> read = new ArrayList<>();
                Position cursor = null;
                while (true) {
                    var page = ShardMerge.read(world.open(cursor), order, cursor, new Reading(size, true, 1_000, filtered));
                    read.addAll(page.items());
                    List<Position> after = expected(items, order, page.next());
                    if (page.next() == null) {
                        assertTrue(expected(items, order, read.isEmpty() ? null : read.getLast()).isEmpty(),
                                "no cursor: nothing follows (seed " + seed + ", page " + size + ")");
                        break;
                    }
                    if (page.items().size() == size && !filtered) {
                        assertTrue(!after.isEmpty(), "a cursor after a full page: more follows (seed " + seed + ")");
                    }
                    cursor = page.next();
                }
                assertEquals(expected(items, order, null), read, "seed " + seed + ", page " + size);
            }
        }
    }

    @Test
    void itemsWrittenBetweenPagesAreListedOnlyWhenTheyLieAheadOfTheCursor() {
        for (long seed = 200; seed <= 230; seed++) {
            Random random = new Random(seed);
            int shards = 1 + random.nextInt(8);
            Order order = new Order(random.nextBoolean(), random.nextBoolean());
            List<Item> items = new ArrayList<>(items(random, 50 + random.nextInt(100), shards, order.tiebreak(), 1.0));
            int size = 1 + random.nextInt(20);
            World world = new World(items, shards, order, false, seed);
            var first = ShardMerge.read(world.open(null), order, null, new Reading(size, false, 0, false));
            assertNotNull(first.next());
            List<Item> more = items(random, 80, shards, order.tiebreak(), 1.0).stream()
                    .map(i -> new Item(new Position(i.at().sort(), i.at().id() == null ? null : "n" + i.at().id()),
                            i.shard(), true)).toList();
            items.addAll(more);
            world = new World(items, shards, order, false, seed);
            List<Position> read = new ArrayList<>(first.items());
            Position cursor = first.next();
            while (cursor != null) {
                var page = ShardMerge.read(world.open(cursor), order, cursor, new Reading(size, false, 0, false));
                read.addAll(page.items());
                cursor = page.next();
            }
            List<Position> wanted = new ArrayList<>(first.items());
            wanted.addAll(expected(items, order, first.next()));
            assertEquals(wanted, read, "seed " + seed);
            assertEquals(read.size(), new HashSet<>(read).size(), "no item twice");
        }
    }

    @Test
    void anEmptyListHasOnePageWithNoCursor() {
        Order order = new Order(true, false);
        var page = ShardMerge.read(new World(List.of(), 8, order, false, 1).open(null), order, null,
                new Reading(25, false, 0, false));
        assertTrue(page.items().isEmpty());
        assertNull(page.next());
    }

    @Test
    void twoHundredItemsOfOneSortKeyAcrossThreeShardsPageThroughWithoutRepeats() {
        Order order = new Order(true, true);
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            items.add(new Item(new Position("2026-01-01T00:00:00Z", "CA%03d".formatted(i)), i % 3, true));
        }
        World world = new World(items, 3, order, false, 7);
        List<Position> read = new ArrayList<>();
        Position cursor = null;
        do {
            var page = ShardMerge.read(world.open(cursor), order, cursor, new Reading(7, false, 0, false));
            read.addAll(page.items());
            cursor = page.next();
        } while (cursor != null);
        assertEquals(expected(items, order, null), read);
    }

    private static List<Item> items(Random random, int count, int shards, boolean ties, double kept) {
        Map<String, Item> items = new LinkedHashMap<>();
        while (items.size() < count) {
            // With ties, few sort keys for many items: runs of equal keys, some longer than a page.
            String sort = ties ? "t%03d".formatted(random.nextInt(Math.max(1, count / 4)))
                    : "t%06d#%d".formatted(random.nextInt(1_000_000), items.size());
            String id = ties ? "CA%05d".formatted(random.nextInt(100_000)) : null;
            Position at = new Position(sort, id);
            items.putIfAbsent(sort + "|" + id, new Item(at, random.nextInt(shards), random.nextDouble() < kept));
        }
        return List.copyOf(items.values());
    }

    /** The items the filter keeps, in list order, after {@code after}. */
    private static List<Position> expected(List<Item> items, Order order, Position after) {
        return items.stream().filter(Item::kept).map(Item::at)
                .filter(at -> after == null || order.compare(at, after) > 0).sorted(order).toList();
    }

    /**
     * The shards as DynamoDB keeps them: each in sort key order, items of one sort key in an order
     * of its own (not the tiebreak's); a read evaluates up to its limit (fewer, at random, with short
     * reads, as a 1 MB page does), returns what the filter keeps, and the last item it evaluated.
     */
    private static final class World {
        private final List<List<Item>> shards = new ArrayList<>();
        private final Order order;
        private final boolean shortReads;
        private final Random random;

        World(List<Item> items, int count, Order order, boolean shortReads, long seed) {
            this.order = order;
            this.shortReads = shortReads;
            this.random = new Random(seed);
            Random shuffle = new Random(seed * 31);
            for (int k = 0; k < count; k++) {
                int shard = k;
                List<Item> in = new ArrayList<>(items.stream().filter(i -> i.shard() == shard).toList());
                Collections.shuffle(in, shuffle);
                Order bySort = new Order(order.descending(), false);
                in.sort((a, b) -> bySort.compare(a.at(), b.at()));
                shards.add(in);
            }
        }

        List<ShardMerge.Shard<Position>> open(Position start) {
            List<ShardMerge.Shard<Position>> open = new ArrayList<>();
            Order bySort = new Order(order.descending(), false);
            for (List<Item> shard : shards) {
                // A query's range starts at the cursor's sort key, included.
                Predicate<Item> inRange = i -> start == null
                        || bySort.compare(i.at(), new Position(start.sort(), null)) >= 0;
                List<Item> range = shard.stream().filter(inRange).toList();
                open.add(new ShardMerge.Shard<>() {
                    private int next;

                    @Override
                    public Batch<Position> next(int limit) {
                        int take = shortReads && random.nextInt(3) == 0 ? 1 + random.nextInt(limit) : limit;
                        int end = Math.min(range.size(), next + take);
                        List<Entry<Position>> found = new ArrayList<>();
                        for (Item i : range.subList(next, end)) {
                            if (i.kept()) {
                                found.add(new Entry<>(i.at(), i.at()));
                            }
                        }
                        boolean stopped = end - next == take;
                        Position frontier = stopped && end > next ? range.get(end - 1).at() : null;
                        int evaluated = end - next;
                        next = end;
                        // DynamoDB gives a LastEvaluatedKey whenever the limit stops it, even at the end.
                        return new Batch<>(found, frontier, evaluated);
                    }
                });
            }
            return open;
        }
    }

    @Test
    void aShardOfAnIdIsTheSameInEveryRunAndSpreadsIds() {
        Shards shards = new Shards(16);
        // Fixed: the first four bytes of SHA-256 of the id, modulo the count, as any tool computes them
        // (python3: int.from_bytes(hashlib.sha256(b"evt_0").digest()[:4], "big") % 32 is 16).
        assertEquals(0, shards.of("evt_0"));
        assertEquals(1, shards.of("CA0"));
        assertEquals(16, new Shards(32).of("evt_0"));
        assertEquals(List.of("acme#0", "acme#1"), new Shards(2).keys("acme"));
        Set<Integer> seen = new HashSet<>();
        int[] counts = new int[16];
        for (int i = 0; i < 16_000; i++) {
            int k = shards.of("evt_" + i);
            seen.add(k);
            counts[k]++;
        }
        assertEquals(16, seen.size());
        for (int count : counts) {
            assertTrue(count > 800 && count < 1200, "about a sixteenth each: " + count);
        }
        assertEquals("acme#" + shards.of("CA0"), shards.key("acme", "CA0"));
    }
}
