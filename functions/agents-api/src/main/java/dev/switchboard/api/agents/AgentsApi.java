package dev.switchboard.api.agents;

import dev.switchboard.shared.api.ApiError;
import dev.switchboard.shared.api.ApiRequest;
import dev.switchboard.shared.api.ApiResponse;
import dev.switchboard.shared.api.ApiRoutes;
import dev.switchboard.shared.api.CursorSeal;
import dev.switchboard.shared.api.JsonObject;
import dev.switchboard.shared.tenancy.TenantAccess;
import dev.switchboard.shared.crypto.SecretSealer;
import dev.switchboard.shared.tenancy.Agent;
import dev.switchboard.shared.tenancy.Tenants;
import dev.switchboard.shared.tenancy.TwilioAccounts;
import dev.switchboard.shared.tenancy.Agents;
import dev.switchboard.shared.tenancy.Numbers;

import java.time.Clock;
import java.util.Set;

/** A tenant's agents: the people who take calls, on a phone or in the browser. */
public final class AgentsApi {
    private final Agents agents;
    private final Numbers numbers;
    private final TenantAccess access;
    private final CursorSeal cursors;
    private final VoiceTokens tokens;

    public AgentsApi(Agents agents, Numbers numbers, Tenants tenants,
                     TwilioAccounts accounts, SecretSealer sealer, Clock clock, CursorSeal cursors) {
        this.agents = agents;
        this.cursors = cursors;
        this.numbers = numbers;
        this.access = new TenantAccess(tenants);
        this.tokens = new VoiceTokens(tenants, accounts, sealer, clock);
    }

    public ApiRoutes routes() {
        return new ApiRoutes()
                .on("POST /v1/tenants/{tenantId}/agents", this::create)
                .on("GET /v1/tenants/{tenantId}/agents", this::list)
                .on("GET /v1/tenants/{tenantId}/agents/{agentId}", this::get)
                .on("PATCH /v1/tenants/{tenantId}/agents/{agentId}", this::update)
                .on("DELETE /v1/tenants/{tenantId}/agents/{agentId}", this::delete)
                .on("POST /v1/tenants/{tenantId}/agents/{agentId}/voice-token", this::voiceToken);
    }

    ApiResponse create(ApiRequest request) {
        String tenantId = access.tenant(request);
        JsonObject body = request.json().only(Set.of("id", "name", "phone", "clientIdentity"));
        String id = body.requiredString("id");
        String name = body.requiredName("name");
        String phone = body.e164("phone").orElse(null);
        String identity = body.string("clientIdentity").orElse(null);
        Agent agent = JsonObject.validated(identity != null ? "clientIdentity" : "id",
                () -> new Agent(tenantId, id, name, phone, identity));
        switch (agents.create(agent)) {
            case ID_TAKEN -> throw ApiError.conflict("Agent " + id + " exists already");
            case IDENTITY_TAKEN -> throw ApiError.conflict("clientIdentity " + agent.clientIdentity()
                    + " is another agent's: each agent's browser needs its own");
            case CREATED -> {
            }
        }
        return ApiResponse.created(AgentView.of(agent));
    }

    ApiResponse list(ApiRequest request) {
        String tenantId = access.tenant(request);
        String scope = CursorSeal.scope("agents", tenantId);
        return ApiResponse.ok(cursors.page(request, scope, (at, limit) -> agents.list(tenantId, at, limit),
                AgentView::of));
    }

    ApiResponse get(ApiRequest request) {
        return ApiResponse.ok(AgentView.of(find(request)));
    }

    ApiResponse update(ApiRequest request) {
        Agent agent = find(request);
        JsonObject body = request.json().only(Set.of("name", "phone"));
        String name = body.has("name") ? body.requiredName("name") : agent.name();
        String phone = body.present("phone") ? body.e164("phone").orElse(null) : agent.phone();
        Agent updated = JsonObject.validated("phone",
                () -> new Agent(agent.tenantId(), agent.id(), name, phone, agent.clientIdentity()));
        if (!agents.replace(agent, updated)) {
            throw ApiError.conflict("Agent " + agent.id() + " was changed or deleted meanwhile: read it and try again");
        }
        return ApiResponse.ok(AgentView.of(updated));
    }

    ApiResponse delete(ApiRequest request) {
        String tenantId = access.tenant(request);
        String agentId = request.path("agentId");
        // Numbers routed to a missing agent would answer callers with an apology: refuse instead.
        String cursor = null;
        do {
            var page = numbers.list(tenantId, cursor, 100);
            for (var number : page.items()) {
                if (agentId.equals(number.agentId())) {
                    throw ApiError.conflict("Agent " + agentId + " still has number " + number.phoneNumber()
                            + ": give it another agent first (PATCH …/numbers/" + number.phoneNumber() + ")");
                }
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        if (!agents.delete(tenantId, agentId)) {
            throw ApiError.notFound("Agent " + request.path("agentId"));
        }
        return ApiResponse.noContent();
    }

    ApiResponse voiceToken(ApiRequest request) {
        Agent agent = find(request);
        int ttl = request.body().isPresent()
                ? request.json().only(Set.of("ttlSeconds")).integer("ttlSeconds").orElse(VoiceTokens.DEFAULT_TTL_SECONDS)
                : VoiceTokens.DEFAULT_TTL_SECONDS;
        if (ttl < 60 || ttl > VoiceTokens.MAX_TTL_SECONDS) {
            throw ApiError.unprocessable("ttlSeconds", "ttlSeconds must be from 60 to 86400 (24 hours)");
        }
        return ApiResponse.created(tokens.issue(agent, ttl));
    }

    private Agent find(ApiRequest request) {
        String tenantId = access.tenant(request);
        String agentId = request.path("agentId");
        return agents.get(tenantId, agentId).orElseThrow(() -> ApiError.notFound("Agent " + agentId));
    }

    /** An agent as the API shows it. */
    record AgentView(String id, String name, String phone, String clientIdentity) {
        static AgentView of(Agent agent) {
            return new AgentView(agent.id(), agent.name(), agent.phone(), agent.clientIdentity());
        }
    }
}
