package dev.switchboard.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.local.bench.load.LoadRun;
import dev.switchboard.local.bench.load.Projection;
import dev.switchboard.shared.json.Json;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One tenant at 500 inbound calls and 500 messages a second, with everything they cause, keeps
 * every partition key of every table and index within a third of DynamoDB's per-partition write
 * limit: the load run ({@link LoadRun}), smaller than README's (the projection keeps each key's
 * share; a key of one call only looks hotter in a smaller run), in a JVM of its own, since a local
 * stack's configuration is its JVM's. Its report is kept in target/load-run.txt.
 */
class LoadRunTest {
    private static final Path REPORT = Path.of("target", "load-run.txt");
    private static final Path JSON = Path.of("target", "load-run.json");
    /** The tables every call and message writes: the call, its events, the messages, the deliveries. */
    private static final List<String> WRITTEN = List.of("CallsTable", "EventsTable", "MessagesTable",
            "WebhookDeliveriesTable");

    @Test
    void noPartitionKeyTakesMoreThanAThirdOfItsWriteLimitAtFiveHundredCallsAndMessagesASecond() throws Exception {
        Process run = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Dsun.net.httpserver.maxIdleConnections=2000",
                "-cp", System.getProperty("java.class.path"), LoadRun.class.getName(),
                "--calls", "150", "--messages", "300", "--parties", "30", "--json", JSON.toString())
                .redirectOutput(REPORT.toFile()).redirectError(Path.of("target", "load-run.log").toFile()).start();
        assertTrue(run.waitFor(10, TimeUnit.MINUTES), "the load run took more than 10 minutes");
        assertEquals(0, run.exitValue(), "the load run failed: target/load-run.log");
        JsonNode result = Json.parse(Files.readString(JSON));
        assertEquals(0, result.path("callsFailed").asInt() + result.path("messagesFailed").asInt(),
                "calls or messages failed at a webhook or the API: " + Files.readString(REPORT));

        // Every write was counted: each item the run changed, on its table and on its indexes.
        assertEquals(List.of(), strings(result.path("uncounted")), "changed but not counted");
        assertTrue(strings(result.path("tablesCounted")).containsAll(WRITTEN), result.path("tablesCounted").toString());
        assertTrue(strings(result.path("tablesCounted")).containsAll(strings(result.path("tablesChanged"))),
                result.toString());

        Set<String> over = new TreeSet<>();
        List<String> shown = new ArrayList<>();
        result.path("overBudget").forEach(row -> {
            over.add(row(row));
            shown.add("%s %s: %.0f WCU/s".formatted(row(row), row.path("key").path("value").asText(),
                    row.path("perSecond").asDouble()));
        });
        assertAll(
                () -> assertEquals(readmeOverBudget(), over, "README's load run shows other keys over "
                        + Math.round(Projection.BUDGET) + " WCU/s than this run finds: run it and show its report"
                        + " (this run's is in " + REPORT + ")"),
                () -> assertEquals(List.of(), shown, "keys over a third of the 1,000 WCU/s of a partition"));
    }

    /** A key as README's table names it, without its value (ids differ from run to run). */
    private static String row(JsonNode row) {
        String index = row.path("key").path("index").asText();
        return row.path("key").path("table").asText() + " | " + (index.isEmpty() ? "(table)" : index) + " | "
                + row.path("what").asText();
    }

    /** The keys README's load run shows over the budget. */
    private static Set<String> readmeOverBudget() {
        Set<String> over = new TreeSet<>();
        for (String line : Readme.block(Readme.section("load-run"), "").lines().toList()) {
            String[] cells = line.split("(?<!\\\\)\\|");
            if (cells.length == 7 && cells[5].trim().matches("[\\d,]+")
                    && Double.parseDouble(cells[5].trim().replace(",", "")) > Projection.BUDGET) {
                over.add(cells[1].trim() + " | " + cells[2].trim() + " | " + cells[4].trim());
            }
        }
        return over;
    }

    private static List<String> strings(JsonNode array) {
        List<String> strings = new ArrayList<>();
        array.forEach(value -> strings.add(value.asText()));
        return strings;
    }
}
