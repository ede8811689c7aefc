package dev.switchboard.shared.tenancy;

import dev.switchboard.shared.store.Page;

import java.util.Optional;

/** A tenant's agents, each with a browser identity no other agent of the tenant has. */
public interface Agents {
    void put(Agent agent);

    /** What creating an agent came to. */
    enum Created { CREATED, ID_TAKEN, IDENTITY_TAKEN }

    /** Creates the agent unless the tenant has one with its id or its client identity already. */
    Created create(Agent agent);

    Optional<Agent> get(String tenantId, String agentId);

    /** @return false, writing nothing, when the agent is no longer {@code before} (changed or deleted) */
    boolean replace(Agent before, Agent after);

    Page<Agent> list(String tenantId, String cursor, int limit);

    /** Every agent id of the tenant, every page read: what a flow may ring. */
    default java.util.Set<String> ids(String tenantId) {
        java.util.Set<String> ids = new java.util.HashSet<>();
        String cursor = null;
        do {
            var page = list(tenantId, cursor, 100);
            page.items().forEach(agent -> ids.add(agent.id()));
            cursor = page.nextCursor();
        } while (cursor != null);
        return ids;
    }

    /** The tenant's agent with this browser identity; agents of other tenants are never found. */
    Optional<Agent> byClientIdentity(String tenantId, String clientIdentity);

    /** @return false when the tenant has no such agent */
    boolean delete(String tenantId, String agentId);
}
