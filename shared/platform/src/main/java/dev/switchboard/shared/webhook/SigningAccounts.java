package dev.switchboard.shared.webhook;

import java.util.Optional;

/**
 * Where the guard finds the auth token a webhook must have been signed with: the connected Twilio
 * accounts, which the tenancy capability keeps. The webhook kit knows only this question.
 */
@FunctionalInterface
public interface SigningAccounts {

    /** The connected account with this AccountSid, or empty when no tenant has connected it. */
    Optional<SigningAccount> find(String accountSid);

    /** The tenant that connected an account, and its auth token opened: never logged. */
    record SigningAccount(String tenantId, String authToken) {
        @Override
        public String toString() {
            return "SigningAccount[tenantId=" + tenantId + "]";
        }
    }
}
