package dev.switchboard.api.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.shared.api.ApiError;
import dev.switchboard.shared.api.ApiRequest;
import dev.switchboard.shared.api.ApiResponse;
import dev.switchboard.shared.api.ApiRoutes;
import dev.switchboard.shared.api.Cursors;
import dev.switchboard.shared.api.TenantAccess;
import dev.switchboard.shared.events.EventLog;
import dev.switchboard.shared.tenancy.TenancyStores;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * GET /v1/tenants/{tenantId}/events: the tenant's events oldest first, from a cursor, so that an
 * app that was down catches up on what the queue delivered meanwhile.
 */
public final class EventsApi {
    /** What a cursor opens to: an event's position, occurredAt#eventId. */
    private static final Pattern POSITION = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T[0-9:.]+Z#evt_[0-9a-f]{32}$");
    private static final Pattern TYPE_PREFIX = Pattern.compile("^[a-z][a-z.-]{0,63}$");

    /** The page as the API answers it. */
    public record EventsPage(List<JsonNode> items, String nextCursor, boolean hasMore) {
    }

    private final EventLog log;
    private final TenantAccess access;

    public EventsApi(EventLog log, TenancyStores.Tenants tenants) {
        this.log = log;
        this.access = new TenantAccess(tenants);
    }

    public ApiRoutes routes() {
        return new ApiRoutes().on("GET /v1/tenants/{tenantId}/events", this::list);
    }

    ApiResponse list(ApiRequest request) {
        String tenantId = access.tenant(request);
        String after = request.query("after").map(EventsApi::position).orElse(null);
        String type = request.query("type").orElse(null);
        if (type != null && !TYPE_PREFIX.matcher(type).matches()) {
            throw ApiError.badField("type", "type must be an event type or its start, e.g. call. or call.started");
        }
        var page = log.read(tenantId, after, type, Cursors.limit(request));
        return ApiResponse.ok(new EventsPage(page.items(), cursor(page.nextCursor()), page.hasMore()));
    }

    private static String cursor(String position) {
        return position == null ? null
                : Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    private static String position(String cursor) {
        try {
            String position = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (POSITION.matcher(position).matches()) {
                return position;
            }
        } catch (IllegalArgumentException e) {
            // Not base64url: refused below like any other cursor this API did not hand out.
        }
        throw ApiError.badField("after", "after must be a nextCursor this API returned");
    }
}
