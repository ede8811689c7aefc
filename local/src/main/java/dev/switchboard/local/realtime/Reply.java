package dev.switchboard.local.realtime;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** An HTTP/1.1 response the gateway writes itself: a refused upgrade or an @connections answer. */
record Reply(int status, Map<String, String> headers, byte[] body) {

    static Reply empty(int status) {
        return new Reply(status, Map.of(), new byte[0]);
    }

    static Reply json(int status, String json) {
        return new Reply(status, Map.of("Content-Type", "application/json"), json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * An error as API Gateway's management API answers it: the type in x-amzn-ErrorType, which
     * the AWS SDKs read to throw GoneException, PayloadTooLargeException and the like.
     */
    static Reply error(int status, String errorType, String message) {
        return new Reply(status, Map.of("Content-Type", "application/json", "x-amzn-ErrorType", errorType),
                ("{\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    /** The refusal of an upgrade, with the body API Gateway gives the status. */
    static Reply refusal(int status) {
        String message = switch (status) {
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 500 -> "Internal server error";
            default -> null;
        };
        return message == null ? empty(status) : json(status, "{\"message\":\"" + message + "\"}");
    }

    void write(OutputStream out, boolean close) throws IOException {
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason(status))
                .append("\r\n");
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("x-amzn-RequestId", UUID.randomUUID().toString());
        if (status != 204 && status != 101) {
            all.put("Content-Length", String.valueOf(body.length));
        }
        if (close) {
            all.put("Connection", "close");
        }
        all.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("\r\n");
        byte[] bytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] whole = new byte[bytes.length + body.length];
        System.arraycopy(bytes, 0, whole, 0, bytes.length);
        System.arraycopy(body, 0, whole, bytes.length, body.length);
        out.write(whole);
        out.flush();
    }

    private static String reason(int status) {
        return switch (status) {
            case 101 -> "Switching Protocols";
            case 200 -> "OK";
            case 204 -> "No Content";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 410 -> "Gone";
            case 413 -> "Payload Too Large";
            case 426 -> "Upgrade Required";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            default -> status < 300 ? "OK" : "Error";
        };
    }
}
