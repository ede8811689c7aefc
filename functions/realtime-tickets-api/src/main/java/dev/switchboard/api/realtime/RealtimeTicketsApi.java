package dev.switchboard.api.realtime;

import dev.switchboard.shared.api.ApiError;
import dev.switchboard.shared.api.ApiRequest;
import dev.switchboard.shared.api.ApiResponse;
import dev.switchboard.shared.api.ApiRoutes;
import dev.switchboard.shared.api.JsonObject;
import dev.switchboard.shared.realtime.Audience;
import dev.switchboard.shared.realtime.TicketGrant;
import dev.switchboard.shared.realtime.Tickets;
import dev.switchboard.shared.tenancy.Agents;
import dev.switchboard.shared.tenancy.TenantAccess;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;

/**
 * POST /v1/tenants/{tenantId}/realtime/tickets: a single-use ticket, valid a minute, and the URL to
 * open a WebSocket with it, for the tenant's events or one agent's ({@code agentId}). The app asks
 * with its API key on its server and hands the URL to the browser: the key never reaches it.
 */
public final class RealtimeTicketsApi {
    private final Tickets tickets;
    private final Agents agents;
    private final TenantAccess access;
    private final URI realtimeUrl;
    private final Clock clock;

    public RealtimeTicketsApi(Tickets tickets, Agents agents, TenantAccess access, URI realtimeUrl, Clock clock) {
        this.tickets = tickets;
        this.agents = agents;
        this.access = access;
        this.realtimeUrl = realtimeUrl;
        this.clock = clock;
    }

    public static final String ROUTE = "POST /v1/tenants/{tenantId}/realtime/tickets";

    public ApiRoutes routes() {
        return new ApiRoutes().on(ROUTE, this::issue);
    }

    ApiResponse issue(ApiRequest request) {
        String tenantId = access.tenant(request);
        String agentId = null;
        if (request.body().isPresent()) {
            JsonObject body = request.json().only(Set.of("agentId"));
            agentId = body.id("agentId").orElse(null);
        }
        if (agentId != null && agents.get(tenantId, agentId).isEmpty()) {
            throw ApiError.notFound("Agent " + agentId);
        }
        Instant now = clock.instant();
        String ticket = tickets.issue(new TicketGrant(tenantId, Audience.of(agentId)), now);
        String url = realtimeUrl + "?ticket=" + URLEncoder.encode(ticket, StandardCharsets.UTF_8);
        return ApiResponse.created(new IssuedTicket(ticket, url, now.plus(Tickets.LIFETIME),
                agentId == null ? "tenant" : "agent", agentId));
    }

    /** @param url where to connect with it: the WebSocket API with the ticket as its query */
    record IssuedTicket(String ticket, String url, Instant expiresAt, String audience, String agentId) {
    }
}
