package dev.switchboard.shared.tenancy;

import dev.switchboard.shared.Platform;
import dev.switchboard.shared.apikeys.ApiKeys;
import dev.switchboard.shared.apikeys.DynamoApiKeys;
import dev.switchboard.shared.priming.PrimingFixture;
import dev.switchboard.shared.webhook.WebhookGuard;

/**
 * The tenancy capability's wiring: its repositories on the platform's tables, the directory every
 * webhook looks its account, number and agent up in, and its priming fixture. A composition root
 * builds one and takes what its function uses; a repository holds nothing but the client and its
 * table, so each is built when asked for and a function loads the classes of only those it takes.
 */
public final class TenancyWiring {
    private final Platform platform;
    // One per function: it is a cache. Built when first asked for (webhooks only).
    private Directory directory;

    public TenancyWiring(Platform platform) {
        this.platform = platform;
    }

    public Tenants tenants() {
        return new DynamoTenants(platform.dynamo(), platform.settings().tables().tenants());
    }

    public TwilioAccounts accounts() {
        return new DynamoTwilioAccounts(platform.dynamo(), platform.settings().tables().accounts());
    }

    public Agents agents() {
        return new DynamoAgents(platform.dynamo(), platform.settings().tables().agents());
    }

    public Numbers numbers() {
        return new DynamoNumbers(platform.dynamo(), platform.settings().tables().numbers());
    }

    public ApiKeys apiKeys() {
        return new DynamoApiKeys(platform.dynamo(), platform.settings().tables().apiKeys());
    }

    /** Which tenant an API request may act for. */
    public TenantAccess access() {
        return new TenantAccess(tenants());
    }

    public synchronized Directory directory() {
        if (directory == null) {
            directory = new Directory(accounts(), numbers(), agents(), platform.sealer(),
                    platform.settings().directoryCacheTtl(), platform.clock());
        }
        return directory;
    }

    /** Forgets what the directory cached, if this function built one. */
    synchronized void forgetCached() {
        if (directory != null) {
            directory.forgetAll();
        }
    }

    /** Lets through only webhooks signed by the connected Twilio account they name. */
    public WebhookGuard webhookGuard() {
        return new WebhookGuard(directory());
    }

    /** The made-up account, number, agent and tenant SnapStart priming's requests find. */
    public PrimingFixture priming() {
        return new TenancyPriming(platform, this, true);
    }

    /** Priming for a function that never opens a Twilio credential: it carries no KMS client to seal one. */
    public PrimingFixture primingWithoutAccounts() {
        return new TenancyPriming(platform, this, false);
    }
}
