package dev.switchboard.local;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What README shows as a command's output is what the command prints: each sample is produced
 * here, against the local stack, and compared with README, so that neither can drift. Times and
 * SIDs, which differ from run to run, are the only parts left out of the comparison.
 */
class ReadmeSamplesTest {

    private record Ran(int exitCode, String output) {
    }

    private static Ran bash(String script, Map<String, String> environment) throws Exception {
        ProcessBuilder bash = new ProcessBuilder("bash", "-eo", "pipefail", "-c", script);
        bash.environment().putAll(environment);
        Process process = bash.start();
        var stderr = new ByteArrayOutputStream();
        Thread errors = Thread.ofPlatform().start(() -> {
            try {
                process.getErrorStream().transferTo(stderr);
            } catch (java.io.IOException ignored) {
                // The process ended.
            }
        });
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the block finished");
        errors.join();
        assertEquals(0, process.exitValue(), "exit status; stdout:\n" + stdout + "\nstderr:\n" + stderr);
        return new Ran(process.exitValue(), stdout);
    }

    @Test
    void tryItAnswersWithTheTwimlReadmeShows() throws Exception {
        for (String tool : List.of("bash", "curl", "openssl")) {
            Assumptions.assumeTrue(Readme.has(tool), tool + " is not installed: README's Try it needs it");
        }
        String section = Readme.section("try-it");
        // The block sends to http://127.0.0.1:3000, the URL it signs, as a reader's stack would be;
        // here curl's own configuration takes that address to where the test stack listens.
        Path curlHome = Files.createTempDirectory("curl-home");
        Files.writeString(curlHome.resolve(".curlrc"), "connect-to = 127.0.0.1:3000:127.0.0.1:"
                + TestStack.get().baseUrl().getPort() + "\n");
        assertEquals("http://127.0.0.1:3000", TestStack.PUBLIC_URL.toString(), "the block signs for the public URL");
        var ran = bash(Readme.block(section, "sh"), Map.of("CURL_HOME", curlHome.toString()));
        assertEquals(Readme.block(section, "xml").strip(), ran.output().strip());
    }

    /** The command lines of README's simulator block, each as its arguments, split as bash splits them. */
    private static List<List<String>> simulatorCommands(String block) throws Exception {
        return simulatorCommands(block, Map.of());
    }

    /** @param environment what the block's variables are, e.g. ADMIN_KEY */
    private static List<List<String>> simulatorCommands(String block, Map<String, String> environment) throws Exception {
        List<List<String>> commands = new ArrayList<>();
        for (String line : block.lines().toList()) {
            String command = line.replaceFirst("\\s+#[^\"]*$", "");
            assertTrue(command.startsWith("local/switchboard-local "), line);
            var ran = bash("words() { printf '%s\\0' \"$@\"; }; words "
                    + command.substring("local/switchboard-local ".length()), environment);
            commands.add(Arrays.asList(ran.output().split("\0")));
        }
        return commands;
    }

    /** What a timeline line keeps from run to run: times and the CallSid left out. */
    private static List<String> steady(String timeline) {
        return timeline.strip().lines()
                .map(line -> line.replaceAll("^\\s*\\d+\\.\\d\\ds", "T").replaceAll("CA[0-9a-f]{32}", "CA<sid>"))
                .toList();
    }

    @Test
    void everySimulatorCommandRunsAndPrintsTheTimelineReadmeShows() throws Exception {
        Assumptions.assumeTrue(Readme.has("bash"), "bash is not installed: README's commands are split with it");
        String section = Readme.section("simulator-commands");
        List<String[]> blocks = Readme.blocks(section);
        assertEquals(2, blocks.size(), "the commands, then one timeline");
        String shown = blocks.get(1)[1];
        String noAnswer = null;
        for (List<String> command : simulatorCommands(blocks.get(0)[1])) {
            List<String> args = new ArrayList<>(command);
            // Files are named from the repository's root; this test runs in local/.
            for (int i = 0; i + 1 < args.size(); i++) {
                if (args.get(i).equals("--media")) {
                    args.set(i + 1, Path.of("..").resolve(args.get(i + 1)).toString());
                }
            }
            String printed = played(args);
            if (command.contains("no-answer")) {
                noAnswer = printed;
            }
        }
        assertTrue(noAnswer != null, "README plays a call nobody answers");
        assertEquals(steady(shown), steady(noAnswer), "README's timeline, as printed:\n" + noAnswer);
    }

    @Test
    void aMenuNumbersCallPlaysAsReadmeShows() throws Exception {
        Assumptions.assumeTrue(Readme.has("bash"), "bash is not installed: README's commands are split with it");
        List<String[]> blocks = Readme.blocks(Readme.section("flow-call"));
        assertEquals(2, blocks.size(), "the command, then its timeline");
        var commands = simulatorCommands(blocks.get(0)[1]);
        assertEquals(1, commands.size());
        String printed = played(new ArrayList<>(commands.getFirst()));
        assertEquals(steady(blocks.get(1)[1]), steady(printed), "README's timeline, as printed:\n" + printed);
    }

    /** A README command played against the test stack's simulator, as a reader's shell runs it: what it printed. */
    private static String played(List<String> args) {
        args.addAll(List.of("--simulator", TestStack.twilio().baseUrl().toString()));
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code = Main.execute(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, args + ":\n" + printed + err.toString(StandardCharsets.UTF_8));
        return printed;
    }

    /** A listen line with what differs from run to run (ids, ports, times) made the same. */
    private static String steadyListen(String line) {
        return line.replaceAll("evt_[0-9a-f]{32}", "evt_<id>").replaceAll("we_[0-9a-f]{24}", "we_<id>")
                .replaceAll("127\\.0\\.0\\.1:\\d+", "127.0.0.1:<port>").replaceAll("\\s+\\+\\d+\\.\\d\\ds", " +T")
                .stripTrailing();
    }

    @Test
    void listenPrintsACallsEventsFromBothChannelsAsReadmeShows() throws Exception {
        Assumptions.assumeTrue(Readme.has("bash"), "bash is not installed: README's commands are split with it");
        List<String[]> blocks = Readme.blocks(Readme.section("listen"));
        assertEquals(3, blocks.size(), "listen, the call, what listen printed");
        List<String> shown = blocks.get(2)[1].strip().lines().toList();
        long perChannel = shown.stream().filter(l -> l.startsWith("webhook ")).count();
        assertEquals(perChannel, shown.stream().filter(l -> l.startsWith("websocket ")).count());
        List<String> listen = new ArrayList<>(simulatorCommands(blocks.get(0)[1], Map.of("ADMIN_KEY", Api.adminKey()))
                .getFirst());
        listen.addAll(List.of("--api", TestStack.get().baseUrl().toString(), "--count", String.valueOf(perChannel)));
        // Printed from the receiver's and the WebSocket's threads as well as the command's.
        var out = new java.io.ByteArrayOutputStream() {
            synchronized String text() {
                return toString(StandardCharsets.UTF_8);
            }
        };
        var exit = new java.util.concurrent.CompletableFuture<Integer>();
        Thread.ofVirtual().start(() -> exit.complete(Main.execute(listen.toArray(String[]::new),
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err)));
        WebhookReceiver.await("listening", java.time.Duration.ofSeconds(20), () -> out.text().contains("listening to")
                || exit.isDone());
        assertTrue(out.text().startsWith("listening to acme"), out.text());
        List<String> call = new ArrayList<>(simulatorCommands(blocks.get(1)[1]).getFirst());
        call.addAll(List.of("--simulator", TestStack.twilio().baseUrl().toString()));
        assertEquals(0, Main.execute(call.toArray(String[]::new), new PrintStream(new ByteArrayOutputStream()), System.err));
        assertEquals(0, exit.completeOnTimeout(-1, 30, TimeUnit.SECONDS).get(), "listen's exit; it printed:\n"
                + out.text());
        List<String> printed = out.text().strip().lines().toList();
        assertEquals(shown.stream().map(ReadmeSamplesTest::steadyListen).sorted().toList(),
                printed.stream().map(ReadmeSamplesTest::steadyListen).sorted().toList(),
                "README's listen output, as printed:\n" + String.join("\n", printed));
    }

    @Test
    void theSynopsisNamesEveryOptionTheCommandTakesAndNoOther() {
        java.util.function.Function<String, java.util.Set<String>> options = text -> {
            var found = new java.util.TreeSet<String>();
            var m = java.util.regex.Pattern.compile("(?<![\\w-])(--?[a-z][a-z-]*)").matcher(text);
            while (m.find()) {
                found.add(m.group(1));
            }
            return found;
        };
        var readme = options.apply(Readme.block(Readme.section("synopsis"), ""));
        var usage = options.apply(Main.USAGE);
        usage.remove("-h");     // --help's short form, not worth a README line
        usage.remove("-jar");   // java's, where the usage says what switchboard-local is
        assertEquals(usage, readme, "README's synopsis and the usage the command prints");
        for (String[] args : List.of(new String[]{"help"}, new String[]{"--help"}, new String[]{"--version"})) {
            assertTrue(Readme.block(Readme.section("synopsis"), "").contains(String.join(" ", args)), args[0]);
        }
    }

    @Test
    void theAwsCliExamplesWorkWithTheRegionVariablesTheyExport() throws Exception {
        // AWS CLI v1 reads only AWS_DEFAULT_REGION, v2 also AWS_REGION: either must work as written.
        Assumptions.assumeTrue(Readme.has("aws"), "the AWS CLI is not installed");
        var stack = TestStack.get();
        var emulators = stack.emulators();
        Map<String, String> endpoints = Map.of(
                "http://127.0.0.1:4566", emulators.dynamoEndpoint().toString(),
                "http://127.0.0.1:4567", emulators.sqsEndpoint().toString(),
                "http://127.0.0.1:4568", emulators.s3Endpoint().toString(),
                "http://127.0.0.1:<dynamodb port>", emulators.dynamoEndpoint().toString(),
                "http://127.0.0.1:<sqs port>", emulators.sqsEndpoint().toString(),
                "<events queue URL>", TestStack.repositories().settings().eventsQueueUrl());
        Path home = Files.createTempDirectory("no-aws-profile");
        int ran = 0;
        for (String[] block : Readme.blocks(Readme.text())) {
            // The examples against the local emulators; those for a deployed stack (the console's
            // upload) cannot run here.
            if (!block[0].equals("sh") || !block[1].contains("\naws ") || !block[1].contains("--endpoint-url")) {
                continue;
            }
            StringBuilder script = new StringBuilder();
            for (String line : block[1].lines().toList()) {
                if (line.startsWith("local/switchboard-local")) {
                    continue;   // the stack is already running
                }
                for (var e : endpoints.entrySet()) {
                    line = line.replace(e.getKey(), e.getValue());
                }
                script.append(line).append('\n');
            }
            // A reader's shell: no region or profile but what the block exports.
            String clean = "unset AWS_REGION AWS_DEFAULT_REGION AWS_PROFILE AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY; ";
            String output = bash(clean + script, Map.of("HOME", home.toString())).output();
            // Every command succeeded (bash -e); what the first of each block prints is there.
            assertTrue(output.contains("\"CallsTable\"") || output.contains("\"Items\""), script + "\n" + output);
            ran++;
        }
        assertEquals(2, ran, "README's two blocks of AWS CLI commands");
    }
}
