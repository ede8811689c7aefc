package dev.switchboard.api.flows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.shared.api.ApiError;
import dev.switchboard.shared.api.ApiRequest;
import dev.switchboard.shared.api.ApiResponse;
import dev.switchboard.shared.api.ApiRoutes;
import dev.switchboard.shared.flows.Flow;
import dev.switchboard.shared.flows.FlowContext;
import dev.switchboard.shared.flows.FlowJson;
import dev.switchboard.shared.flows.FlowRules;
import dev.switchboard.shared.flows.FlowValidator;
import dev.switchboard.shared.flows.Hours;
import dev.switchboard.shared.flows.library.FlowLibrary;
import dev.switchboard.shared.flows.library.LibraryItem;
import dev.switchboard.shared.tenancy.Agents;
import dev.switchboard.shared.tenancy.Numbers;
import dev.switchboard.shared.tenancy.RoutingMode;
import dev.switchboard.shared.tenancy.TenantAccess;

import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A tenant's flows: menus, business hours and ring groups as data, checked whole when saved. A
 * flow the validator refuses is never saved, so every flow a number runs is one whose every path
 * ends (docs/flows.md).
 */
public final class FlowsApi {
    static final String ID = "[A-Za-z0-9_-]{1,64}";
    /** Flows, and schedules, a tenant may keep: a list answers them all in one response. */
    static final int MAX_ITEMS = 100;

    private final FlowLibrary library;
    private final Agents agents;
    private final Numbers numbers;
    private final TenantAccess access;
    private final Clock clock;

    public FlowsApi(FlowLibrary library, Agents agents, Numbers numbers, TenantAccess access, Clock clock) {
        this.library = library;
        this.agents = agents;
        this.numbers = numbers;
        this.access = access;
        this.clock = clock;
    }

    public ApiRoutes routes(SchedulesApi schedules) {
        return schedules.routes(new ApiRoutes()
                .on("POST /v1/tenants/{tenantId}/flows", this::create)
                .on("GET /v1/tenants/{tenantId}/flows", this::list)
                .on("GET /v1/tenants/{tenantId}/flows/{flowId}", this::get)
                .on("PUT /v1/tenants/{tenantId}/flows/{flowId}", this::replace)
                .on("DELETE /v1/tenants/{tenantId}/flows/{flowId}", this::delete));
    }

    ApiResponse create(ApiRequest request) {
        String tenantId = access.tenant(request);
        ObjectNode body = object(request);
        JsonNode id = body.remove("id");
        if (id == null || !id.isTextual() || !id.asText().matches(ID)) {
            throw ApiError.badField("id", "id is required: 1 to 64 letters, digits, _ or -");
        }
        Flow flow = checked(tenantId, body, id.asText());
        if (library.list(tenantId, LibraryItem.Kind.FLOW).size() >= MAX_ITEMS) {
            throw ApiError.unprocessable("id", "A tenant has at most " + MAX_ITEMS + " flows: delete one first");
        }
        return library.create(tenantId, LibraryItem.Kind.FLOW, flow.id(), FlowJson.write(flow), clock.instant())
                .map(saved -> ApiResponse.created(view(saved, flow)))
                .orElseThrow(() -> ApiError.conflict("Flow " + flow.id() + " exists already: PUT …/flows/" + flow.id()
                        + " to change it"));
    }

    ApiResponse list(ApiRequest request) {
        String tenantId = access.tenant(request);
        List<ObjectNode> items = listed(library.list(tenantId, LibraryItem.Kind.FLOW),
                item -> view(item, FlowJson.read(item.body(), item.id())));
        return ApiResponse.ok(new Listed(items, null));
    }

    ApiResponse get(ApiRequest request) {
        LibraryItem item = find(request);
        return ApiResponse.ok(view(item, FlowJson.read(item.body(), item.id())));
    }

    /**
     * A whole new version, conditional on the version read here; with {@code If-Match: "<version>"}
     * also on the version the editor read (412 when it moved on), so two editors cannot lose each
     * other's change.
     */
    ApiResponse replace(ApiRequest request) {
        LibraryItem item = find(request);
        requireVersion(request, item);
        ObjectNode body = object(request);
        body.remove("id");
        Flow flow = checked(item.tenantId(), body, item.id());
        return library.replace(item.tenantId(), LibraryItem.Kind.FLOW, item.id(), FlowJson.write(flow), item.version(),
                        clock.instant())
                .map(saved -> ApiResponse.ok(view(saved, flow)))
                .orElseThrow(() -> ApiError.conflict("Flow " + item.id() + " was changed or deleted meanwhile: read it and try again"));
    }

    ApiResponse delete(ApiRequest request) {
        String tenantId = access.tenant(request);
        String flowId = request.path("flowId");
        // A number routed to a missing flow would answer callers with an apology: refuse instead.
        String cursor = null;
        do {
            var page = numbers.list(tenantId, cursor, 100);
            for (var number : page.items()) {
                if (number.routing().mode() == RoutingMode.FLOW && flowId.equals(number.routing().flowId())) {
                    throw ApiError.conflict("Flow " + flowId + " answers number " + number.phoneNumber()
                            + ": route that number otherwise first (PATCH …/numbers/" + number.phoneNumber() + ")");
                }
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        // Read first: a refused request writes nothing, not even a delete of nothing.
        if (library.get(tenantId, LibraryItem.Kind.FLOW, flowId).isEmpty()
                || !library.delete(tenantId, LibraryItem.Kind.FLOW, flowId)) {
            throw ApiError.notFound("Flow " + flowId);
        }
        return ApiResponse.noContent();
    }

    /** Read strictly, then held to every rule: each refusal names the node's path (422). */
    private Flow checked(String tenantId, ObjectNode body, String id) {
        var problems = FlowRules.problems(body, id, FlowContext.of(tenantId, agents, library));
        if (!problems.isEmpty()) {
            throw ApiError.unprocessable(problems.getFirst().path(), problems.stream().limit(5)
                    .map(p -> p.path() + ": " + p.message()).collect(Collectors.joining("; ")));
        }
        return FlowJson.read(body, id);
    }

    /** Whether a saved flow's hours use a schedule (read as saved; one no longer readable is taken to). */
    static boolean uses(LibraryItem flow, String scheduleId) {
        try {
            return FlowJson.read(flow.body(), flow.id()).nodes().values().stream()
                    .anyMatch(n -> n instanceof Hours h && h.scheduleId().equals(scheduleId));
        } catch (IllegalArgumentException e) {
            return flow.body().toString().contains("\"" + scheduleId + "\"");
        }
    }

    /** {@code If-Match: "3"} (or 3): the version the editor read must still be the saved one. */
    static void requireVersion(ApiRequest request, LibraryItem item) {
        var ifMatch = request.header("if-match");
        if (ifMatch.isEmpty()) {
            return;
        }
        String given = ifMatch.get().trim().replaceAll("^W/", "").replace("\"", "");
        if (!given.equals(String.valueOf(item.version()))) {
            throw ApiError.preconditionFailed(item.kind().name().toLowerCase() + " " + item.id() + " is at version "
                    + item.version() + ", not " + given + ": read it again and redo the change");
        }
    }

    private LibraryItem find(ApiRequest request) {
        String tenantId = access.tenant(request);
        String flowId = request.path("flowId");
        return library.get(tenantId, LibraryItem.Kind.FLOW, flowId).orElseThrow(() -> ApiError.notFound("Flow " + flowId));
    }

    static ObjectNode object(ApiRequest request) {
        JsonNode body = request.body().orElseThrow(() -> ApiError.badRequest("A JSON body is required"));
        if (!body.isObject()) {
            throw ApiError.badRequest("The body must be a JSON object");
        }
        return ((ObjectNode) body).deepCopy();
    }

    /**
     * Each item as shown; one saved under rules since made stricter is listed by its id and why,
     * not dropped unseen, nor allowed to fail the whole list.
     */
    static List<ObjectNode> listed(List<LibraryItem> saved, java.util.function.Function<LibraryItem, ObjectNode> view) {
        List<ObjectNode> items = new java.util.ArrayList<>();
        for (LibraryItem item : saved) {
            try {
                items.add(view.apply(item));
            } catch (IllegalArgumentException e) {
                items.add(dev.switchboard.shared.json.Json.MAPPER.createObjectNode().put("id", item.id())
                        .put("unreadable", e.getMessage()));
            }
        }
        return items;
    }

    /** A whole library list: a tenant has at most a few hundred flows or schedules, read in one go. */
    record Listed(List<ObjectNode> items, String nextCursor) {
    }

    /** The flow as saved (its defaults filled in), with its id, version and what the validator proved. */
    static ObjectNode view(LibraryItem item, Flow flow) {
        ObjectNode view = dev.switchboard.shared.json.Json.MAPPER.createObjectNode().put("id", item.id());
        view.setAll(FlowJson.write(flow));
        var proof = FlowValidator.prove(flow);
        view.putObject("bound").put("maxPrompts", proof.maxPrompts()).put("maxMenuVisits", proof.maxMenuVisits());
        view.put("version", item.version()).put("updatedAt", item.updatedAt().toString());
        return view;
    }
}
