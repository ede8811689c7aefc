package dev.switchboard.local;

import dev.switchboard.local.twilio.TwilioSimulator;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console's end-to-end tests (console/e2e, Node with playwright-core) in Debian's Chromium,
 * against this JVM's local stack: the console served at /console/ from the build, the Twilio
 * simulator played with switchboard-local call and sms. Screenshots land in
 * local/target/console-screenshots.
 */
class ConsoleBrowserTest {
    private static final Path CONSOLE = Path.of("..", "console").toAbsolutePath().normalize();
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));

    @Test
    void theConsoleWorksInARealBrowser() throws Exception {
        assertTrue(Files.isExecutable(CHROMIUM), "the console's tests drive Debian's Chromium at " + CHROMIUM
                + ": apt-get install chromium (.ci/run does)");
        assertTrue(Files.isDirectory(CONSOLE.resolve("node_modules/playwright-core")),
                "console/node_modules is missing: the console module's build (npm ci) makes it");
        LocalStack stack = TestStack.get();
        // A tenant of its own for the connection's repair, so that no other test's tenant changes.
        String ops = "console-ops-" + Long.toHexString(System.nanoTime());
        String opsKey = Api.newTenant(ops);
        String opsAccount = TwilioSimulator.sid("AC");
        String opsToken = TwilioSimulator.sid("").substring(0, 32);
        TestStack.twilio().addAccount(opsAccount, opsToken);
        var connected = Api.call("PUT", "/v1/tenants/{tenantId}/twilio", Map.of("tenantId", ops), opsKey,
                Map.of("accountSid", opsAccount, "authToken", opsToken));
        assertEquals(200, connected.status(), connected.body());
        // And a number of its own, whose routing the tests change.
        String opsNumber = "+1633" + String.format("%07d", Math.floorMod(System.nanoTime(), 10_000_000));
        TestStack.twilio().addNumber(opsAccount, opsNumber);
        var imported = Api.call("POST", "/v1/tenants/{tenantId}/numbers", Map.of("tenantId", ops), opsKey,
                Map.of("phoneNumber", opsNumber, "routing", Map.of("mode", "forward", "forwardTo", "+15005550181",
                        "timeoutSeconds", 20, "record", true, "voicemail", true,
                        "voicemailGreeting", "Leave it after the tone.")));
        assertEquals(201, imported.status(), imported.body());
        Map<String, String> environment = Map.ofEntries(
                Map.entry("OPS_TENANT", ops), Map.entry("OPS_KEY", opsKey), Map.entry("OPS_ACCOUNT", opsAccount),
                Map.entry("OPS_TOKEN", opsToken), Map.entry("OPS_NUMBER", opsNumber),
                Map.entry("SWITCHBOARD_URL", stack.baseUrl().toString()),
                Map.entry("SWITCHBOARD_SIMULATOR", TestStack.twilio().baseUrl().toString()),
                Map.entry("SWITCHBOARD_LOCAL", command().toString()),
                Map.entry("ACME_KEY", key("acme")),
                Map.entry("GLOBEX_KEY", key("globex")),
                Map.entry("CHROMIUM", CHROMIUM.toString()),
                Map.entry("SCREENSHOTS_DIR", Path.of("target", "console-screenshots").toAbsolutePath().toString()));
        // Node holds the test file as a whole to --test-timeout as well as each test in it: the bound is
        // the whole run's (about two minutes on two busy cores), with room to spare.
        ProcessBuilder node = new ProcessBuilder("node", "--test", "--test-concurrency=1", "--test-timeout=300000",
                "--test-reporter=spec", "e2e/console.test.mjs").directory(CONSOLE.toFile()).redirectErrorStream(true);
        node.environment().putAll(environment);
        Process process = node.start();
        Deque<String> tail = new ArrayDeque<>();
        // Read beside the wait, so that a browser test that hangs cannot hold the build forever.
        Thread reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    System.out.println(line);
                    synchronized (tail) {
                        tail.addLast(line);
                        if (tail.size() > 120) {
                            tail.removeFirst();
                        }
                    }
                }
            } catch (IOException e) {
                System.out.println("console tests' output ended: " + e);
            }
        });
        boolean finished = process.waitFor(10, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }
        reader.join(Duration.ofSeconds(10));
        synchronized (tail) {
            assertTrue(finished, "the browser tests finished within 10 minutes:\n" + String.join("\n", tail));
            assertEquals(0, process.exitValue(), "the browser tests passed:\n" + String.join("\n", tail));
        }
    }

    /** A key for one of the seed's tenants, made with the admin key as an operator would. */
    private static String key(String tenant) {
        var made = Api.call("POST", "/v1/tenants/{tenantId}/api-keys", Map.of("tenantId", tenant), Api.adminKey(),
                Map.of("name", "console browser tests"));
        assertEquals(201, made.status(), made.body());
        return made.json().path("key").asText();
    }

    /**
     * switchboard-local as the tests run it: the same main class as the packaged jar, on this
     * test's classpath (the jar is made only after the tests).
     */
    private static Path command() throws IOException {
        Path script = Path.of("target", "console-e2e", "switchboard-local").toAbsolutePath();
        Files.createDirectories(script.getParent());
        String javaCommand = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Files.writeString(script, "#!/bin/sh\nexec '" + javaCommand + "' --enable-native-access=ALL-UNNAMED -cp '"
                + System.getProperty("java.class.path") + "' dev.switchboard.local.Main \"$@\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }
}
