package dev.switchboard.shared.tenancy;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Time zones as tenants name them: an IANA region id ({@code America/New_York}) or {@code UTC}.
 * Fixed offsets and the JDK's three-letter abbreviations are refused: they do not follow a
 * place's clock changes, and a report in them would be an hour off half the year.
 */
public final class TimeZones {
    public static final ZoneId UTC = ZoneId.of("UTC");

    private TimeZones() {
    }

    public static Optional<ZoneId> parse(String id) {
        if (id == null || id.isBlank() || id.length() > 64) {
            return Optional.empty();
        }
        if (id.equals("UTC")) {
            return Optional.of(UTC);
        }
        if (!id.contains("/") || id.startsWith("Etc/") || id.startsWith("SystemV/")) {
            return Optional.empty();
        }
        try {
            return Optional.of(ZoneId.of(id));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
