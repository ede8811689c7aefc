package dev.switchboard.shared.tenancy;

import dev.switchboard.shared.Platform;
import dev.switchboard.shared.priming.PrimingFixture;

import java.util.Map;

import static dev.switchboard.shared.priming.Priming.ACCOUNT;
import static dev.switchboard.shared.priming.Priming.AGENT;
import static dev.switchboard.shared.priming.Priming.AGENT_IDENTITY;
import static dev.switchboard.shared.priming.Priming.APP;
import static dev.switchboard.shared.priming.Priming.NUMBER;
import static dev.switchboard.shared.priming.Priming.TENANT;
import static dev.switchboard.shared.priming.Priming.TOKEN;

/**
 * Tenancy's part in SnapStart priming: its tables answer with the made-up account (its token
 * sealed by the function's own sealer, so that opening it primes the real path), number, agent and
 * tenant; the directory forgets them afterwards. No real secret is read and none is snapshotted.
 */
final class TenancyPriming implements PrimingFixture {
    private final Platform platform;
    private final TenancyWiring tenancy;
    private final boolean accounts;
    private String sealedToken;

    /** @param accounts whether the function opens Twilio credentials (and so carries the KMS client) */
    TenancyPriming(Platform platform, TenancyWiring tenancy, boolean accounts) {
        this.platform = platform;
        this.tenancy = tenancy;
        this.accounts = accounts;
    }

    @Override
    public void before() {
        sealedToken = accounts ? platform.sealer().seal(TOKEN, TwilioAccount.sealingContext(ACCOUNT)) : null;
    }

    @Override
    public Map<String, Object> item(String operation, String body) {
        var tables = platform.settings().tables();
        if (body.contains("\"" + tables.accounts() + "\"")) {
            // A query of the accounts table finds none: no made-up tenant has a second account.
            return sealedToken == null || !operation.endsWith("GetItem") ? null
                    : Map.of("accountSid", s(ACCOUNT), "tenantId", s(TENANT), "sealedAuthToken", s(sealedToken),
                    "twimlAppSid", s(APP));
        }
        if (body.contains("\"" + tables.numbers() + "\"")) {
            return Map.of("phoneNumber", s(NUMBER), "tenantId", s(TENANT), "accountSid", s(ACCOUNT),
                    "agentId", s(AGENT), "routing", Map.of("M", Map.of("mode", s("forward"),
                            "forwardTo", s("+15005550001"), "record", Map.of("BOOL", true),
                            "timeoutSeconds", Map.of("N", "20"), "voicemail", Map.of("BOOL", true))));
        }
        if (body.contains("\"" + tables.agents() + "\"")) {
            return Map.of("tenantId", s(TENANT), "agentId", s(AGENT), "name", s("Priming"),
                    "phone", s("+15005550002"), "clientIdentity", s(AGENT_IDENTITY));
        }
        if (body.contains("\"" + tables.tenants() + "\"")) {
            return Map.of("tenantId", s(TENANT), "name", s("Priming"));
        }
        return null;
    }

    @Override
    public void after() {
        tenancy.forgetCached();
        sealedToken = null;
    }

    @Override
    public void realRead() {
        tenancy.accounts().get(ACCOUNT);
    }

    private static Map<String, String> s(String value) {
        return Map.of("S", value);
    }
}
