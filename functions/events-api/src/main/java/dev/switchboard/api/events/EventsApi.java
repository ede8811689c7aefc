package dev.switchboard.api.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.shared.api.ApiError;
import dev.switchboard.shared.api.ApiRequest;
import dev.switchboard.shared.api.ApiResponse;
import dev.switchboard.shared.api.ApiRoutes;
import dev.switchboard.shared.api.CursorSeal;
import dev.switchboard.shared.api.PageSize;
import dev.switchboard.shared.tenancy.TenantAccess;
import dev.switchboard.shared.events.EventLog;
import dev.switchboard.shared.tenancy.Tenants;

import java.util.List;
import java.util.regex.Pattern;

/**
 * GET /v1/tenants/{tenantId}/events: the tenant's events oldest first, from a cursor, so that an
 * app that was down catches up on what the queue delivered meanwhile.
 */
public final class EventsApi {
    private static final Pattern TYPE_PREFIX = Pattern.compile("^[a-z][a-z.-]{0,63}$");

    /** The page as the API answers it. */
    public record EventsPage(List<JsonNode> items, String nextCursor, boolean hasMore) {
    }

    private final EventLog log;
    private final TenantAccess access;
    private final CursorSeal cursors;

    public EventsApi(EventLog log, Tenants tenants, CursorSeal cursors) {
        this.log = log;
        this.cursors = cursors;
        this.access = new TenantAccess(tenants);
    }

    public ApiRoutes routes() {
        return new ApiRoutes().on("GET /v1/tenants/{tenantId}/events", this::list);
    }

    ApiResponse list(ApiRequest request) {
        String tenantId = access.tenant(request);
        String type = request.query("type").orElse(null);
        if (type != null && !TYPE_PREFIX.matcher(type).matches()) {
            throw ApiError.badField("type", "type must be an event type or its start, e.g. call. or call.started");
        }
        // A position is only a place in the tenant's log, whatever the type filter: an app may read
        // call. events up to a point and then everything from there. So the cursor is bound to the
        // tenant's log alone.
        String scope = CursorSeal.scope("events", tenantId);
        String after = cursors.open(request.query("after").orElse(null), scope, "after");
        var page = log.read(tenantId, after, type, PageSize.of(request));
        return ApiResponse.ok(new EventsPage(page.items(), cursors.seal(page.nextCursor(), scope), page.hasMore()));
    }
}
