package dev.switchboard.local.realtime;

import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** The events API Gateway sends a WebSocket API's authorizer and integrations. */
final class Events {
    /** The emulators' region and account, so that ARNs read as the rest of the local stack's. */
    static final String REGION = "us-east-1";
    static final String ACCOUNT_ID = "000000000000";
    static final String API_ID = "local";
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private Events() {
    }

    static String methodArn(String stage, String routeKey) {
        return "arn:aws:execute-api:" + REGION + ":" + ACCOUNT_ID + ":" + API_ID + "/" + stage + "/" + routeKey;
    }

    /** A REQUEST authorizer's event: it sees the upgrade request's headers and query, not the connection. */
    static APIGatewayCustomAuthorizerEvent authorizer(Session session, HttpHead head) {
        return APIGatewayCustomAuthorizerEvent.builder()
                .withType("REQUEST")
                .withMethodArn(methodArn(session.stage(), WebSocketApi.CONNECT))
                .withHeaders(head.singleValueHeaders())
                .withQueryStringParameters(lastValues(head.query()))
                .withRequestContext(APIGatewayCustomAuthorizerEvent.RequestContext.builder()
                        .withAccountId(ACCOUNT_ID)
                        .withApiId(API_ID)
                        .withStage(session.stage())
                        .withRequestId(UUID.randomUUID().toString())
                        .withIdentity(APIGatewayCustomAuthorizerEvent.Identity.builder()
                                .withSourceIp(session.sourceIp()).build())
                        .build())
                .build();
    }

    static APIGatewayV2WebSocketEvent connect(Session session, HttpHead head) {
        APIGatewayV2WebSocketEvent event = base(session, WebSocketApi.CONNECT, "CONNECT");
        event.setHeaders(head.singleValueHeaders());
        event.setMultiValueHeaders(head.multiValueHeaders());
        Map<String, List<String>> query = head.query();
        if (!query.isEmpty()) {
            event.setQueryStringParameters(lastValues(query));
            event.setMultiValueQueryStringParameters(query);
        }
        return event;
    }

    /** @param body text as sent, or a binary message in base64 */
    static APIGatewayV2WebSocketEvent message(Session session, String routeKey, String body, boolean base64) {
        APIGatewayV2WebSocketEvent event = base(session, routeKey, "MESSAGE");
        event.getRequestContext().setMessageId(Session.newId());
        event.setBody(body);
        event.setIsBase64Encoded(base64);
        return event;
    }

    static APIGatewayV2WebSocketEvent disconnect(Session session) {
        APIGatewayV2WebSocketEvent event = base(session, WebSocketApi.DISCONNECT, "DISCONNECT");
        // API Gateway's $disconnect carries a few headers of its own; Host is the one worth having.
        event.setHeaders(Map.of("Host", session.domainName()));
        event.setMultiValueHeaders(Map.of("Host", List.of(session.domainName())));
        return event;
    }

    private static APIGatewayV2WebSocketEvent base(Session session, String routeKey, String eventType) {
        Instant now = Instant.now();
        APIGatewayV2WebSocketEvent.RequestIdentity identity = new APIGatewayV2WebSocketEvent.RequestIdentity();
        identity.setSourceIp(session.sourceIp());
        identity.setUserAgent(session.userAgent());
        APIGatewayV2WebSocketEvent.RequestContext context = new APIGatewayV2WebSocketEvent.RequestContext();
        context.setRouteKey(routeKey);
        context.setEventType(eventType);
        context.setMessageDirection("IN");
        context.setConnectionId(session.connectionId());
        context.setConnectedAt(session.connectedAt());
        context.setRequestTime(REQUEST_TIME.format(now));
        context.setRequestTimeEpoch(now.toEpochMilli());
        context.setRequestId(UUID.randomUUID().toString());
        context.setExtendedRequestId(context.getRequestId());
        context.setDomainName(session.domainName());
        context.setStage(session.stage());
        context.setApiId(API_ID);
        context.setAccountId(ACCOUNT_ID);
        context.setIdentity(identity);
        // Each event gets its own copy: a handler that changes it changes no other event.
        context.setAuthorizer(session.authorizer() == null ? null : new LinkedHashMap<>(session.authorizer()));
        APIGatewayV2WebSocketEvent event = new APIGatewayV2WebSocketEvent();
        event.setRequestContext(context);
        event.setIsBase64Encoded(false);
        return event;
    }

    /** Payload 1.0's single-value view: the last value of a repeated parameter. */
    private static Map<String, String> lastValues(Map<String, List<String>> values) {
        if (values.isEmpty()) {
            return null;
        }
        Map<String, String> last = new LinkedHashMap<>();
        values.forEach((name, all) -> last.put(name, all.getLast()));
        return last;
    }
}
