package dev.switchboard.shared.tenancy;

import java.util.Optional;

/** The Twilio accounts tenants have connected, each with its sealed credentials; one tenant each. */
public interface TwilioAccounts {
    void put(TwilioAccount account);

    /**
     * Saves the account for its tenant unless another tenant has connected it.
     *
     * @return false when the account belongs to another tenant
     */
    boolean connect(TwilioAccount account);

    Optional<TwilioAccount> get(String accountSid);
}
