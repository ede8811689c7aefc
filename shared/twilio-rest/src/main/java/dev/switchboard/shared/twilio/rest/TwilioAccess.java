package dev.switchboard.shared.twilio.rest;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import dev.switchboard.shared.api.ApiError;
import dev.switchboard.shared.crypto.SecretSealer;
import dev.switchboard.shared.log.Log;
import dev.switchboard.shared.tenancy.TwilioAccounts;
import dev.switchboard.shared.tenancy.TwilioAccount;

import java.util.Optional;
import java.util.function.Supplier;

/** A tenant's connected Twilio account, as a client that speaks to Twilio as that account. */
public final class TwilioAccess {
    private static final Log LOG = Log.of(TwilioAccess.class);

    public record Connected(TwilioAccount account, TwilioRestClient client) {
    }

    private final TwilioAccounts accounts;
    private final SecretSealer sealer;
    private final Supplier<TwilioClients> clients;

    public TwilioAccess(TwilioAccounts accounts, SecretSealer sealer, TwilioClients clients) {
        this(accounts, sealer, () -> clients);
    }

    /** @param clients built when a request first calls Twilio: a list or a read never builds them */
    public TwilioAccess(TwilioAccounts accounts, SecretSealer sealer, Supplier<TwilioClients> clients) {
        this.accounts = accounts;
        this.sealer = sealer;
        this.clients = clients;
    }

    /** The account, if the tenant has connected it. */
    public Optional<Connected> of(String tenantId, String accountSid) {
        if (accountSid == null) {
            return Optional.empty();
        }
        return accounts.get(accountSid).filter(a -> a.tenantId().equals(tenantId)).map(account -> new Connected(
                account, clients.get().forAccount(accountSid,
                        sealer.open(account.sealedAuthToken(), TwilioAccount.sealingContext(accountSid)))));
    }

    /** Runs a Twilio call; Twilio's failure or absence is a 502 the caller may retry. */
    public static <T> T call(Supplier<T> twilioCall) {
        try {
            return twilioCall.get();
        } catch (ApiException | ApiConnectionException e) {
            throw failure(e);
        }
    }

    /**
     * A Twilio failure as the API reports it. Twilio refusing what was asked (a 4xx: an invalid
     * To, a number not for sale, a message too long) is the request's fault: 422 with Twilio's
     * code and words, and retrying would not help. Refused credentials are the stored account's
     * state: 409, reconnect. Twilio down, slow, throttling or unreachable: 502, retrying is safe.
     */
    public static ApiError failure(RuntimeException e) {
        if (e instanceof ApiException refused && refused.getStatusCode() != null) {
            int status = refused.getStatusCode();
            if (status == 401 || status == 403) {
                LOG.warn("twilio refused the stored credentials", "status", status, "code", refused.getCode());
                return ApiError.conflict("Twilio refused this account's stored credentials: reconnect it (PUT /v1/tenants/{tenantId}/twilio)");
            }
            if (status >= 400 && status < 500 && status != 408 && status != 429) {
                LOG.info("twilio refused the request", "status", status, "code", refused.getCode());
                return ApiError.twilioRefused(refused.getCode(), refused.getMessage());
            }
        }
        if (e instanceof ApiException failed) {
            LOG.warn("twilio call failed", "status", failed.getStatusCode(), "code", failed.getCode(),
                    "twilioMessage", failed.getMessage(), "moreInfo", failed.getMoreInfo());
        } else {
            // twilio-java wraps the I/O failure: its own message is often "null", the cause says what happened.
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            LOG.warn("twilio unreachable", "reason", cause.getClass().getSimpleName() + ": " + cause.getMessage());
        }
        return ApiError.upstream("Twilio did not complete the request; retrying is safe");
    }
}
