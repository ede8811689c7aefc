package dev.switchboard.shared.tenancy;

import java.util.Map;

/**
 * A Twilio account or subaccount connected to a tenant. The auth token is held only sealed;
 * {@link #toString()} is overridden so that the record never prints it by accident.
 */
public record TwilioAccount(String accountSid, String tenantId, String sealedAuthToken) {
    public TwilioAccount {
        Ids.requireAccountSid(accountSid, "twilio.accountSid");
        Ids.require(tenantId, "twilio.tenantId");
    }

    /** What the sealed token is bound to: it opens only for this account. */
    public static Map<String, String> sealingContext(String accountSid) {
        return Map.of("accountSid", accountSid, "purpose", "twilio-auth-token");
    }

    @Override
    public String toString() {
        return "TwilioAccount[accountSid=" + accountSid + ", tenantId=" + tenantId + "]";
    }
}
