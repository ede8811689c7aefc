package dev.switchboard.shared.tenancy;

/**
 * A workspace: one customer of Switchboard, with its own Twilio account or subaccounts.
 *
 * @param accountSid the Twilio account connected to it, or null before it connects one
 */
public record Tenant(String id, String name, String accountSid) {
    public Tenant {
        Ids.require(id, "tenant.id");
    }

    public Tenant(String id, String name) {
        this(id, name, null);
    }

    public Tenant withAccount(String sid) {
        return new Tenant(id, name, sid);
    }
}
