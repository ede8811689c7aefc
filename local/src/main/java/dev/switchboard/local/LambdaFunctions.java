package dev.switchboard.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.switchboard.shared.Platform;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.log.Log;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The template's functions, each created once through its no-argument constructor (as Lambda
 * does in a new container) and called as Lambda would call it. A function that throws gets API
 * Gateway's own answer: 500 {"message":"Internal Server Error"}.
 *
 * <p>Observed, each function is instead built through its public {@code (Platform)} constructor,
 * the one its no-argument constructor delegates to, over a platform of its own (one per function,
 * as in AWS) whose AWS clients report every call to the observers: how a load run counts what every
 * function writes, the stream- and queue-fed workers' included. Nothing of this is on Lambda's
 * path: there the no-argument constructor builds the platform from the environment.
 */
public final class LambdaFunctions {
    private static final Log LOG = Log.of(LambdaFunctions.class);

    /** A route of the HTTP API that matched a request, with its path parameters. */
    public record Match(Template.Function function, Template.Route route, Map<String, String> pathParameters) {
    }

    private final Template template;
    private final List<ExecutionInterceptor> observers;
    private final Map<String, RequestHandler<Object, Object>> handlers = new ConcurrentHashMap<>();

    public LambdaFunctions(Template template) {
        this(template, List.of());
    }

    /** @param observers what every function's AWS clients report to; none: built as Lambda builds them */
    public LambdaFunctions(Template template, List<ExecutionInterceptor> observers) {
        this.template = template;
        this.observers = List.copyOf(observers);
    }

    public APIGatewayV2HTTPResponse invoke(String logicalId, APIGatewayV2HTTPEvent event) {
        try {
            return (APIGatewayV2HTTPResponse) invokeRaw(logicalId, event);
        } catch (RuntimeException e) {
            LOG.error("function failed", e, "function", logicalId);
            return APIGatewayV2HTTPResponse.builder().withStatusCode(500)
                    .withHeaders(Map.of("Content-Type", "application/json"))
                    .withBody("{\"message\":\"Internal Server Error\"}").build();
        }
    }

    /** Calls a function with any event, as Lambda does; its failures are the caller's to handle. */
    public Object invokeRaw(String logicalId, Object event) {
        Template.Function function = template.function(logicalId);
        return handlers.computeIfAbsent(logicalId, id -> instantiate(function, observers))
                .handleRequest(event, LocalContext.forInvocation(logicalId, 10));
    }

    /** The event class a function's handler takes, read from its RequestHandler type, as Lambda does. */
    public Class<?> eventType(String logicalId) {
        try {
            for (Class<?> type = Class.forName(template.function(logicalId).handlerClass()); type != null;
                 type = type.getSuperclass()) {
                for (var candidate : type.getGenericInterfaces()) {
                    if (candidate instanceof java.lang.reflect.ParameterizedType p
                            && p.getRawType() == RequestHandler.class
                            && p.getActualTypeArguments()[0] instanceof Class<?> event) {
                        return event;
                    }
                }
            }
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("No handler class for " + logicalId, e);
        }
        return Object.class;
    }

    public Optional<Match> route(String method, String path) {
        for (Template.Function function : template.functions()) {
            for (Template.Route route : function.routes()) {
                if (!route.method().equals("ANY") && !route.method().equals(method)) {
                    continue;
                }
                Map<String, String> parameters = match(route.path(), path);
                if (parameters != null) {
                    return Optional.of(new Match(function, route, parameters));
                }
            }
        }
        return Optional.empty();
    }

    /** HTTP API path templates: literal segments, {name} for one segment, {name+} for the rest. */
    static Map<String, String> match(String template, String path) {
        String[] want = template.split("/", -1);
        String[] have = path.split("/", -1);
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < want.length; i++) {
            String segment = want[i];
            if (segment.startsWith("{") && segment.endsWith("+}")) {
                if (i >= have.length) {
                    return null;
                }
                parameters.put(segment.substring(1, segment.length() - 2),
                        String.join("/", java.util.Arrays.copyOfRange(have, i, have.length)));
                return parameters;
            }
            if (i >= have.length) {
                return null;
            }
            if (segment.startsWith("{") && segment.endsWith("}")) {
                if (have[i].isEmpty()) {
                    return null;
                }
                // Path decoding, not form decoding: a '+' in a path is a plus (E.164 numbers).
                parameters.put(segment.substring(1, segment.length() - 1), java.net.URLDecoder.decode(
                        have[i].replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8));
            } else if (!segment.equals(have[i])) {
                return null;
            }
        }
        return want.length == have.length ? parameters : null;
    }

    @SuppressWarnings("unchecked")
    private static RequestHandler<Object, Object> instantiate(Template.Function f, List<ExecutionInterceptor> observers) {
        try {
            Class<?> type = Class.forName(f.handlerClass());
            return (RequestHandler<Object, Object>) (observers.isEmpty() ? type.getDeclaredConstructor().newInstance()
                    : observedConstructor(f, type).newInstance(Platform.observed(Settings.fromEnvironment(),
                            observers.toArray(ExecutionInterceptor[]::new))));
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("Cannot create " + f.logicalId() + "'s handler " + f.handler()
                    + ": is its module a dependency of local/pom.xml?", e);
        }
    }

    /**
     * The handler's {@code (Platform)} constructor. The platform's settings are read as the
     * no-argument constructor reads them: the stack sets them as system properties before any
     * function is built.
     */
    private static java.lang.reflect.Constructor<?> observedConstructor(Template.Function f, Class<?> type) {
        try {
            return type.getConstructor(Platform.class);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(f.logicalId() + "'s handler " + f.handler() + " has no public (Platform)"
                    + " constructor: built otherwise, its AWS calls would not be observed", e);
        }
    }
}
