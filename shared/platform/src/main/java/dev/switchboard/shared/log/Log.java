package dev.switchboard.shared.log;

import dev.switchboard.shared.json.JsonText;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One JSON object per line on standard output, which Lambda ships to CloudWatch Logs where
 * Logs Insights can query the fields. Every line carries the fields of the invocation it belongs
 * to ({@link LogScope}: request id, cold start, trace id, what it is about). Callers pass
 * identifiers (CallSid, AccountSid, tenant), never credentials or whole parameter maps.
 */
public final class Log {
    private final String logger;
    /** Quiet while SnapStart priming answers made-up requests: those are not this function's work. */
    private static volatile boolean muted;

    private Log(String logger) {
        this.logger = logger;
    }

    public static void mute(boolean quiet) {
        muted = quiet;
    }

    public static Log of(Class<?> type) {
        return new Log(type.getSimpleName());
    }

    public void info(String message, Object... keyValues) {
        write("INFO", message, null, keyValues);
    }

    public void warn(String message, Object... keyValues) {
        write("WARN", message, null, keyValues);
    }

    public void error(String message, Throwable error, Object... keyValues) {
        write("ERROR", message, error, keyValues);
    }

    private void write(String level, String message, Throwable error, Object... keyValues) {
        if (muted) {
            return;
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", Instant.now().toString());
        line.put("level", level);
        line.put("logger", logger);
        line.put("message", message);
        line.putAll(LogScope.current());
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            line.put(String.valueOf(keyValues[i]), keyValues[i + 1]);
        }
        if (error != null) {
            // The message of an SDK or Twilio exception never carries a credential. The stack
            // trace goes to the log only, never to a caller.
            line.put("error", error.getClass().getName() + ": " + error.getMessage());
            line.put("stackTrace", stackTrace(error));
        }
        System.out.println(JsonText.write(line));
    }

    private static final int MAX_FRAMES = 40;
    private static final int MAX_CAUSES = 5;

    /**
     * The trace as Java prints it, one element a line ("at ...", "Caused by: ..."), in one JSON
     * array so that the whole trace stays in one log event. Bounded: deep recursion or a long cause
     * chain cannot make a line CloudWatch would cut.
     */
    static List<String> stackTrace(Throwable error) {
        List<String> lines = new ArrayList<>();
        Throwable current = error;
        for (int cause = 0; current != null && cause <= MAX_CAUSES; cause++) {
            if (cause > 0) {
                lines.add("Caused by: " + current.getClass().getName() + ": " + current.getMessage());
            }
            StackTraceElement[] frames = current.getStackTrace();
            for (int i = 0; i < frames.length && i < MAX_FRAMES; i++) {
                lines.add("at " + frames[i]);
            }
            if (frames.length > MAX_FRAMES) {
                lines.add("... " + (frames.length - MAX_FRAMES) + " more");
            }
            current = current.getCause() == current ? null : current.getCause();
        }
        return lines;
    }
}
