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

    /** The tenant's agent with this browser identity; agents of other tenants are never found. */
    Optional<Agent> byClientIdentity(String tenantId, String clientIdentity);

    /** @return false when the tenant has no such agent */
    boolean delete(String tenantId, String agentId);
}
