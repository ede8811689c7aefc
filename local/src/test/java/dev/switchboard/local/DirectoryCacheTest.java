package dev.switchboard.local;

import dev.switchboard.shared.store.Page;
import dev.switchboard.shared.tenancy.Directory;
import dev.switchboard.shared.tenancy.PhoneNumber;
import dev.switchboard.shared.tenancy.Numbers;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The per-container cache over the real DynamoDB store: hits spare a read, entries expire, and
 * made-up numbers (misses are cached too) cannot grow it without bound.
 */
class DirectoryCacheTest {

    /** The real numbers store, with its reads counted. */
    private record CountedNumbers(Numbers store, AtomicInteger reads) implements Numbers {
        @Override
        public boolean replace(PhoneNumber before, PhoneNumber after) {
            return store.replace(before, after);
        }

        @Override
        public Optional<PhoneNumber> get(String phoneNumber) {
            reads.incrementAndGet();
            return store.get(phoneNumber);
        }

        @Override
        public void put(PhoneNumber number) {
            store.put(number);
        }

        @Override
        public boolean claim(PhoneNumber number) {
            return store.claim(number);
        }

        @Override
        public int count(String tenantId, int atMost) {
            return store.count(tenantId, atMost);
        }

        @Override
        public boolean add(PhoneNumber number) {
            return store.add(number);
        }

        @Override
        public boolean withdraw(PhoneNumber number) {
            return store.withdraw(number);
        }

        @Override
        public Page<PhoneNumber> list(String tenantId, String cursor, int limit) {
            return store.list(tenantId, cursor, limit);
        }

        @Override
        public boolean delete(String tenantId, String phoneNumber) {
            return store.delete(tenantId, phoneNumber);
        }
    }

    private static final int MAX_ENTRIES = 50;
    private final AtomicInteger reads = new AtomicInteger();
    private final SteppedClock clock = new SteppedClock(Instant.parse("2026-11-21T06:00:00Z"));
    private final Directory directory = new Directory(TestStack.repositories().accounts(),
            new CountedNumbers(TestStack.repositories().numbers(), reads), TestStack.repositories().agents(),
            TestStack.repositories().sealer(), Duration.ofSeconds(30), MAX_ENTRIES, clock);

    @Test
    void hitsAndMissesAreServedFromTheCacheUntilTheyExpire() {
        assertTrue(directory.number(Demo.FORWARD_NUMBER).isPresent());
        assertTrue(directory.number(Demo.FORWARD_NUMBER).isPresent());
        assertTrue(directory.number("+15005550999").isEmpty());
        assertTrue(directory.number("+15005550999").isEmpty());
        assertEquals(2, reads.get());
        clock.advance(Duration.ofSeconds(31));
        assertTrue(directory.number(Demo.FORWARD_NUMBER).isPresent());
        assertEquals(3, reads.get(), "read again once expired");
    }

    @Test
    void madeUpNumbersCannotGrowTheCacheWithoutBound() {
        for (int i = 0; i < MAX_ENTRIES * 3; i++) {
            directory.number("+1999" + i);
            assertTrue(directory.size() <= MAX_ENTRIES, "size " + directory.size());
        }
        int before = reads.get();
        directory.number(Demo.FORWARD_NUMBER);
        directory.number(Demo.FORWARD_NUMBER);
        assertEquals(before + 1, reads.get(), "still caching after the flood");
    }
}
