package dev.switchboard.api.agents;

import com.twilio.jwt.accesstoken.AccessToken;
import com.twilio.jwt.accesstoken.VoiceGrant;
import dev.switchboard.shared.api.ApiError;
import dev.switchboard.shared.crypto.SecretSealer;
import dev.switchboard.shared.tenancy.Agent;
import dev.switchboard.shared.tenancy.Tenants;
import dev.switchboard.shared.tenancy.TwilioAccounts;
import dev.switchboard.shared.tenancy.Tenant;
import dev.switchboard.shared.tenancy.TwilioAccount;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;

/**
 * Voice access tokens for an agent's browser: signed with the tenant's Twilio API key, for the
 * agent's client identity, allowed to place calls through the tenant's TwiML App and to be rung.
 */
final class VoiceTokens {
    static final int DEFAULT_TTL_SECONDS = 3600;
    static final int MAX_TTL_SECONDS = 86_400;

    private final Tenants tenants;
    private final TwilioAccounts accounts;
    private final SecretSealer sealer;
    private final Clock clock;

    VoiceTokens(Tenants tenants, TwilioAccounts accounts, SecretSealer sealer, Clock clock) {
        this.tenants = tenants;
        this.accounts = accounts;
        this.sealer = sealer;
        this.clock = clock;
    }

    /** A Voice SDK access token for the agent's browser, and when it expires. */
    record VoiceToken(String token, String identity, String expiresAt, int ttlSeconds) {
    }

    VoiceToken issue(Agent agent, int ttlSeconds) {
        TwilioAccount account = tenants.get(agent.tenantId()).map(Tenant::accountSid).flatMap(accounts::get)
                .filter(a -> a.apiKeySid() != null && a.twimlAppSid() != null)
                .orElseThrow(() -> ApiError.conflict("Tenant " + agent.tenantId()
                        + " has no connected Twilio account with a TwiML App yet: PUT /v1/tenants/"
                        + agent.tenantId() + "/twilio first"));
        String secret = sealer.open(account.sealedApiKeySecret(), TwilioAccount.apiKeySealingContext(account.accountSid()));
        Instant now = clock.instant();
        VoiceGrant grant = new VoiceGrant().setOutgoingApplicationSid(account.twimlAppSid()).setIncomingAllow(true);
        String jwt = new AccessToken.Builder(account.accountSid(), account.apiKeySid(),
                secret.getBytes(StandardCharsets.UTF_8))
                .identity(agent.clientIdentity()).ttl(ttlSeconds).grant(grant)
                .build().toJwt();
        return new VoiceToken(jwt, agent.clientIdentity(), now.plusSeconds(ttlSeconds).toString(), ttlSeconds);
    }
}
