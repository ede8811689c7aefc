package dev.switchboard.local.realtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.shared.json.Json;

/**
 * Which route a client's message goes to: the value the route selection expression picks from
 * the message, if a route has that key, else $default. Only {@code $request.body.<path>}
 * expressions are read, the kind the template uses; with another, every message goes to $default.
 */
final class RouteSelection {
    private static final String BODY = "$request.body.";

    private RouteSelection() {
    }

    /** @return the route key, or null when none matches and there is no $default (API Gateway then refuses the message) */
    static String route(WebSocketApi api, String textBody) {
        String selected = select(api.routeSelectionExpression(), textBody);
        // The connection's own routes are never a message's.
        if (selected != null && !selected.equals(WebSocketApi.CONNECT) && !selected.equals(WebSocketApi.DISCONNECT)
                && api.routes().containsKey(selected)) {
            return selected;
        }
        return api.routes().containsKey(WebSocketApi.DEFAULT) ? WebSocketApi.DEFAULT : null;
    }

    private static String select(String expression, String body) {
        if (body == null || expression == null || !expression.startsWith(BODY)) {
            return null;
        }
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            return null;
        }
        for (String field : expression.substring(BODY.length()).split("\\.")) {
            if (node == null || !node.isObject()) {
                return null;
            }
            node = node.get(field);
        }
        return node != null && node.isValueNode() && !node.isNull() ? node.asText() : null;
    }
}
