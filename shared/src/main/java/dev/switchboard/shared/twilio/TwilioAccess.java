package dev.switchboard.shared.twilio;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import dev.switchboard.shared.api.ApiError;
import dev.switchboard.shared.crypto.SecretSealer;
import dev.switchboard.shared.log.Log;
import dev.switchboard.shared.tenancy.TenancyStores;
import dev.switchboard.shared.tenancy.TwilioAccount;

import java.util.Optional;
import java.util.function.Supplier;

/** A tenant's connected Twilio account, as a client that speaks to Twilio as that account. */
public final class TwilioAccess {
    private static final Log LOG = Log.of(TwilioAccess.class);

    public record Connected(TwilioAccount account, TwilioRestClient client) {
    }

    private final TenancyStores.Accounts accounts;
    private final SecretSealer sealer;
    private final TwilioClients clients;

    public TwilioAccess(TenancyStores.Accounts accounts, SecretSealer sealer, TwilioClients clients) {
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
                account, clients.forAccount(accountSid,
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

    /** A Twilio failure as the API reports it: logged here, a 502 to the caller. */
    public static ApiError failure(RuntimeException e) {
        LOG.error("twilio call failed", e);
        return ApiError.upstream("Twilio did not complete the request; retrying is safe");
    }
}
