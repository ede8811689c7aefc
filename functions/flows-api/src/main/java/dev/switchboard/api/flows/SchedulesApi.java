package dev.switchboard.api.flows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.shared.api.ApiError;
import dev.switchboard.shared.api.ApiRequest;
import dev.switchboard.shared.api.ApiResponse;
import dev.switchboard.shared.api.ApiRoutes;
import dev.switchboard.shared.api.JsonObject;
import dev.switchboard.shared.flows.FlowJson;
import dev.switchboard.shared.flows.library.FlowLibrary;
import dev.switchboard.shared.flows.library.LibraryItem;
import dev.switchboard.shared.flows.schedules.Emergency;
import dev.switchboard.shared.flows.schedules.InvalidSchedule;
import dev.switchboard.shared.flows.schedules.Schedule;
import dev.switchboard.shared.flows.schedules.ScheduleJson;
import dev.switchboard.shared.flows.schedules.ScheduleStatus;
import dev.switchboard.shared.flows.schedules.Schedules;
import dev.switchboard.shared.json.Json;
import dev.switchboard.shared.tenancy.TenantAccess;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

/**
 * A tenant's business-hours schedules: weekly hours in an IANA time zone, dated and recurring
 * overrides, and the emergency switch; and the answers "open at T?" and "next change after T".
 */
public final class SchedulesApi {
    private final FlowLibrary library;
    private final TenantAccess access;
    private final Clock clock;

    public SchedulesApi(FlowLibrary library, TenantAccess access, Clock clock) {
        this.library = library;
        this.access = access;
        this.clock = clock;
    }

    ApiRoutes routes(ApiRoutes routes) {
        return routes
                .on("POST /v1/tenants/{tenantId}/schedules", this::create)
                .on("GET /v1/tenants/{tenantId}/schedules", this::list)
                .on("GET /v1/tenants/{tenantId}/schedules/{scheduleId}", this::get)
                .on("PUT /v1/tenants/{tenantId}/schedules/{scheduleId}", this::replace)
                .on("DELETE /v1/tenants/{tenantId}/schedules/{scheduleId}", this::delete)
                .on("GET /v1/tenants/{tenantId}/schedules/{scheduleId}/status", this::status)
                .on("PUT /v1/tenants/{tenantId}/schedules/{scheduleId}/emergency", this::emergencyOn)
                .on("DELETE /v1/tenants/{tenantId}/schedules/{scheduleId}/emergency", this::emergencyOff);
    }

    ApiResponse create(ApiRequest request) {
        String tenantId = access.tenant(request);
        ObjectNode body = FlowsApi.object(request);
        JsonNode id = body.remove("id");
        if (id == null || !id.isTextual() || !id.asText().matches(FlowsApi.ID)) {
            throw ApiError.badField("id", "id is required: 1 to 64 letters, digits, _ or -");
        }
        Schedule schedule = checked(body, id.asText());
        if (library.list(tenantId, LibraryItem.Kind.SCHEDULE).size() >= FlowsApi.MAX_ITEMS) {
            throw ApiError.unprocessable("id", "A tenant has at most " + FlowsApi.MAX_ITEMS + " schedules: delete one first");
        }
        return library.create(tenantId, LibraryItem.Kind.SCHEDULE, schedule.id(), ScheduleJson.write(schedule),
                        clock.instant())
                .map(saved -> ApiResponse.created(view(saved, schedule)))
                .orElseThrow(() -> ApiError.conflict("Schedule " + schedule.id() + " exists already: PUT …/schedules/"
                        + schedule.id() + " to change it"));
    }

    ApiResponse list(ApiRequest request) {
        String tenantId = access.tenant(request);
        List<ObjectNode> items = FlowsApi.listed(library.list(tenantId, LibraryItem.Kind.SCHEDULE),
                item -> view(item, ScheduleJson.read(item.body(), item.id())));
        return ApiResponse.ok(new FlowsApi.Listed(items, null));
    }

    ApiResponse get(ApiRequest request) {
        LibraryItem item = find(request);
        return ApiResponse.ok(view(item, ScheduleJson.read(item.body(), item.id())));
    }

    /**
     * A whole new version. The emergency switch is kept as it is unless the body names
     * {@code emergency}: editing the hours must not reopen a line closed for a storm.
     */
    ApiResponse replace(ApiRequest request) {
        LibraryItem item = find(request);
        FlowsApi.requireVersion(request, item);
        ObjectNode body = FlowsApi.object(request);
        body.remove("id");
        Schedule schedule = checked(body, item.id());
        if (!body.has("emergency")) {
            Schedule was = ScheduleJson.read(item.body(), item.id());
            schedule = new Schedule(schedule.id(), schedule.name(), schedule.zone(), schedule.weekly(),
                    schedule.overrides(), was.emergency());
        }
        return save(item, schedule);
    }

    ApiResponse delete(ApiRequest request) {
        String tenantId = access.tenant(request);
        String scheduleId = request.path("scheduleId");
        // A flow whose hours name a missing schedule would send every call the closed way: refuse.
        for (LibraryItem flow : library.list(tenantId, LibraryItem.Kind.FLOW)) {
            if (FlowsApi.uses(flow, scheduleId)) {
                throw ApiError.conflict("Schedule " + scheduleId + " is used by flow " + flow.id()
                        + ": change that flow first (PUT …/flows/" + flow.id() + ")");
            }
        }
        // Read first: a refused request writes nothing, not even a delete of nothing.
        if (library.get(tenantId, LibraryItem.Kind.SCHEDULE, scheduleId).isEmpty()
                || !library.delete(tenantId, LibraryItem.Kind.SCHEDULE, scheduleId)) {
            throw ApiError.notFound("Schedule " + scheduleId);
        }
        return ApiResponse.noContent();
    }

    /** Open at {@code at} (now when left out), and when that next changes. */
    ApiResponse status(ApiRequest request) {
        LibraryItem item = find(request);
        Instant at = request.query("at").map(v -> instant("at", v)).orElse(clock.instant());
        // Schedules are about the calls of this century: a year a calendar cannot carry is refused.
        if (at.isBefore(clock.instant().minus(java.time.Duration.ofDays(36_500)))
                || at.isAfter(clock.instant().plus(java.time.Duration.ofDays(36_500)))) {
            throw ApiError.badField("at", "at must be within 100 years of now");
        }
        ScheduleStatus status = Schedules.statusAt(ScheduleJson.read(item.body(), item.id()), at);
        return ApiResponse.ok(new StatusView(at.toString(), status.state().name().toLowerCase(), status.open(),
                status.reason(), status.nextChangeAt() == null ? null : status.nextChangeAt().toString()));
    }

    /** The emergency switch: closed now, with a message, until switched off or until a time. */
    ApiResponse emergencyOn(ApiRequest request) {
        LibraryItem item = find(request);
        JsonObject body = request.json().only(Set.of("message", "until"));
        String message = body.string("message", 1000).filter(m -> !m.isBlank())
                .orElseThrow(() -> ApiError.unprocessable("message", "message is required: what callers hear"));
        Instant until = body.string("until").map(v -> instant("until", v)).orElse(null);
        if (until != null && (!until.isAfter(clock.instant())
                || until.isAfter(clock.instant().plus(java.time.Duration.ofDays(3650))))) {
            throw ApiError.unprocessable("until", "until must be in the future, within ten years");
        }
        Schedule s = ScheduleJson.read(item.body(), item.id());
        return save(item, new Schedule(s.id(), s.name(), s.zone(), s.weekly(), s.overrides(), new Emergency(message, until)));
    }

    ApiResponse emergencyOff(ApiRequest request) {
        LibraryItem item = find(request);
        Schedule s = ScheduleJson.read(item.body(), item.id());
        return save(item, new Schedule(s.id(), s.name(), s.zone(), s.weekly(), s.overrides(), null));
    }

    private ApiResponse save(LibraryItem item, Schedule schedule) {
        return library.replace(item.tenantId(), LibraryItem.Kind.SCHEDULE, item.id(), ScheduleJson.write(schedule),
                        item.version(), clock.instant())
                .map(saved -> ApiResponse.ok(view(saved, schedule)))
                .orElseThrow(() -> ApiError.conflict("Schedule " + item.id()
                        + " was changed or deleted meanwhile: read it and try again"));
    }

    private static Schedule checked(ObjectNode body, String id) {
        try {
            return ScheduleJson.read(body, id);
        } catch (InvalidSchedule e) {
            throw ApiError.unprocessable(e.path(), e.getMessage());
        } catch (IllegalArgumentException e) {
            throw ApiError.unprocessable("weekly", e.getMessage());
        }
    }

    private LibraryItem find(ApiRequest request) {
        String tenantId = access.tenant(request);
        String scheduleId = request.path("scheduleId");
        return library.get(tenantId, LibraryItem.Kind.SCHEDULE, scheduleId)
                .orElseThrow(() -> ApiError.notFound("Schedule " + scheduleId));
    }

    private static Instant instant(String field, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiError.badField(field, field + " must be a time like 2026-12-24T17:30:00Z, got '" + value + "'");
        }
    }

    private ObjectNode view(LibraryItem item, Schedule schedule) {
        ObjectNode view = Json.MAPPER.createObjectNode().put("id", item.id());
        view.setAll(ScheduleJson.write(schedule));
        ScheduleStatus now = Schedules.statusAt(schedule, clock.instant());
        view.putObject("now").put("state", now.state().name().toLowerCase()).put("open", now.open())
                .put("reason", now.reason())
                .put("nextChangeAt", now.nextChangeAt() == null ? null : now.nextChangeAt().toString());
        view.put("version", item.version()).put("updatedAt", item.updatedAt().toString());
        return view;
    }

    /** "Open at T?" and "next change after T". */
    record StatusView(String at, String state, boolean open, String reason, String nextChangeAt) {
    }
}
