package dev.switchboard.shared.tenancy;

/**
 * A Twilio phone number that Switchboard answers, owned by one tenant through one of its
 * Twilio accounts (the account whose token signs the number's webhooks).
 */
public record PhoneNumber(String phoneNumber, String tenantId, String accountSid, String agentId, Routing routing) {
    public PhoneNumber {
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
