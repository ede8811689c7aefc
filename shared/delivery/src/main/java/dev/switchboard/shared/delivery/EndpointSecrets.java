package dev.switchboard.shared.delivery;

import dev.switchboard.shared.crypto.SecretSealer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Endpoint secrets sealed at rest (envelope encryption, bound to the tenant and endpoint), and the
 * secrets a delivery is signed with: the current one, and the previous one while its overlap lasts.
 */
public final class EndpointSecrets {
    private final SecretSealer sealer;

    public EndpointSecrets(SecretSealer sealer) {
        this.sealer = sealer;
    }

    public String seal(String tenantId, String endpointId, EndpointSecret secret) {
        return sealer.seal(secret.reveal(), WebhookEndpoint.sealingContext(tenantId, endpointId));
    }

    public EndpointSecret open(String tenantId, String endpointId, String sealed) {
        return EndpointSecret.parse(sealer.open(sealed, WebhookEndpoint.sealingContext(tenantId, endpointId)));
    }

    /** What a delivery at {@code now} is signed with. */
    public List<EndpointSecret> signingSecrets(WebhookEndpoint endpoint, Instant now) {
        List<EndpointSecret> secrets = new ArrayList<>();
        secrets.add(open(endpoint.tenantId(), endpoint.id(), endpoint.secret()));
        if (endpoint.previous() != null && endpoint.previousUntil() != null && now.isBefore(endpoint.previousUntil())) {
            secrets.add(open(endpoint.tenantId(), endpoint.id(), endpoint.previous()));
        }
        return secrets;
    }
}
