package dev.switchboard.local;

import dev.switchboard.local.http.ConsoleFiles;
import dev.switchboard.local.http.LoopbackServer;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.switchboard.shared.json.Text;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The template's HTTP API on 127.0.0.1: each request becomes the payload 2.0 event API Gateway
 * would send (lower-case headers, raw path and query, base64 body for form posts) and goes to
 * the real handler.
 */
final class ApiServer implements AutoCloseable {
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);
    /** Bodies API Gateway passes as text; every other content type arrives base64-encoded. */
    private static final Set<String> TEXT_TYPES = Set.of("application/json", "application/xml", "text/plain",
            "text/xml", "text/html", "text/csv");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final LambdaFunctions functions;
    private final Template template;
    private final ConsoleFiles console = new ConsoleFiles(ApiServer.class.getClassLoader());

    ApiServer(int port, Template template, LambdaFunctions functions) throws IOException {
        this.template = template;
        this.functions = functions;
        this.server = LoopbackServer.create(port);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            String rawPath = exchange.getRequestURI().getRawPath();
            if (ConsoleFiles.handles(rawPath)) {
                console.serve(exchange, method, rawPath);
                return;
            }
            var match = functions.route(method, rawPath);
            if (match.isEmpty()) {
                // Read what the client sent first: closing on an unread body resets the connection,
                // and the client would never see the 404.
                exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
                respond(exchange, APIGatewayV2HTTPResponse.builder().withStatusCode(404)
                        .withHeaders(Map.of("Content-Type", "application/json"))
                        .withBody("{\"message\":\"Not Found\"}").build());
                return;
            }
            APIGatewayV2HTTPEvent event = event(exchange, method, rawPath, match.get());
            String authorizer = match.get().route().authorizer();
            if (authorizer != null) {
                var refused = authorize(template.authorizers().get(authorizer), event);
                if (refused != null) {
                    respond(exchange, refused);
                    return;
                }
            }
            respond(exchange, functions.invoke(match.get().function().logicalId(), event));
        }
    }

    /**
     * Runs the route's Lambda authorizer as API Gateway does: 401 without calling it when an
     * identity header is missing, 403 when it answers isAuthorized false, else its context
     * goes to the function in requestContext.authorizer.lambda.
     */
    @SuppressWarnings("unchecked")
    private APIGatewayV2HTTPResponse authorize(Template.Authorizer authorizer, APIGatewayV2HTTPEvent event) {
        for (String header : authorizer.identityHeaders()) {
            if (event.getHeaders().get(header.toLowerCase(Locale.ROOT)) == null) {
                return gatewayError(401, "Unauthorized");
            }
        }
        var request = APIGatewayV2CustomAuthorizerEvent.builder()
                .withVersion("2.0").withType("REQUEST")
                .withRouteArn("arn:aws:execute-api:" + Emulators.REGION + ":" + Emulators.ACCOUNT_ID + ":local/$default/"
                        + event.getRequestContext().getHttp().getMethod() + event.getRawPath())
                .withIdentitySource(authorizer.identityHeaders().stream()
                        .map(h -> event.getHeaders().get(h.toLowerCase(Locale.ROOT))).toList())
                .withRouteKey(event.getRouteKey()).withRawPath(event.getRawPath())
                .withRawQueryString(event.getRawQueryString()).withHeaders(event.getHeaders())
                .withQueryStringParameters(event.getQueryStringParameters())
                .withPathParameters(event.getPathParameters())
                .build();
        Map<String, Object> result;
        try {
            result = (Map<String, Object>) functions.invokeRaw(authorizer.functionLogicalId(), request);
        } catch (RuntimeException e) {
            return gatewayError(500, "Internal Server Error");
        }
        if (!Boolean.TRUE.equals(result.get("isAuthorized"))) {
            return gatewayError(403, "Forbidden");
        }
        event.getRequestContext().setAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                .withLambda((Map<String, Object>) result.getOrDefault("context", Map.of())).build());
        return null;
    }

    private static APIGatewayV2HTTPResponse gatewayError(int status, String message) {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status)
                .withHeaders(Map.of("Content-Type", "application/json"))
                .withBody("{\"message\":\"" + message + "\"}").build();
    }

    static APIGatewayV2HTTPEvent event(HttpExchange exchange, String method, String rawPath,
                                       LambdaFunctions.Match match) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> cookies = new ArrayList<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("cookie")) {
                values.forEach(v -> cookies.addAll(List.of(v.split(";\\s*"))));
            } else {
                headers.put(lower, String.join(",", values));
            }
        });
        byte[] body = exchange.getRequestBody().readAllBytes();
        String contentType = headers.getOrDefault("content-type", "").split(";")[0].trim().toLowerCase(Locale.ROOT);
        // A text payload is UTF-8; bytes that are not arrive base64-encoded, as binary does.
        boolean text = TEXT_TYPES.contains(contentType) && Text.utf8(body).isPresent();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        String routeKey = match.route().method() + " " + match.route().path();
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(routeKey)
                .withRawPath(rawPath)
                .withRawQueryString(rawQuery == null ? "" : rawQuery)
                .withCookies(cookies.isEmpty() ? null : cookies)
                .withHeaders(headers)
                .withQueryStringParameters(query(rawQuery))
                .withPathParameters(match.pathParameters().isEmpty() ? null : match.pathParameters())
                .withBody(body.length == 0 ? null
                        : text ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body))
                .withIsBase64Encoded(body.length > 0 && !text)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRouteKey(routeKey)
                        .withAccountId(Emulators.ACCOUNT_ID)
                        .withApiId("local")
                        .withStage("$default")
                        .withDomainName(headers.getOrDefault("host", "127.0.0.1"))
                        .withDomainPrefix("local")
                        .withRequestId(UUID.randomUUID().toString())
                        .withTime(REQUEST_TIME.format(now))
                        .withTimeEpoch(now.toInstant().toEpochMilli())
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(method)
                                .withPath(rawPath)
                                .withProtocol(exchange.getProtocol())
                                .withSourceIp(exchange.getRemoteAddress().getAddress().getHostAddress())
                                .withUserAgent(headers.get("user-agent"))
                                .build())
                        .build())
                .build();
    }

    /** Decoded query parameters; repeated ones joined with commas, as API Gateway does. */
    private static Map<String, String> query(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return null;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            parameters.merge(name, value, (a, b) -> a + "," + b);
        }
        return parameters;
    }

    private static void respond(HttpExchange exchange, APIGatewayV2HTTPResponse response) throws IOException {
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        }
        byte[] body = response.getBody() == null ? new byte[0]
                : response.getIsBase64Encoded() ? Base64.getDecoder().decode(response.getBody())
                : response.getBody().getBytes(StandardCharsets.UTF_8);
        // A fixed length: Twilio rejects chunked TwiML (error 12100), so we never send it.
        exchange.sendResponseHeaders(response.getStatusCode(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        // Requests in progress get a moment to answer; stopping never waits on one for good.
        executor.shutdown();
        try {
            if (!executor.awaitTermination(EventSources.STOP_GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
