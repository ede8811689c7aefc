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
    /** Opened secrets kept per container: opening one in AWS is a KMS call, and every attempt signs. */
    private static final int CACHED = 256;

    private final SecretSealer sealer;
    private final java.util.Map<String, EndpointSecret> opened = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(java.util.Map.Entry<String, EndpointSecret> eldest) {
                    return size() > CACHED;
                }
            });

    public EndpointSecrets(SecretSealer sealer) {
        this.sealer = sealer;
    }

    public String seal(String tenantId, String endpointId, EndpointSecret secret) {
        return sealer.seal(secret.reveal(), WebhookEndpoint.sealingContext(tenantId, endpointId));
    }

    public EndpointSecret open(String tenantId, String endpointId, String sealed) {
        // Keyed by all three: a sealed secret opens only for its own tenant and endpoint.
        String key = tenantId + "\n" + endpointId + "\n" + sealed;
        EndpointSecret secret = opened.get(key);
        if (secret == null) {
            secret = EndpointSecret.parse(sealer.open(sealed, WebhookEndpoint.sealingContext(tenantId, endpointId)));
            opened.put(key, secret);
        }
        return secret;
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
