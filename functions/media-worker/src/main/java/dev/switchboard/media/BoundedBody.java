package dev.switchboard.media;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A body from Twilio read under a {@link CopyBudget}: every byte counted against it, and the whole
 * read cut off at its deadline. A timeout per read would not do: a body that sends a byte now and
 * then never times out. At the deadline a timer closes the stream, which wakes a read blocked on
 * it; whatever that read returns, the copy is too slow. A body that ends early or breaks is a
 * {@link CopyFault} too, so every failure of the source is told apart from S3's.
 */
final class BoundedBody extends InputStream {
    /** One daemon thread for every deadline of the worker, started on the first copy. */
    private static final class Deadlines {
        static final ScheduledThreadPoolExecutor TIMER = timer();

        private static ScheduledThreadPoolExecutor timer() {
            var timer = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().daemon().name("media-read-deadline")
                    .factory());
            timer.setRemoveOnCancelPolicy(true);
            return timer;
        }
    }

    private final InputStream in;
    private final long announced;
    private final CopyBudget budget;
    private final ScheduledFuture<?> cutOff;
    private volatile boolean cut;
    private long count;

    BoundedBody(InputStream in, long announced, CopyBudget budget) {
        this.in = in;
        this.announced = announced;
        this.budget = budget;
        this.cutOff = Deadlines.TIMER.schedule(this::cut, budget.timeLeft().toNanos(), TimeUnit.NANOSECONDS);
    }

    private void cut() {
        cut = true;
        try {
            in.close();
        } catch (IOException ignored) {
            // Closing is how the blocked read is woken; it has nothing else to report.
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (cut || budget.expired()) {
            throw budget.tooSlow();
        }
        int n;
        try {
            n = in.read(buffer, offset, length);
        } catch (IOException e) {
            if (cut || budget.expired()) {
                throw budget.tooSlow();
            }
            if (announced >= 0 && count < announced) {
                throw new CopyFault(CopyFault.Reason.WRONG_LENGTH, String.format(
                        "Twilio's answer ended after %,d of the %,d bytes it announced", count, announced), e);
            }
            throw new CopyFault(CopyFault.Reason.DOWNLOAD_FAILED, "reading Twilio's answer failed: "
                    + e.getClass().getSimpleName(), e);
        }
        if (cut) {
            // Woken by the cut: what the read returned is not the whole body.
            throw budget.tooSlow();
        }
        if (n > 0) {
            count += n;
            budget.spend(n);
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        cutOff.cancel(false);
        in.close();
    }
}
