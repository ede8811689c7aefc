package dev.switchboard.shared.tenancy;

/** A workspace: one customer of Switchboard, with its own Twilio account or subaccounts. */
public record Tenant(String id, String name) {
    public Tenant {
        Ids.require(id, "tenant.id");
    }
}
