package dev.switchboard.shared.json;

import java.util.Map;

/**
 * Writes JSON by hand for what the webhooks write on every request (log lines, events): strings,
 * numbers, booleans, null, maps and lists of them. Anything else is written as its string. It
 * spares a webhook's cold start Jackson's databind, which building an ObjectMapper (and finding
 * its modules) loads by the hundreds of classes. The output is what Jackson writes for the same
 * values: short escapes for \b \t \n \f \r, \\u00XX for the other control characters, the rest as is.
 */
public final class JsonText {
    private JsonText() {
    }

    public static String write(Object value) {
        StringBuilder json = new StringBuilder(256);
        write(json, value);
        return json.toString();
    }

    private static void write(StringBuilder json, Object value) {
        switch (value) {
            case null -> json.append("null");
            case String s -> string(json, s);
            case Boolean b -> json.append(b);
            case Integer i -> json.append(i);
            case Long l -> json.append(l);
            case Short s -> json.append(s);
            case Map<?, ?> map -> {
                json.append('{');
                boolean first = true;
                for (var entry : map.entrySet()) {
                    if (!first) {
                        json.append(',');
                    }
                    first = false;
                    string(json, String.valueOf(entry.getKey()));
                    json.append(':');
                    write(json, entry.getValue());
                }
                json.append('}');
            }
            case Iterable<?> items -> {
                json.append('[');
                boolean first = true;
                for (Object item : items) {
                    if (!first) {
                        json.append(',');
                    }
                    first = false;
                    write(json, item);
                }
                json.append(']');
            }
            case Number n -> {
                double d = n.doubleValue();
                if (Double.isFinite(d)) {
                    json.append(n);
                } else {
                    string(json, n.toString());
                }
            }
            default -> string(json, value.toString());
        }
    }

    private static void string(StringBuilder json, String s) {
        json.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\b' -> json.append("\\b");
                case '\t' -> json.append("\\t");
                case '\n' -> json.append("\\n");
                case '\f' -> json.append("\\f");
                case '\r' -> json.append("\\r");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04X", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
