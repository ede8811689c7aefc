package dev.switchboard.shared.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * What one delivery attempt came to, decided from the receiver's answer alone: a 2xx delivered it;
 * a 410 says the endpoint is gone (it is disabled, nothing more is sent); anything else, a 3xx
 * included (redirects are never followed: the URL the tenant gave is the one that is signed for),
 * a timeout or a refused connection, is tried again on the schedule, after the receiver's
 * {@code Retry-After} when a 429 or 503 gives one.
 */
public sealed interface AttemptOutcome {

    record Delivered(int status) implements AttemptOutcome {
    }

    record Gone(int status) implements AttemptOutcome {
    }

    /** @param status the receiver's status, or 0 when there was none (timeout, connection refused) */
    record Failed(int status, String reason, Optional<Duration> retryAfter) implements AttemptOutcome {
    }

    static AttemptOutcome of(int status, String retryAfterHeader, Instant now) {
        if (status >= 200 && status < 300) {
            return new Delivered(status);
        }
        if (status == 410) {
            return new Gone(status);
        }
        Optional<Duration> retryAfter = status == 429 || status == 503 ? retryAfter(retryAfterHeader, now)
                : Optional.empty();
        String reason = status >= 300 && status < 400 ? "redirect not followed" : "HTTP " + status;
        return new Failed(status, reason, retryAfter);
    }

    static AttemptOutcome unreachable(String reason) {
        return new Failed(0, reason, Optional.empty());
    }

    /** Retry-After as delay-seconds or an HTTP date (RFC 9110); nonsense is as if absent. */
    static Optional<Duration> retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.trim();
        if (value.chars().allMatch(Character::isDigit)) {
            return value.length() > 9 ? Optional.of(RetrySchedule.MAX_RETRY_AFTER)
                    : Optional.of(Duration.ofSeconds(Long.parseLong(value)));
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
