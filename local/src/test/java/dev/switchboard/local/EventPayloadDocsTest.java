package dev.switchboard.local;

import dev.switchboard.shared.events.EventPayload;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * docs/events.md and the payload records say the same: every event type the code can produce
 * is documented, with exactly the fields its payload carries, and nothing else is.
 */
class EventPayloadDocsTest {
    private static final Pattern TYPE = Pattern.compile("`([a-z]+\\.[a-z-]+)`");
    private static final Pattern FIELD = Pattern.compile("`([A-Za-z]+)`");

    @Test
    void everyPayloadIsDocumentedWithExactlyItsFields() throws Exception {
        Map<String, Set<String>> documented = documented();
        Map<String, Set<String>> produced = new LinkedHashMap<>();
        for (Class<?> type : EventPayload.class.getPermittedSubclasses()) {
            EventPayload payload = blank(type);
            produced.put(payload.type(), new TreeSet<>(payload.fields().keySet()));
        }
        assertEquals(new TreeSet<>(documented.keySet()), new TreeSet<>(produced.keySet()),
                "the event types of docs/events.md and of EventPayload");
        produced.forEach((type, fields) -> assertEquals(documented.get(type), fields, type));
    }

    /** Each "### `type`" section of "## Types", with the names in the first column of its table. */
    private static Map<String, Set<String>> documented() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("..", "docs", "events.md"));
        Map<String, Set<String>> types = new LinkedHashMap<>();
        List<String> current = new ArrayList<>();
        boolean inTypes = false;
        for (String line : lines) {
            if (line.startsWith("## ")) {
                inTypes = line.equals("## Types");
                current = new ArrayList<>();
                continue;
            }
            if (!inTypes) {
                continue;
            }
            if (line.startsWith("### ")) {
                current = new ArrayList<>();
                Matcher type = TYPE.matcher(line);
                while (type.find()) {
                    current.add(type.group(1));
                    types.put(type.group(1), new TreeSet<>());
                }
            } else if (line.startsWith("| `") && !current.isEmpty()) {
                String firstColumn = line.substring(1, line.indexOf('|', 1));
                Matcher field = FIELD.matcher(firstColumn);
                while (field.find()) {
                    for (String type : current) {
                        types.get(type).add(field.group(1));
                    }
                }
            }
        }
        return types;
    }

    /** The payload with every field empty: what it says of itself does not depend on the values. */
    private static EventPayload blank(Class<?> type) throws Exception {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = types[i] == int.class ? 0 : types[i] == long.class ? 0L : types[i] == boolean.class ? false
                    : types[i] == List.class ? List.of() : null;
        }
        return (EventPayload) type.getDeclaredConstructor(types).newInstance(values);
    }
}
