package dev.switchboard.shared.realtime;

/** What a redeemed ticket lets a connection see: its tenant's events, for that audience. */
public record TicketGrant(String tenantId, Audience audience) {
}
