package dev.switchboard.local.realtime;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.switchboard.shared.json.Json;
import dev.switchboard.shared.log.Log;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An upgrade request, taken as API Gateway takes it: the WebSocket handshake checked, then the
 * $connect route's authorizer, then its integration, which may still refuse the connection.
 */
final class Handshake {
    private static final Log LOG = Log.of(Handshake.class);
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    /** A function's answer as its JSON would read, whatever class it returned: Lambda sees only the JSON. */
    private static final TypeReference<Map<String, Object>> AS_MAP = new TypeReference<>() {
    };

    /** Either the refusal to send, or the session and the 101 that opens it. */
    record Outcome(Reply refusal, Session session, Reply accept) {
    }

    private Handshake() {
    }

    static Outcome run(HttpHead head, WebSocketApi api, Invoker invoker, String sourceIp, String domainName) {
        String key = head.header("Sec-WebSocket-Key");
        if (!"13".equals(head.header("Sec-WebSocket-Version"))) {
            return refused(new Reply(426, Map.of("Sec-WebSocket-Version", "13"), new byte[0]));
        }
        if (!head.method().equals("GET") || !head.headerHasToken("Connection", "upgrade") || !validKey(key)) {
            return refused(Reply.empty(400));
        }
        Session session = new Session(Session.newId(), System.currentTimeMillis(), sourceIp,
                head.header("User-Agent"), domainName, api.stage(), null);
        if (api.authorizerFunction() != null) {
            // API Gateway does not call the authorizer when an identity source is missing.
            for (String source : api.identitySources()) {
                String value = identity(head, source);
                if (value == null || value.isEmpty()) {
                    return refused(Reply.refusal(401));
                }
            }
            Map<String, Object> policy;
            try {
                Object result = invoker.invoke(api.authorizerFunction(), Events.authorizer(session, head));
                policy = result == null ? null : Json.MAPPER.convertValue(result, AS_MAP);
            } catch (RuntimeException e) {
                LOG.error("WebSocket authorizer failed", e, "function", api.authorizerFunction());
                return refused(Reply.refusal(500));
            }
            if (policy == null) {
                LOG.warn("WebSocket authorizer returned nothing", "function", api.authorizerFunction());
                return refused(Reply.refusal(500));
            }
            if (!Policy.allows(policy, Events.methodArn(api.stage(), WebSocketApi.CONNECT))) {
                return refused(Reply.refusal(403));
            }
            session = new Session(session.connectionId(), session.connectedAt(), sourceIp, session.userAgent(),
                    domainName, api.stage(), authorizerContext(policy));
        }
        Map<String, String> responseHeaders = Map.of();
        String function = api.routes().get(WebSocketApi.CONNECT);
        if (function != null) {
            int status;
            try {
                Object result = invoker.invoke(function, Events.connect(session, head));
                status = status(result);
                responseHeaders = headers(result);
            } catch (RuntimeException e) {
                LOG.error("WebSocket $connect failed", e, "function", function);
                return refused(Reply.refusal(500));
            }
            if (status < 200 || status > 299) {
                return refused(status < 100 || status > 599 ? Reply.refusal(500) : Reply.refusal(status));
            }
        }
        Map<String, String> accept = new LinkedHashMap<>();
        accept.put("Upgrade", "websocket");
        accept.put("Connection", "Upgrade");
        accept.put("Sec-WebSocket-Accept", acceptKey(key));
        // A subprotocol is chosen by the $connect integration, which answers with the header.
        responseHeaders.forEach((name, value) -> {
            if (name.equalsIgnoreCase("Sec-WebSocket-Protocol")) {
                accept.put("Sec-WebSocket-Protocol", value);
            }
        });
        return new Outcome(null, session, new Reply(101, accept, new byte[0]));
    }

    private static Outcome refused(Reply reply) {
        return new Outcome(reply, null, null);
    }

    private static boolean validKey(String key) {
        try {
            return key != null && Base64.getDecoder().decode(key).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static String acceptKey(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    private static final Pattern QUERY = Pattern.compile("route\\.request\\.querystring\\.(.+)");
    private static final Pattern HEADER = Pattern.compile("route\\.request\\.header\\.(.+)");

    /** An identity source's value in the upgrade request; null when missing or of a kind not read here. */
    private static String identity(HttpHead head, String source) {
        var query = QUERY.matcher(source);
        if (query.matches()) {
            List<String> values = head.query().get(query.group(1));
            return values == null ? null : values.getLast();
        }
        var header = HEADER.matcher(source);
        return header.matches() ? head.header(header.group(1)) : null;
    }

    /** What API Gateway passes on as requestContext.authorizer: the context's entries and principalId. */
    private static Map<String, Object> authorizerContext(Map<String, Object> policy) {
        Map<String, Object> context = new LinkedHashMap<>();
        if (policy.get("context") instanceof Map<?, ?> values) {
            values.forEach((k, v) -> context.put(String.valueOf(k), v));
        }
        if (policy.get("principalId") != null) {
            context.put("principalId", policy.get("principalId"));
        }
        return context;
    }

    /** A proxy integration's status; one that returns nothing accepts, as API Gateway has it. */
    private static int status(Object result) {
        if (result == null) {
            return 200;
        }
        if (result instanceof APIGatewayV2WebSocketResponse response) {
            return response.getStatusCode();
        }
        Object status = Json.MAPPER.convertValue(result, AS_MAP).get("statusCode");
        return status instanceof Number n ? n.intValue() : 200;
    }

    private static Map<String, String> headers(Object result) {
        if (result == null) {
            return Map.of();
        }
        Object headers = result instanceof APIGatewayV2WebSocketResponse response ? response.getHeaders()
                : Json.MAPPER.convertValue(result, AS_MAP).get("headers");
        Map<String, String> values = new LinkedHashMap<>();
        if (headers instanceof Map<?, ?> map) {
            map.forEach((k, v) -> values.put(String.valueOf(k).toLowerCase(Locale.ROOT), String.valueOf(v)));
        }
        return values;
    }
}
