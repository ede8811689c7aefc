package dev.switchboard.shared.log;

import dev.switchboard.shared.json.JsonText;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One JSON object per line on standard output, which Lambda ships to CloudWatch Logs where
 * Logs Insights can query the fields. Callers pass identifiers (CallSid, AccountSid, tenant),
 * never credentials or whole parameter maps.
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
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            line.put(String.valueOf(keyValues[i]), keyValues[i + 1]);
        }
        if (error != null) {
            // The exception type and message only: stack traces go nowhere near a caller, and
            // the message of an SDK or Twilio exception never carries a credential.
            line.put("error", error.getClass().getName() + ": " + error.getMessage());
        }
        System.out.println(JsonText.write(line));
    }
}
