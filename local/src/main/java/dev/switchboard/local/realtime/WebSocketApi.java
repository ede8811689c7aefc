package dev.switchboard.local.realtime;

import java.util.List;
import java.util.Map;

/**
 * A WebSocket API of the template (AWS::ApiGatewayV2::Api with ProtocolType WEBSOCKET), reduced
 * to what the gateway acts on. It lives beside the gateway, not in Template, so that the gateway
 * needs nothing of the rest of the local stack.
 *
 * @param routeSelectionExpression e.g. {@code $request.body.action}
 * @param routes                   route key ($connect, $disconnect, $default or a custom one) to the
 *                                 logical id of the function its integration invokes
 * @param authorizerFunction       the function of the $connect route's REQUEST authorizer, or null
 * @param identitySources          the authorizer's identity sources, e.g.
 *                                 {@code route.request.querystring.ticket}: a request without one is
 *                                 refused (401) before the authorizer runs
 * @param stage                    the stage clients connect to, e.g. {@code live}
 */
public record WebSocketApi(String routeSelectionExpression, Map<String, String> routes, String authorizerFunction,
                           List<String> identitySources, String stage) {
    public static final String CONNECT = "$connect";
    public static final String DISCONNECT = "$disconnect";
    public static final String DEFAULT = "$default";

    public WebSocketApi {
        routes = Map.copyOf(routes);
        identitySources = List.copyOf(identitySources);
    }
}
