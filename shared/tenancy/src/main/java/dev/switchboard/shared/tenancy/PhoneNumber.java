package dev.switchboard.shared.tenancy;

import dev.switchboard.shared.twilio.PhoneNumbers;

/**
 * A Twilio phone number that Switchboard answers, owned by one tenant through one of its
 * Twilio accounts (the account whose token signs the number's webhooks).
 *
 * @param routing   how its calls are answered
 * @param messaging how it answers messages by itself (auto-reply, help text)
 */
public record PhoneNumber(String phoneNumber, String tenantId, String accountSid, String agentId, Routing routing,
                          MessagingSettings messaging) {
    /** A number that answers messages only with Switchboard's defaults. */
    public PhoneNumber(String phoneNumber, String tenantId, String accountSid, String agentId, Routing routing) {
        this(phoneNumber, tenantId, accountSid, agentId, routing, MessagingSettings.NONE);
    }

    public PhoneNumber {
        if (messaging == null) {
            messaging = MessagingSettings.NONE;
        }
        PhoneNumbers.requireE164(phoneNumber, "number.phoneNumber");
        Ids.require(tenantId, "number.tenantId");
        Ids.requireAccountSid(accountSid, "number.accountSid");
        if (agentId != null && agentId.isBlank()) {
            agentId = null;
        }
        if (agentId != null) {
            Ids.require(agentId, "number.agentId");
        }
        if (routing == null) {
            throw new IllegalArgumentException("number.routing is required");
        }
        if (routing.mode() == RoutingMode.CLIENT && agentId == null) {
            throw new IllegalArgumentException("number.agentId is required in client mode: it names whose browser rings");
        }
    }
}
