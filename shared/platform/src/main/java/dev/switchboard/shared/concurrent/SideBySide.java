package dev.switchboard.shared.concurrent;

import dev.switchboard.shared.log.LogScope;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Work that waits on others' servers, run side by side: each task on its own virtual thread (named
 * as the caller's, whose work it is), all awaited. One slow task holds none of the others.
 */
public final class SideBySide {
    private SideBySide() {
    }

    /** @return what the tasks threw, Errors included, in no particular order; empty when none did */
    public static List<Throwable> run(List<Runnable> tasks) {
        String name = Thread.currentThread().getName();
        // The caller's log fields (requestId, tenantId …) go with its work.
        LogScope scope = LogScope.currentScope();
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (Runnable task : tasks) {
            threads.add(Thread.ofVirtual().name(name).start(() -> {
                try (LogScope ignored = LogScope.nestedIn(scope)) {
                    task.run();
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for work side by side", e);
            }
        }
        return List.copyOf(failures);
    }
}
