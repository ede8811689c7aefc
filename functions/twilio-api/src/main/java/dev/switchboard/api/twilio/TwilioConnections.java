package dev.switchboard.api.twilio;

import dev.switchboard.shared.twilio.Sids;
import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.Account;
import com.twilio.rest.api.v2010.account.NewKey;
import dev.switchboard.shared.api.ApiError;
import dev.switchboard.shared.api.ApiRequest;
import dev.switchboard.shared.api.ApiResponse;
import dev.switchboard.shared.api.ApiRoutes;
import dev.switchboard.shared.api.JsonObject;
import dev.switchboard.shared.tenancy.TenantAccess;
import dev.switchboard.shared.crypto.SecretSealer;
import dev.switchboard.shared.log.Log;
import dev.switchboard.shared.tenancy.PhoneNumber;
import dev.switchboard.shared.tenancy.Tenants;
import dev.switchboard.shared.tenancy.TwilioAccounts;
import dev.switchboard.shared.tenancy.Numbers;
import dev.switchboard.shared.tenancy.Tenant;
import dev.switchboard.shared.tenancy.TwilioAccount;
import dev.switchboard.shared.twilio.rest.Drift;
import dev.switchboard.shared.twilio.rest.NumberWebhooks;
import dev.switchboard.shared.twilio.rest.TwilioAccess;
import dev.switchboard.shared.twilio.rest.TwilioAccess.Connected;
import dev.switchboard.shared.twilio.rest.TwilioClients;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Connects a tenant's Twilio account: checks the credentials with Twilio, keeps them sealed,
 * and sets up what Switchboard needs there (the TwiML App, an API key for access tokens),
 * idempotently. Health compares what Twilio has with what it should be; repair mends it.
 */
public final class TwilioConnections {
    private static final Log LOG = Log.of(TwilioConnections.class);
    private static final Pattern API_KEY_SID = Pattern.compile("SK[0-9a-fA-F]{32}");

    private final Tenants tenants;
    private final TwilioAccounts accounts;
    private final SecretSealer sealer;
    private final TwilioClients twilio;
    private final TwilioAccess connections;
    private final Numbers numbers;
    private final TenantAccess access;

    public TwilioConnections(Tenants tenants, TwilioAccounts accounts,
                             Numbers numbers, SecretSealer sealer, TwilioClients twilio) {
        this.tenants = tenants;
        this.accounts = accounts;
        this.numbers = numbers;
        this.sealer = sealer;
        this.twilio = twilio;
        this.connections = new TwilioAccess(accounts, sealer, twilio);
        this.access = new TenantAccess(tenants);
    }

    public ApiRoutes routes() {
        return new ApiRoutes()
                .on("PUT /v1/tenants/{tenantId}/twilio", this::connect)
                .on("GET /v1/tenants/{tenantId}/twilio/health", this::health)
                .action("POST /v1/tenants/{tenantId}/twilio/repair", this::repair);
    }

    ApiResponse connect(ApiRequest request) {
        String tenantId = access.tenant(request);
        JsonObject body = request.json().only(Set.of("accountSid", "authToken", "apiKeySid", "apiKeySecret",
                "subaccounts"));
        List<String[]> subaccounts = subaccounts(body);
        String accountSid = body.requiredString("accountSid");
        String authToken = body.requiredString("authToken");
        // Twilio's tokens are 32 characters; anything far longer cannot be one and is not sent on.
        if (authToken.length() > MAX_TOKEN) {
            throw ApiError.unprocessable("authToken", "authToken must be at most " + MAX_TOKEN + " characters");
        }
        if (!Sids.isAccountSid(accountSid)) {
            throw ApiError.unprocessable("accountSid", "accountSid must be AC followed by 32 hex digits");
        }
        String apiKeySid = body.string("apiKeySid").orElse(null);
        String apiKeySecret = body.string("apiKeySecret").orElse(null);
        if ((apiKeySid == null) != (apiKeySecret == null)) {
            throw ApiError.unprocessable(apiKeySid == null ? "apiKeySid" : "apiKeySecret",
                    "apiKeySid and apiKeySecret go together");
        }
        // Voice tokens are signed HS256 with the secret, which needs at least 256 bits: a shorter
        // one would be accepted here and fail every voice token afterwards. Twilio's are 32 characters.
        if (apiKeySecret != null && (apiKeySecret.getBytes(java.nio.charset.StandardCharsets.UTF_8).length < 32
                || apiKeySecret.length() > 128)) {
            throw ApiError.unprocessable("apiKeySecret",
                    "apiKeySecret must be the key's secret as Twilio showed it (32 characters)");
        }
        if (apiKeySid != null && !API_KEY_SID.matcher(apiKeySid).matches()) {
            throw ApiError.unprocessable("apiKeySid", "apiKeySid must be SK followed by 32 hex digits");
        }
        TwilioRestClient client = twilio.forAccount(accountSid, authToken);
        verify(client, accountSid, "authToken");
        for (String[] sub : subaccounts) {
            verify(twilio.forAccount(sub[0], sub[1]), sub[0], "subaccounts");
        }

        var previous = accounts.get(accountSid);
        if (previous.isPresent() && !previous.get().tenantId().equals(tenantId)) {
            throw ApiError.conflict("Twilio account " + accountSid + " is connected to another tenant");
        }
        for (String[] sub : subaccounts) {
            // A subaccount signs its own numbers' webhooks with its own token; it needs no app or key.
            var existing = accounts.get(sub[0]);
            TwilioAccount account = new TwilioAccount(sub[0], tenantId,
                    sealer.seal(sub[1], TwilioAccount.sealingContext(sub[0])),
                    existing.map(TwilioAccount::twimlAppSid).orElse(null),
                    existing.map(TwilioAccount::apiKeySid).orElse(null),
                    existing.map(TwilioAccount::sealedApiKeySecret).orElse(null));
            if (!accounts.connect(account)) {
                throw ApiError.conflict("Twilio account " + sub[0] + " is connected to another tenant");
            }
        }
        List<Drift> changed = new ArrayList<>();
        var app = call(() -> TwimlAppSetup.ensure(client, accountSid, tenantId, request.baseUrl(), changed));
        String keySid;
        String sealedKeySecret;
        if (apiKeySid != null) {
            keySid = apiKeySid;
            sealedKeySecret = sealer.seal(apiKeySecret, TwilioAccount.apiKeySealingContext(accountSid));
        } else if (previous.isPresent() && previous.get().apiKeySid() != null) {
            keySid = previous.get().apiKeySid();
            sealedKeySecret = previous.get().sealedApiKeySecret();
        } else {
            NewKey key = call(() -> NewKey.creator(accountSid).setFriendlyName("Switchboard " + tenantId).create(client));
            keySid = key.getSid();
            sealedKeySecret = sealer.seal(key.getSecret(), TwilioAccount.apiKeySealingContext(accountSid));
            changed.add(new Drift("apiKey", keySid, "exists", "true", "false"));
        }
        TwilioAccount account = new TwilioAccount(accountSid, tenantId,
                sealer.seal(authToken, TwilioAccount.sealingContext(accountSid)), app.getSid(), keySid, sealedKeySecret);
        if (!accounts.connect(account)) {
            throw ApiError.conflict("Twilio account " + accountSid + " is connected to another tenant");
        }
        Tenant tenant = tenants.get(tenantId).orElseThrow(() -> ApiError.notFound("Tenant " + tenantId));
        tenants.put(tenant.withAccount(accountSid));
        LOG.info("twilio connected", "tenantId", tenantId, "accountSid", accountSid, "changes", changed.size());
        return ApiResponse.ok(new ConnectionView(account.accountSid(), account.twimlAppSid(), account.apiKeySid(),
                changed));
    }

    ApiResponse health(ApiRequest request) {
        Connected connected = connected(request);
        List<Drift> drift = new ArrayList<>(TwimlAppSetup.drift(call(() -> TwimlAppSetup.find(connected.client(),
                connected.account().accountSid(), connected.account().tenantId())), request.baseUrl()));
        drift.addAll(numberDrift(connected.account().tenantId(), request.baseUrl(), false));
        TwilioAccount account = connected.account();
        return ApiResponse.ok(new HealthView(account.accountSid(), account.twimlAppSid(), account.apiKeySid(),
                drift.isEmpty(), drift));
    }

    ApiResponse repair(ApiRequest request) {
        Connected connected = connected(request);
        TwilioAccount account = connected.account();
        List<Drift> changed = new ArrayList<>();
        var app = call(() -> TwimlAppSetup.ensure(connected.client(), account.accountSid(), account.tenantId(),
                request.baseUrl(), changed));
        if (!app.getSid().equals(account.twimlAppSid())) {
            accounts.put(new TwilioAccount(account.accountSid(), account.tenantId(), account.sealedAuthToken(),
                    app.getSid(), account.apiKeySid(), account.sealedApiKeySecret()));
        }
        changed.addAll(numberDrift(account.tenantId(), request.baseUrl(), true));
        return ApiResponse.ok(new RepairView(account.accountSid(), app.getSid(), account.apiKeySid(), changed));
    }

    /**
     * Each of the tenant's numbers against its webhooks at Twilio, checked with the token of the
     * account that owns it (subaccounts included); with {@code fix}, corrected too. A number
     * its account no longer has is reported, and left for the tenant to release or re-import.
     */
    private List<Drift> numberDrift(String tenantId, String baseUrl, boolean fix) {
        List<Drift> drift = new ArrayList<>();
        String cursor = null;
        do {
            var page = numbers.list(tenantId, cursor, 100);
            for (PhoneNumber number : page.items()) {
                var owner = connections.of(tenantId, number.accountSid());
                if (owner.isEmpty()) {
                    drift.add(new Drift("number", null, "account", number.accountSid(), null));
                    continue;
                }
                var client = owner.get().client();
                var atTwilio = call(() -> NumberWebhooks.find(client, number.accountSid(), number.phoneNumber()));
                if (atTwilio.isEmpty()) {
                    drift.add(new Drift("number", null, "exists", number.phoneNumber(), null));
                    continue;
                }
                List<Drift> off = NumberWebhooks.drift(atTwilio.get(), baseUrl);
                drift.addAll(off);
                if (fix && !off.isEmpty()) {
                    call(() -> NumberWebhooks.configure(client, number.accountSid(), atTwilio.get().getSid(), baseUrl));
                }
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        return drift;
    }

    private Connected connected(ApiRequest request) {
        String tenantId = access.tenant(request);
        String accountSid = tenants.get(tenantId).map(Tenant::accountSid)
                .orElseThrow(() -> ApiError.notFound("Tenant " + tenantId));
        return connections.of(tenantId, accountSid)
                .orElseThrow(() -> ApiError.notFound("Twilio connection of tenant " + tenantId));
    }

    /**
     * The most subaccounts one connect verifies: each is a Twilio round trip and a write, and the
     * whole request must finish well inside the function's timeout.
     */
    static final int MAX_SUBACCOUNTS = 20;
    static final int MAX_TOKEN = 128;

    /** [accountSid, authToken] of each subaccount in the body. */
    private static List<String[]> subaccounts(JsonObject body) {
        List<String[]> result = new ArrayList<>();
        body.array("subaccounts").ifPresent(items -> {
            if (items.size() > MAX_SUBACCOUNTS) {
                throw ApiError.unprocessable("subaccounts", "At most " + MAX_SUBACCOUNTS
                        + " subaccounts per request; got " + items.size());
            }
            for (int i = 0; i < items.size(); i++) {
                JsonObject sub = items.get(i).only(Set.of("accountSid", "authToken"));
                String sid = sub.requiredString("accountSid");
                if (!Sids.isAccountSid(sid)) {
                    throw ApiError.unprocessable("subaccounts[" + i + "].accountSid",
                            "accountSid must be AC followed by 32 hex digits");
                }
                String token = sub.requiredString("authToken");
                if (token.length() > MAX_TOKEN) {
                    throw ApiError.unprocessable("subaccounts[" + i + "].authToken",
                            "authToken must be at most " + MAX_TOKEN + " characters");
                }
                result.add(new String[]{sid, token});
            }
        });
        return result;
    }

    private static void verify(TwilioRestClient client, String accountSid, String field) {
        try {
            Account.fetcher(accountSid).fetch(client);
        } catch (ApiException e) {
            if (e.getStatusCode() != null && (e.getStatusCode() == 401 || e.getStatusCode() == 403
                    || e.getStatusCode() == 404)) {
                throw ApiError.unprocessable(field, "Twilio rejected these credentials for " + accountSid);
            }
            throw TwilioAccess.failure(e);
        } catch (ApiConnectionException e) {
            throw TwilioAccess.failure(e);
        }
    }

    private static <T> T call(Supplier<T> twilioCall) {
        return TwilioAccess.call(twilioCall);
    }


    /** The account just connected, and what was changed at Twilio to connect it. */
    record ConnectionView(String accountSid, String twimlAppSid, String apiKeySid, List<Drift> changes) {
    }

    /** The connection, and whatever at Twilio no longer points where Switchboard set it. */
    record HealthView(String accountSid, String twimlAppSid, String apiKeySid, boolean healthy, List<Drift> drift) {
    }

    /** The connection after a repair, and what the repair changed. */
    record RepairView(String accountSid, String twimlAppSid, String apiKeySid, List<Drift> repaired) {
    }
}
