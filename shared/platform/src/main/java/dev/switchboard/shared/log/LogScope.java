package dev.switchboard.shared.log;

import com.amazonaws.services.lambda.runtime.Context;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fields every log line of one invocation carries, as Powertools' request-scoped keys do:
 * Lambda's request id, whether the invocation was the container's first (cold start), the X-Ray
 * trace id, the id of what triggered it (API Gateway's request id, an SQS message id, a stream
 * record's sequence number) and, once known, the tenant, call or message it is about. Open one
 * per invocation (or per record of a batch) in try-with-resources; {@link Log} adds its fields to
 * every line written meanwhile on the same thread.
 *
 * <p>Held per thread, not passed down: the log lines are written deep inside domain classes that
 * must not know about invocations. Lambda runs one invocation at a time per container; the local
 * stack runs many at once, each on its own thread, and a scope never outlives its invocation.
 */
public final class LogScope implements AutoCloseable {
    private static final ThreadLocal<LogScope> CURRENT = new ThreadLocal<>();
    // Lambda's Java runtime sets this for each invocation; read when the context has no trace id.
    private static final String TRACE_HEADER_PROPERTY = "com.amazonaws.xray.traceHeader";

    private final Map<String, Object> fields = new LinkedHashMap<>();
    private final LogScope outer;

    private LogScope(LogScope outer) {
        this.outer = outer;
        if (outer != null) {
            fields.putAll(outer.fields);
        }
    }

    /**
     * Opens the scope of one invocation.
     *
     * @param lambda        Lambda's context, or null where there is none (SnapStart priming, a test)
     * @param coldStart     whether this is the first invocation this handler serves
     * @param correlationId the id of what triggered the invocation, or null
     */
    public static LogScope open(Context lambda, boolean coldStart, String correlationId) {
        LogScope scope = new LogScope(CURRENT.get());
        if (lambda != null) {
            scope.with("requestId", lambda.getAwsRequestId());
            scope.with("coldStart", coldStart);
            scope.with("traceId", traceId(lambda));
        }
        scope.with("correlationId", correlationId);
        CURRENT.set(scope);
        return scope;
    }

    /** A narrower scope inside this one (one record of a batch): its fields go when it closes. */
    public static LogScope nested() {
        LogScope scope = new LogScope(CURRENT.get());
        CURRENT.set(scope);
        return scope;
    }

    /**
     * A narrower scope of {@code outer} on another thread (one record of a batch handled beside the
     * others): it carries the invocation's fields.
     */
    public static LogScope nestedIn(LogScope outer) {
        LogScope scope = new LogScope(outer);
        CURRENT.set(scope);
        return scope;
    }

    /** The scope open on this thread, or null. */
    public static LogScope currentScope() {
        return CURRENT.get();
    }

    /**
     * Adds a field every later line of this scope carries: an identifier (tenantId, callSid,
     * messageSid), never a credential or a parameter map. A null value adds nothing.
     */
    public LogScope with(String name, Object value) {
        if (value != null && !(value instanceof String text && text.isEmpty())) {
            fields.put(name, value);
        }
        return this;
    }

    /** The fields of the scope open on this thread, in the order they were added. */
    static Map<String, Object> current() {
        LogScope scope = CURRENT.get();
        return scope == null ? Map.of() : scope.fields;
    }

    @Override
    public void close() {
        if (outer == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(outer);
        }
    }

    /** The trace's root id ("1-5759e988-bd862e3fe1be46a994272793") from X-Ray's trace header. */
    static String traceId(Context lambda) {
        String header = lambda.getXrayTraceId();
        if (header == null || header.isEmpty()) {
            header = System.getProperty(TRACE_HEADER_PROPERTY);
        }
        if (header == null || header.isEmpty()) {
            return null;
        }
        for (String part : header.split(";")) {
            String trimmed = part.trim();
            if (trimmed.startsWith("Root=")) {
                return trimmed.substring("Root=".length());
            }
        }
        return header.contains("=") ? null : header;
    }
}
