package dev.switchboard.shared.tenancy;

import dev.switchboard.shared.crypto.SecretSealer;
import dev.switchboard.shared.webhook.SigningAccounts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The lookups every webhook makes (account by AccountSid, number by called number, agent),
 * cached per container for a short time. A warm container then answers a call without a
 * DynamoDB or KMS round trip; the cost is that a routing change reaches a warm container only
 * after the TTL (DIRECTORY_CACHE_SECONDS, 30 s by default). Misses are cached too, so a flood
 * of requests naming an unknown account does not become a flood of reads.
 */
public final class Directory implements SigningAccounts {

    /**
     * A connected account with its auth token opened; never logged, never cached to disk.
     *
     * @param twimlAppSid the tenant's TwiML App in this account, if it has one
     */
    public record Credentials(String accountSid, String tenantId, String authToken, String twimlAppSid) {
        @Override
        public String toString() {
            return "Credentials[accountSid=" + accountSid + ", tenantId=" + tenantId + "]";
        }
    }

    private record Cached<T>(Optional<T> value, Instant expires) {
    }

    public static final int DEFAULT_MAX_ENTRIES = 10_000;

    private final TwilioAccounts accounts;
    private final Numbers numbers;
    private final Agents agents;
    private final SecretSealer sealer;
    private final Duration ttl;
    private final int maxEntries;
    private final Clock clock;
    private final ConcurrentHashMap<String, Cached<?>> cache = new ConcurrentHashMap<>();

    public Directory(TwilioAccounts accounts, Numbers numbers, Agents agents,
                     SecretSealer sealer, Duration ttl, Clock clock) {
        this(accounts, numbers, agents, sealer, ttl, DEFAULT_MAX_ENTRIES, clock);
    }

    public Directory(TwilioAccounts accounts, Numbers numbers, Agents agents,
                     SecretSealer sealer, Duration ttl, int maxEntries, Clock clock) {
        this.accounts = accounts;
        this.numbers = numbers;
        this.agents = agents;
        this.sealer = sealer;
        this.ttl = ttl;
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    /** Drops everything cached (SnapStart priming's made-up account and number among it). */
    public void forgetAll() {
        cache.clear();
    }

    public Optional<Credentials> credentials(String accountSid) {
        return cached("account:" + accountSid, () -> accounts.get(accountSid).map(a -> new Credentials(
                a.accountSid(), a.tenantId(),
                sealer.open(a.sealedAuthToken(), TwilioAccount.sealingContext(a.accountSid())), a.twimlAppSid())));
    }

    /** The account a webhook names, for the guard that checks its signature. */
    @Override
    public Optional<SigningAccount> find(String accountSid) {
        return credentials(accountSid).map(c -> new SigningAccount(c.tenantId(), c.authToken()));
    }

    public Optional<PhoneNumber> number(String phoneNumber) {
        return cached("number:" + phoneNumber, () -> numbers.get(phoneNumber));
    }

    public Optional<Agent> agent(String tenantId, String agentId) {
        return cached("agent:" + tenantId + "/" + agentId, () -> agents.get(tenantId, agentId));
    }

    public Optional<Agent> agentByClientIdentity(String tenantId, String clientIdentity) {
        return cached("identity:" + tenantId + "/" + clientIdentity, () -> agents.byClientIdentity(tenantId, clientIdentity));
    }

    /** How many entries the cache holds, expired ones included. */
    public int size() {
        return cache.size();
    }

    @SuppressWarnings("unchecked")
    private <T> Optional<T> cached(String key, Supplier<Optional<T>> load) {
        Instant now = clock.instant();
        Cached<?> hit = cache.get(key);
        if (hit != null && hit.expires().isAfter(now)) {
            return (Optional<T>) hit.value();
        }
        Optional<T> value = load.get();
        if (!ttl.isZero()) {
            if (cache.size() >= maxEntries) {
                // Misses are cached too, so keys are as many as callers care to invent: drop what
                // has expired, and everything if that is not enough.
                cache.values().removeIf(entry -> !entry.expires().isAfter(now));
                if (cache.size() >= maxEntries) {
                    cache.clear();
                }
            }
            cache.put(key, new Cached<>(value, now.plus(ttl)));
        }
        return value;
    }
}
