package dev.switchboard.shared.tenancy;

import java.util.Map;

/**
 * A Twilio account or subaccount connected to a tenant. The auth token and API key secret are
 * held only sealed; {@link #toString()} is overridden so that the record never prints them.
 *
 * @param twimlAppSid        the TwiML App Switchboard provisioned for browser calls, once it has
 * @param apiKeySid          the Twilio API key that signs access tokens, once there is one
 * @param sealedApiKeySecret its secret, sealed like the auth token
 */
public record TwilioAccount(String accountSid, String tenantId, String sealedAuthToken, String twimlAppSid,
                            String apiKeySid, String sealedApiKeySecret) {

    public TwilioAccount(String accountSid, String tenantId, String sealedAuthToken) {
        this(accountSid, tenantId, sealedAuthToken, null, null, null);
    }

    public TwilioAccount {
        Ids.requireAccountSid(accountSid, "twilio.accountSid");
        Ids.require(tenantId, "twilio.tenantId");
    }

    /** What the sealed token is bound to: it opens only for this account. */
    public static Map<String, String> sealingContext(String accountSid) {
        return Map.of("accountSid", accountSid, "purpose", "twilio-auth-token");
    }

    /** What the sealed API key secret is bound to. */
    public static Map<String, String> apiKeySealingContext(String accountSid) {
        return Map.of("accountSid", accountSid, "purpose", "twilio-api-key-secret");
    }

    @Override
    public String toString() {
        return "TwilioAccount[accountSid=" + accountSid + ", tenantId=" + tenantId + "]";
    }
}
