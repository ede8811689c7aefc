package dev.switchboard.shared.tenancy;

import dev.switchboard.shared.twilio.PhoneNumbers;

/**
 * A person who takes calls: on a phone, in the browser, or both.
 *
 * @param clientIdentity the Voice SDK identity that rings this agent's browser; by default
 *                       {@code <tenant>_<agent>} with '-' mapped to '_', unique across tenants
 */
public record Agent(String tenantId, String id, String name, String phone, String clientIdentity) {
    public Agent {
        Ids.require(tenantId, "agent.tenantId");
        Ids.require(id, "agent.id");
        if (phone != null && !phone.isBlank()) {
            PhoneNumbers.requireE164(phone, "agent.phone");
        } else {
            phone = null;
        }
        if (clientIdentity == null || clientIdentity.isBlank()) {
            clientIdentity = (tenantId + "_" + id).replace('-', '_');
        }
        Ids.requireClientIdentity(clientIdentity, "agent.clientIdentity");
    }
}
