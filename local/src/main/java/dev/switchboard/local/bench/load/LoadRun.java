package dev.switchboard.local.bench.load;

import dev.switchboard.local.LocalStack;
import dev.switchboard.local.bench.Options;
import dev.switchboard.shared.json.Json;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Write units per partition key under one tenant's load: plays calls, then messages, through the
 * real webhooks and API of a local stack in this JVM ({@link LoadScenario}), with every function's
 * DynamoDB writes counted per partition key of each table and index ({@link WriteUnits}), the
 * stream- and queue-fed workers' too (each phase drained until nothing more is written); checks
 * that every item the run changed was counted ({@link Coverage}); projects the counts to the
 * target load ({@link Projection}) and prints the hottest keys against a third of DynamoDB's
 * per-partition limit.
 *
 * <p>{@code java --enable-native-access=ALL-UNNAMED -cp local/target/switchboard-local.jar
 * dev.switchboard.local.bench.load.LoadRun [--calls 400] [--messages 800] [--parties 80]
 * [--concurrency 8] [--json FILE]}: the defaults take about two minutes on two cores. At ten
 * messages a party, one message in ten starts its conversation, which only enters the activity
 * index where a later message moves in it: keep that ratio when changing either.
 *
 * <p>Exits 0 when the run was played and counted whole, whatever the keys; {@code --json} writes the
 * figures for a test to hold.
 */
public final class LoadRun {
    /** The load the figures are projected to: one tenant's inbound calls and messages a second. */
    public static final double CALLS_PER_SECOND = 500;
    public static final double MESSAGES_PER_SECOND = 500;
    static final int HOTTEST = 15;
    /** What a key whose value starts so stands for. */
    private static final Map<String, String> KINDS = kinds();

    /** What a run played, counted and projected. */
    public record Result(int calls, int callsFailed, double callsSeconds, int messages, int messagesFailed,
                         double messagesSeconds, int parties, Coverage callsCoverage, Coverage messagesCoverage,
                         long units, List<String> tablesCounted, Projection projection) {
        /** The keys the run changed and the counter did not count, in either phase. */
        public List<String> uncounted() {
            List<String> uncounted = new ArrayList<>(callsCoverage.uncounted());
            uncounted.addAll(messagesCoverage.uncounted());
            return uncounted;
        }

        /** The keys the report shows: the hottest, and every key over the budget however many. */
        public List<Projection.Row> shown() {
            return projection.hottest(Math.max(HOTTEST, projection.overBudget().size()));
        }

        /** What a test holds a run to, without the many keys below the hottest. */
        public Map<String, Object> summary() {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("calls", calls);
            summary.put("callsFailed", callsFailed);
            summary.put("messages", messages);
            summary.put("messagesFailed", messagesFailed);
            summary.put("tablesCounted", tablesCounted);
            summary.put("tablesChanged", union(callsCoverage.tables(), messagesCoverage.tables()));
            summary.put("itemsChanged", callsCoverage.changed() + messagesCoverage.changed());
            summary.put("uncounted", uncounted());
            summary.put("shown", shown());
            summary.put("overBudget", projection.overBudget());
            return summary;
        }
    }

    private LoadRun() {
    }

    public static void main(String[] args) throws Exception {
        int calls = Options.integer(args, "--calls", 400);
        int messages = Options.integer(args, "--messages", 800);
        int parties = Options.integer(args, "--parties", 80);
        int concurrency = Options.integer(args, "--concurrency", 8);
        String json = Options.text(args, "--json");
        PrintStream console = System.out;
        // The functions log a line per request, as in Lambda, and the simulator its API's work:
        // formatted, not printed here. Set before the stack starts, which hands the simulator stdout.
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        Result result;
        try {
            result = run(calls, messages, parties, concurrency);
        } finally {
            System.setOut(console);
        }
        print(result, console);
        if (json != null) {
            Files.writeString(Path.of(json), Json.MAPPER.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(result.summary()));
        }
        System.exit(0);
    }

    public static Result run(int calls, int messages, int parties, int concurrency) throws Exception {
        WriteUnits units = new WriteUnits();
        try (LocalStack stack = LocalStack.start(LocalStack.Options.defaults().withPort(0).withObservers(units));
             DynamoDbClient reader = LocalStack.dynamo(stack.emulators())) {
            units.attach(reader);
            LoadScenario scenario = new LoadScenario(stack, concurrency);
            try {
                scenario.arrange();
                settle(stack, units);
                units.take();
                // Each phase between two readings of every table, with nothing else writing.
                Tables before = Tables.read(reader);
                units.remember(before);
                long start = System.nanoTime();
                int callsFailed = scenario.calls(calls);
                settle(stack, units);
                var callsCounted = units.take();
                double callsSeconds = (System.nanoTime() - start) / 1e9;
                Tables afterCalls = Tables.read(reader);
                start = System.nanoTime();
                int messagesFailed = scenario.messages(messages, parties);
                settle(stack, units);
                var messagesCounted = units.take();
                double messagesSeconds = (System.nanoTime() - start) / 1e9;
                Tables afterMessages = Tables.read(reader);

                String endpoint = scenario.endpointId();
                Projection projection = Projection.of(List.of(
                        new Projection.Phase(callsCounted, calls, CALLS_PER_SECOND),
                        new Projection.Phase(messagesCounted, messages, MESSAGES_PER_SECOND)),
                        key -> what(key, endpoint));
                var tables = new TreeSet<String>();
                long total = 0;
                for (var counted : List.of(callsCounted, messagesCounted)) {
                    for (var entry : counted.entrySet()) {
                        tables.add(entry.getKey().table());
                        total += entry.getValue().units();
                    }
                }
                return new Result(calls, callsFailed, callsSeconds, messages, messagesFailed, messagesSeconds, parties,
                        Coverage.of(before, afterCalls, callsCounted),
                        Coverage.of(afterCalls, afterMessages, messagesCounted), total, List.copyOf(tables), projection);
            } finally {
                scenario.close();
            }
        }
    }

    /**
     * Delivers what the streams and queues hold until a drain writes nothing more: the events
     * published, delivered and pushed, the media copied, and what those wrote in turn.
     */
    private static void settle(LocalStack stack, WriteUnits units) {
        long last = -1;
        for (int round = 0; round < 50; round++) {
            stack.eventSources().drain();
            long now = units.attempts();
            if (now == last) {
                return;
            }
            last = now;
        }
        throw new IllegalStateException("the workers were still writing after 50 drains");
    }

    /** What a key stands for, as far as its value says. */
    static String what(PartitionKey key, String endpointId) {
        String value = key.value();
        if (value.equals(LoadScenario.TENANT)) {
            return "the tenant";
        }
        if (value.startsWith(LoadScenario.TENANT + "#")) {
            return "a shard of the tenant";
        }
        if (value.equals(endpointId)) {
            return "the tenant's webhook endpoint";
        }
        if (value.startsWith(endpointId + "#")) {
            return "a shard of the tenant's webhook endpoint";
        }
        if (value.startsWith("due#")) {
            return "a shard of the platform's schedule";
        }
        if (value.startsWith(LoadScenario.TENANT + "|fact|")) {
            return "one call's or message's metrics fact";
        }
        if (value.startsWith(LoadScenario.TENANT + "|slice|")) {
            return "the tenant's agents or numbers seen";
        }
        if (value.startsWith(LoadScenario.TENANT + "|")) {
            return "the tenant's aggregates of one level, kind and slice";
        }
        if (LoadScenario.NUMBERS.contains(value)) {
            return "a number of the tenant";
        }
        return KINDS.entrySet().stream().filter(p -> value.startsWith(p.getKey())).map(Map.Entry::getValue)
                .findFirst().orElse("–");
    }

    private static Map<String, String> kinds() {
        Map<String, String> kinds = new LinkedHashMap<>();
        kinds.put("CA", "one call");
        kinds.put("CONV#", "one conversation");
        kinds.put("cv_", "one conversation");
        kinds.put("MSG#", "one message");
        kinds.put("SID#", "one message's SID");
        kinds.put("OPTOUT#", "one party's opt-out");
        kinds.put("evt_", "one event");
        return kinds;
    }

    static void print(Result r, PrintStream out) {
        out.printf(Locale.ROOT, "Write units per partition key, one tenant on the local stack (%s, %d cores)%n",
                Runtime.version(), Runtime.getRuntime().availableProcessors());
        out.printf(Locale.ROOT, "%d inbound calls played in %.0f s (%d with a failed webhook), then %d messages over %d"
                        + " parties in %.0f s (%d failed), each phase until its workers were done%n", r.calls(),
                r.callsSeconds(), r.callsFailed(), r.messages(), r.parties(), r.messagesSeconds(), r.messagesFailed());
        out.printf(Locale.ROOT, "%,d write units counted on %d tables: %s%n", r.units(), r.tablesCounted().size(),
                String.join(", ", r.tablesCounted()));
        List<String> uncounted = r.uncounted();
        if (uncounted.isEmpty()) {
            out.printf(Locale.ROOT, "every item the run changed was counted (%,d items on %d tables)%n",
                    r.callsCoverage().changed() + r.messagesCoverage().changed(),
                    union(r.callsCoverage().tables(), r.messagesCoverage().tables()).size());
        } else {
            out.println("NOT COUNTED, so the figures below are short:");
            uncounted.forEach(line -> out.println("  " + line));
        }
        out.printf(Locale.ROOT, "projected to %.0f inbound calls and %.0f messages a second (each phase's units"
                + " x the rate / what it played); the %d hottest keys:%n", CALLS_PER_SECOND, MESSAGES_PER_SECOND,
                r.shown().size());
        out.println("| table | index | partition key | what | WCU/s | of 1,000 |");
        out.println("|---|---|---|---|---:|---:|");
        r.shown().forEach(row -> print(row, out));
        out.println("the hottest key of every table and index written:");
        out.println("| table | index | partition key | what | WCU/s | of 1,000 |");
        out.println("|---|---|---|---|---:|---:|");
        r.projection().hottestOfEach().forEach(row -> print(row, out));
        var over = r.projection().overBudget();
        out.println(over.isEmpty()
                ? String.format(Locale.ROOT, "PASS: no key over %.0f WCU/s, a third of the 1,000 of a partition",
                        Projection.BUDGET)
                : String.format(Locale.ROOT, "FAIL: %d key(s) over %.0f WCU/s, a third of the 1,000 of a partition",
                        over.size(), Projection.BUDGET));
    }

    private static void print(Projection.Row row, PrintStream out) {
        out.printf(Locale.ROOT, "| %s | %s | %s | %s | %,.0f | %.0f%% |%n", row.key().table(),
                row.key().index().isEmpty() ? "(table)" : row.key().index(), row.key().value().replace("|", "\\|"),
                row.what(), row.perSecond(), row.shareOfLimit() * 100);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        var all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }
}
