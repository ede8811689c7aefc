package dev.switchboard.shared.realtime;

import dev.switchboard.shared.aws.SignedCalls;
import software.amazon.awssdk.http.SdkHttpMethod;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * API Gateway's {@code @connections} API for the WebSocket API: a frame posted to one connection,
 * signed with SigV4 (no SDK client for it is on Maven Central here). 410 means the connection is
 * gone; anything else but 2xx is a failure to retry.
 */
public final class ConnectionsApi {
    public enum Posted { SENT, GONE }

    private final SignedCalls calls;
    private final URI base;

    /** @param base the stage's https URL, e.g. https://abc123.execute-api.eu-west-1.amazonaws.com/live */
    public ConnectionsApi(SignedCalls calls, URI base) {
        this.calls = calls;
        this.base = base;
    }

    public Posted post(String connectionId, String frame) {
        var answer = calls.call(SdkHttpMethod.POST, uri(connectionId), "execute-api",
                Map.of("Content-Type", "application/json"), frame.getBytes(StandardCharsets.UTF_8));
        if (answer.status() == 410) {
            return Posted.GONE;
        }
        if (!answer.successful()) {
            throw new IllegalStateException("@connections answered " + answer.status());
        }
        return Posted.SENT;
    }

    /** Closes a connection from the server's side (its $disconnect follows); false if it was gone. */
    public boolean disconnect(String connectionId) {
        var answer = calls.call(SdkHttpMethod.DELETE, uri(connectionId), "execute-api", Map.of(), null);
        if (answer.status() == 410) {
            return false;
        }
        if (!answer.successful()) {
            throw new IllegalStateException("@connections answered " + answer.status());
        }
        return true;
    }

    private URI uri(String connectionId) {
        String path = base.getPath().endsWith("/") ? base.getPath() : base.getPath() + "/";
        // Connection ids hold '=' and other base64 characters: percent-encoded in the path.
        return base.resolve(path + "@connections/" + java.net.URLEncoder.encode(connectionId, StandardCharsets.UTF_8)
                .replace("+", "%20"));
    }
}
