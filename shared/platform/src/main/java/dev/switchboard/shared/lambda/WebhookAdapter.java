package dev.switchboard.shared.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.switchboard.shared.log.ColdStart;
import dev.switchboard.shared.log.Log;
import dev.switchboard.shared.log.LogScope;
import dev.switchboard.shared.json.Text;
import dev.switchboard.shared.twilio.TwilioParameters;
import dev.switchboard.shared.webhook.FormBody;
import dev.switchboard.shared.webhook.VerifiedWebhook;
import dev.switchboard.shared.webhook.Webhook;
import dev.switchboard.shared.webhook.WebhookGuard;
import dev.switchboard.shared.webhook.WebhookLimits;
import dev.switchboard.shared.webhook.WebhookRejected;
import dev.switchboard.shared.webhook.WebhookRequest;
import dev.switchboard.shared.webhook.WebhookResponse;

import java.net.URI;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns an API Gateway HTTP API (payload 2.0) event into a verified webhook call and the answer
 * back into a response. Every failure becomes a plain status and reason: 400 for what we cannot
 * read, 403 for what we cannot trust, 500 with no detail for our own faults (Twilio retries).
 */
public final class WebhookAdapter {
    private static final Log LOG = Log.of(WebhookAdapter.class);

    private final Optional<URI> publicBaseUrl;
    private final WebhookGuard guard;
    private final Webhook webhook;
    private final ColdStart coldStart = new ColdStart();

    public WebhookAdapter(Optional<URI> publicBaseUrl, WebhookGuard guard, Webhook webhook) {
        this.publicBaseUrl = publicBaseUrl;
        this.guard = guard;
        this.webhook = webhook;
    }

    /** A request with no Lambda context: SnapStart priming's, or a test's. */
    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        return handle(event, null);
    }

    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Context lambda) {
        try (LogScope scope = LogScope.open(lambda, coldStart.first(lambda), ApiAdapter.gatewayRequestId(event))) {
            return answer(event, scope);
        }
    }

    private APIGatewayV2HTTPResponse answer(APIGatewayV2HTTPEvent event, LogScope scope) {
        String path = event == null ? null : event.getRawPath();
        try {
            WebhookRequest request = request(event);
            VerifiedWebhook verified = guard.verify(request);
            about(scope, verified);
            return toResponse(webhook.handle(verified));
        } catch (WebhookRejected e) {
            LOG.warn("webhook rejected", "path", path, "status", e.status(), "reason", e.getMessage(),
                    "detail", e.logDetail());
            return toResponse(WebhookResponse.error(e.status(), e.getMessage()));
        } catch (RuntimeException e) {
            LOG.error("webhook failed", e, "path", path);
            return toResponse(WebhookResponse.error(500, "Internal error"));
        }
    }

    /** What the lines of a verified webhook are about: only what Twilio signed. */
    private static void about(LogScope scope, VerifiedWebhook webhook) {
        scope.with("tenantId", webhook.tenantId()).with("accountSid", webhook.accountSid());
        webhook.param("CallSid").ifPresent(sid -> scope.with("callSid", sid));
        webhook.param("MessageSid").ifPresent(sid -> scope.with("messageSid", sid));
        webhook.param("RecordingSid").ifPresent(sid -> scope.with("recordingSid", sid));
    }

    /** The request Twilio signed, as this adapter rebuilds it (what SnapStart priming signs for). */
    public WebhookRequest request(APIGatewayV2HTTPEvent event) {
        if (event == null || event.getRawPath() == null) {
            throw WebhookRejected.badRequest("Not an API Gateway HTTP API (payload 2.0) request");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (event.getHeaders() != null) {
            event.getHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
        }
        String body = decodeBody(event.getBody(), event.getIsBase64Encoded());
        WebhookLimits.checkBody(body);
        String query = event.getRawQueryString();
        String base = baseUrl(event);
        String url = base + event.getRawPath() + (query == null || query.isEmpty() ? "" : "?" + query);
        String contentType = headers.getOrDefault("content-type", "").toLowerCase(Locale.ROOT);
        Map<String, String> params;
        if (contentType.startsWith("application/json")) {
            params = Map.of();
        } else if (contentType.isEmpty() || contentType.startsWith("application/x-www-form-urlencoded")) {
            params = FormBody.parse(body);
            WebhookLimits.checkParams(params);
            // Twilio's own vocabulary: a value Twilio never sends is refused, whichever route it came to.
            TwilioParameters.problem(params).ifPresent(why -> {
                throw WebhookRejected.badRequest(why);
            });
        } else {
            throw WebhookRejected.badRequest("Unsupported Content-Type " + contentType
                    + ": expected application/x-www-form-urlencoded");
        }
        return new WebhookRequest(base, url, Map.copyOf(headers), body, params);
    }

    /**
     * The configured public base URL; without one, the host the request arrived on, which API
     * Gateway serves over https only. Never the host of a proxy in front: that is what the
     * setting is for.
     */
    private String baseUrl(APIGatewayV2HTTPEvent event) {
        if (publicBaseUrl.isPresent()) {
            return publicBaseUrl.get().toString();
        }
        var context = event.getRequestContext();
        if (context == null || context.getDomainName() == null) {
            throw new IllegalStateException("PUBLIC_BASE_URL is not set and the request names no domain");
        }
        return "https://" + context.getDomainName();
    }

    private static String decodeBody(String body, boolean base64) {
        if (body == null) {
            return "";
        }
        if (!base64) {
            return body;
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw WebhookRejected.badRequest("Malformed body: not valid base64");
        }
        return Text.utf8(bytes).orElseThrow(() -> WebhookRejected.badRequest("Malformed body: not valid UTF-8"));
    }

    private static APIGatewayV2HTTPResponse toResponse(WebhookResponse response) {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(response.status())
                .withHeaders(Map.of("Content-Type", response.contentType()))
                .withBody(response.body())
                .withIsBase64Encoded(false)
                .build();
    }
}
