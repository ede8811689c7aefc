package dev.switchboard.shared.api;

import java.util.Map;

/** An API answer: a status, a JSON-serialisable body (null for none, or {@link Text}) and any headers of its own. */
public record ApiResponse(int status, Object body, Map<String, String> headers) {
    public ApiResponse(int status, Object body) {
        this(status, body, Map.of());
    }

    public static ApiResponse ok(Object body) {
        return new ApiResponse(200, body);
    }

    public static ApiResponse created(Object body) {
        return new ApiResponse(201, body);
    }

    public static ApiResponse noContent() {
        return new ApiResponse(204, null);
    }

    /** A body that is not JSON (a CSV export), sent as it is with its own type. */
    public record Text(String contentType, String text) {
    }

    public static ApiResponse text(String contentType, String text, Map<String, String> headers) {
        return new ApiResponse(200, new Text(contentType, text), headers);
    }
}
