package dev.switchboard.media;

import java.io.InputStream;
import java.time.Duration;

/**
 * One copy's allowance under its {@link CopyLimits}: the bytes still allowed (a message's media
 * items share them) and the deadline by which every body read under it must have arrived. Used by
 * one worker thread at a time.
 */
public final class CopyBudget {
    private final CopyLimits limits;
    private final long deadline;
    private long bytesLeft;

    CopyBudget(CopyLimits limits, long startNanos) {
        this.limits = limits;
        this.deadline = startNanos + limits.timeToRead().toNanos();
        this.bytesLeft = limits.maxBytes();
    }

    public CopyLimits limits() {
        return limits;
    }

    Duration timeLeft() {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }

    boolean expired() {
        return deadline - System.nanoTime() <= 0;
    }

    CopyFault tooSlow() {
        return new CopyFault(CopyFault.Reason.TOO_SLOW, "Twilio's answer did not arrive within "
                + limits.timeToRead().toSeconds() + " s, the time to read " + limits.what());
    }

    /** Counts bytes read; past the limit the copy is over. */
    void spend(long bytes) throws CopyFault {
        bytesLeft -= bytes;
        if (bytesLeft < 0) {
            throw new CopyFault(CopyFault.Reason.TOO_LARGE, String.format(
                    "Twilio sent more than %,d bytes, the most %s may have", limits.maxBytes(), limits.what()));
        }
    }

    /** Before a byte is read: what Twilio announced (its Content-Length, or -1 for none) must fit. */
    public void checkAnnounced(long announced) throws CopyFault {
        if (announced == 0) {
            throw new CopyFault(CopyFault.Reason.EMPTY, "Twilio answered with no bytes (Content-Length 0)");
        }
        if (announced > bytesLeft) {
            throw new CopyFault(CopyFault.Reason.TOO_LARGE, String.format("Twilio announced %,d bytes; %s",
                    announced, bytesLeft == limits.maxBytes() ? limits.range() : String.format(
                            "only %,d more bytes fit the %,d allowed for %s", bytesLeft, limits.maxBytes(),
                            limits.what())));
        }
        if (announced > 0 && announced < limits.minBytes()) {
            throw new CopyFault(CopyFault.Reason.TOO_SMALL, String.format("Twilio announced %,d bytes; %s",
                    announced, limits.range()));
        }
    }

    /** After the last byte, before the copy becomes visible: it is what Twilio announced, and plausible. */
    public void checkCopied(long bytes, long announced) throws CopyFault {
        if (bytes == 0) {
            throw new CopyFault(CopyFault.Reason.EMPTY, "Twilio answered with no bytes");
        }
        if (announced >= 0 && bytes != announced) {
            throw new CopyFault(CopyFault.Reason.WRONG_LENGTH, String.format(
                    "Twilio sent %,d bytes but announced %,d", bytes, announced));
        }
        if (bytes < limits.minBytes()) {
            throw new CopyFault(CopyFault.Reason.TOO_SMALL, String.format("Twilio sent %,d bytes; %s", bytes,
                    limits.range()));
        }
    }

    /** The body, read under this budget: its bytes counted and cut off at the deadline. */
    InputStream bound(InputStream body, long announced) {
        return new BoundedBody(body, announced, this);
    }
}
