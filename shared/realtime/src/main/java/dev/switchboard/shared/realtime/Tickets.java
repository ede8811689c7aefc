package dev.switchboard.shared.realtime;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Single-use tickets that open a WebSocket: a browser cannot set a header on the upgrade, and a
 * long-lived API key must not travel in a URL (logs, history). A ticket is random, kept only as its
 * SHA-256, lives a minute at most, and is gone once redeemed.
 */
public interface Tickets {
    Duration LIFETIME = Duration.ofSeconds(60);

    /** @return the ticket, to be shown once */
    String issue(TicketGrant grant, Instant now);

    /** The grant, once: a second redemption, an expired or an unknown ticket get nothing. */
    Optional<TicketGrant> redeem(String ticket, Instant now);
}
