package dev.switchboard.realtime.connections;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import dev.switchboard.shared.Platform;
import dev.switchboard.shared.events.EventsWiring;
import dev.switchboard.shared.log.ColdStart;
import dev.switchboard.shared.log.Log;
import dev.switchboard.shared.log.LogScope;
import dev.switchboard.shared.realtime.Backlog;
import dev.switchboard.shared.realtime.RealtimeWiring;

import java.time.Instant;
import java.util.Map;

/**
 * The WebSocket API's $connect, $disconnect and $default routes: the connection's tenant and agent
 * come from the ticket authorizer's context, which API Gateway passes to every route of the
 * connection; what the client says goes to {@link Sessions}.
 */
public final class RealtimeConnectionsHandler
        implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {
    private static final Log LOG = Log.of(RealtimeConnectionsHandler.class);

    private final Sessions sessions;
    private final ColdStart coldStart = new ColdStart();

    public RealtimeConnectionsHandler() {
        this(Platform.fromEnvironment());
    }

    /**
     * The function over a given platform: what the no-argument constructor builds on, and how the
     * local stack builds it over a platform of its own (LambdaFunctions).
     */
    public RealtimeConnectionsHandler(Platform p) {
        var realtime = new RealtimeWiring(p);
        var events = new EventsWiring(p);
        var pusher = realtime.pusher();
        this(new Sessions(realtime.connections(), pusher, new Backlog(events.liveLog(), pusher), events.liveLog(),
                catchUp -> p.sqs().sendMessage(b -> b.queueUrl(realtime.queueUrl()).messageBody(catchUp.write())
                        .delaySeconds((int) Math.min(900, p.settings().eventsSettle().toSeconds() + 1))),
                p.cursors(), p.clock()));
    }

    public RealtimeConnectionsHandler(Sessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
        try (LogScope scope = LogScope.open(context, coldStart.first(context), null)) {
            var request = event == null ? null : event.getRequestContext();
            Map<String, Object> authorizer = request == null ? null : request.getAuthorizer();
            String tenantId = text(authorizer, "tenantId");
            String connectionId = request == null ? null : request.getConnectionId();
            if (tenantId == null || connectionId == null) {
                // Only the ticket authorizer lets a connection in: without its context, nothing is kept.
                LOG.warn("websocket route without a tenant", "routeKey", request == null ? null : request.getRouteKey());
                return answer(403);
            }
            scope.with("tenantId", tenantId).with("connectionId", connectionId);
            String agentId = text(authorizer, "agentId");
            switch (String.valueOf(request.getRouteKey())) {
                case "$connect" -> sessions.connect(tenantId, agentId, connectionId,
                        request.getConnectedAt() > 0 ? Instant.ofEpochMilli(request.getConnectedAt()) : null);
                case "$disconnect" -> sessions.disconnect(tenantId, connectionId);
                default -> sessions.message(tenantId, connectionId, event.getBody());
            }
            return answer(200);
        }
    }

    private static String text(Map<String, Object> map, String name) {
        Object value = map == null ? null : map.get(name);
        return value == null ? null : value.toString();
    }

    private static APIGatewayV2WebSocketResponse answer(int status) {
        var response = new APIGatewayV2WebSocketResponse();
        response.setStatusCode(status);
        return response;
    }
}
