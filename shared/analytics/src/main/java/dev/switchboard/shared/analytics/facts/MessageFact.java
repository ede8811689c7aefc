package dev.switchboard.shared.analytics.facts;

import java.time.Instant;
import java.util.List;

/**
 * A message as its events tell it: one received ({@code message.received}), or one sent and the
 * furthest status its callbacks reached.
 *
 * @param at        when it was received, or the first status reported for a sent one
 * @param number    the tenant's number (or Messaging Service) on it, when an event said
 * @param status    a sent message's furthest status (null for a received one)
 * @param errorCode Twilio's error code, once reported
 */
public record MessageFact(String tenantId, String subject, List<MetricEvent> events, String direction,
                          Instant at, String number, String status, String errorCode) implements Fact {

    public boolean inbound() {
        return "inbound".equals(direction);
    }
}
