package dev.switchboard.local.realtime;

import dev.switchboard.shared.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * API Gateway's management API (PostToConnection, GetConnection, DeleteConnection), with its
 * status codes and error types, so that the functions' AWS SDK client behaves here as in AWS.
 * Signatures are not checked, but a request must be signed: one that is not fails here too.
 */
final class ConnectionsApi {
    /** API Gateway's limit on a message, which a post is. */
    static final int MAX_POST = 128 * 1024;
    /** Bodies up to API Gateway's request limit are read (then refused); longer ones are not read at all. */
    private static final int MAX_BODY = 10 * 1024 * 1024;
    private static final Pattern PATH = Pattern.compile("(/[^/]+)?/@connections/([^/]+)");

    /** An answer, and whether the connection it goes on can serve no further request. */
    record Answer(Reply reply, boolean close) {
    }

    private final String stage;
    private final Function<String, Connection> open;

    /** @param open the open connection with an id, or null */
    ConnectionsApi(String stage, Function<String, Connection> open) {
        this.stage = stage;
        this.open = open;
    }

    Answer handle(HttpHead head, InputStream in) throws IOException {
        byte[] body = head.body(in, MAX_BODY);
        if (body == null) {
            return new Answer(Reply.error(413, "PayloadTooLargeException", "Request Entity Too Large"), true);
        }
        Matcher path = PATH.matcher(head.rawPath());
        if (!path.matches() || path.group(1) != null && !path.group(1).equals("/" + stage)) {
            return new Answer(Reply.error(404, "NotFoundException", "Not Found"), false);
        }
        String authorization = head.header("Authorization");
        if (authorization == null || !authorization.startsWith("AWS4-HMAC-SHA256")) {
            return new Answer(Reply.error(403, "ForbiddenException", "Missing Authentication Token"), false);
        }
        // Path decoding: a '+' in a path is a plus.
        String id = URLDecoder.decode(path.group(2).replace("+", "%2B"), StandardCharsets.UTF_8);
        return new Answer(switch (head.method()) {
            case "POST" -> post(id, body);
            case "GET" -> get(id);
            case "DELETE" -> delete(id);
            default -> Reply.error(405, "MethodNotAllowedException", "Method Not Allowed");
        }, false);
    }

    private Reply post(String id, byte[] body) {
        if (body.length > MAX_POST) {
            return Reply.error(413, "PayloadTooLargeException", "Message too long");
        }
        Connection connection = open.apply(id);
        if (connection == null) {
            return gone();
        }
        try {
            return connection.post(body) ? Reply.empty(200) : gone();
        } catch (IOException e) {
            // A write that fails means the client is gone; AWS learns that the same way.
            connection.drop();
            return gone();
        }
    }

    private Reply get(String id) {
        Connection connection = open.apply(id);
        if (connection == null) {
            return gone();
        }
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("sourceIp", connection.session.sourceIp());
        if (connection.session.userAgent() != null) {
            identity.put("userAgent", connection.session.userAgent());
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("connectedAt", iso(connection.session.connectedAt()));
        answer.put("identity", identity);
        answer.put("lastActiveAt", iso(connection.lastActiveAt()));
        return Reply.json(200, Json.write(answer));
    }

    private Reply delete(String id) {
        Connection connection = open.apply(id);
        return connection != null && connection.close(Frame.GOING_AWAY, "Going away") ? Reply.empty(204) : gone();
    }

    private static Reply gone() {
        return Reply.error(410, "GoneException", "GoneException");
    }

    /** ISO 8601 to the millisecond, as the SDKs parse the API's timestamps. */
    private static String iso(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }
}
