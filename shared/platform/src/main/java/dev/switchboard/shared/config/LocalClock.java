package dev.switchboard.shared.config;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The functions' clock on the local stack: the real time, unless the system property
 * {@value Settings#LOCAL_NOW} names an instant, which it then reads as (frozen). It lets a test
 * play a history of calls over days in minutes, each webhook seeing the time its call happened.
 * Never used in AWS: the platform builds it only against the emulators.
 */
public final class LocalClock extends Clock {
    private volatile String lastText;
    private volatile Instant lastInstant;

    @Override
    public Instant instant() {
        String text = System.getProperty(Settings.LOCAL_NOW);
        if (text == null || text.isBlank()) {
            return Instant.now();
        }
        if (!text.equals(lastText)) {
            lastInstant = Instant.parse(text);
            lastText = text;
        }
        return lastInstant;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the functions' clock is UTC");
    }
}
