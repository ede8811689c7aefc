package dev.switchboard.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.switchboard.shared.json.Json;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's first command, for real: the packaged jar starts, prints READY, answers every
 * committed event over HTTP, and stops cleanly on SIGTERM (what Ctrl-C sends, near enough);
 * and its invoke command prints a function's response.
 */
class PackagedJarIT {
    private static final Path JAR = Path.of("target", "switchboard-local.jar");
    private static final String JAVA = ProcessHandle.current().info().command().orElse("java");

    /** The packaged jar, serving, and every line it has printed so far. */
    private record Served(Process process, List<String> lines, Thread reader, String baseUrl) {
        String endpoint(String prefix) {
            return lines.stream().filter(l -> l.startsWith(prefix)).findFirst()
                    .map(l -> l.substring(prefix.length()).strip().split("\\s+")[0])
                    .orElseThrow(() -> new AssertionError("no " + prefix.strip() + " line: " + lines));
        }

        /** SIGTERM through the handle (Process.destroy() would also close our end of its output). */
        void stopsCleanlyWithin30Seconds() throws Exception {
            process.toHandle().destroy();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "stopped within 30 s of SIGTERM");
            reader.join(10_000);
            assertTrue(lines.contains("STOPPED"), String.valueOf(lines));
        }
    }

    private static Served serve() throws Exception {
        Process process = new ProcessBuilder(JAVA, "-jar", JAR.toString(), "--port", "0",
                "--public-url", "http://127.0.0.1:3000").redirectErrorStream(true).start();
        // One reader for the process's whole life: the stream closes when the process exits.
        List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<String> readyLine = new CompletableFuture<>();
        Thread reader = Thread.ofPlatform().daemon().start(() -> {
            try (var output = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = output.readLine()) != null; ) {
                    lines.add(line);
                    if (line.startsWith("READY ")) {
                        readyLine.complete(line.substring("READY ".length()));
                    }
                }
            } catch (Exception e) {
                // The process ended; what it printed is in lines.
            }
            readyLine.complete(null);
        });
        String ready = readyLine.get(90, TimeUnit.SECONDS);
        assertTrue(ready != null, "no READY line: " + lines);
        return new Served(process, lines, reader, ready);
    }

    @Test
    void servesEveryEventAndStopsCleanly() throws Exception {
        Served served = serve();
        try {
            assertTrue(served.lines().stream().anyMatch(l -> l.startsWith("DynamoDB  http://127.0.0.1:")),
                    String.valueOf(served.lines()));
            // Both region variables: AWS CLI v1 reads only AWS_DEFAULT_REGION.
            assertTrue(served.lines().stream().anyMatch(l -> l.startsWith("Region ")
                    && l.contains("AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1")), String.valueOf(served.lines()));
            HttpClient http = HttpClient.newHttpClient();
            try (var files = Files.list(Path.of("..", "events"))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                    if (!Json.MAPPER.readTree(file.toFile()).path("rawPath").asText().startsWith("/twilio/")) {
                        continue;   // API events carry the authorizer's verdict: they are for invoke, not HTTP
                    }
                    var event = Json.MAPPER.readValue(file.toFile(), APIGatewayV2HTTPEvent.class);
                    // With its query, as Twilio requests it: a flow's action URL carries its state there.
                    String query = event.getRawQueryString() == null || event.getRawQueryString().isEmpty() ? ""
                            : "?" + event.getRawQueryString();
                    var request = HttpRequest.newBuilder(URI.create(served.baseUrl() + event.getRawPath() + query))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(Base64.getDecoder().decode(event.getBody())));
                    event.getHeaders().forEach((k, v) -> {
                        if (!List.of("host", "content-length").contains(k)) {
                            request.header(k, v);
                        }
                    });
                    var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                    assertEquals(200, response.statusCode(), file + ": " + response.body());
                }
            }
            served.stopsCleanlyWithin30Seconds();
        } finally {
            served.process().destroyForcibly();
        }
    }

    @Test
    void stopsCleanlyWhileAClientIsHalfwayThroughARequestToAnEmulator() throws Exception {
        // What an AWS call cut short leaves behind: a connection to ElasticMQ with half a request
        // on it. Stopping used to wait a minute for that request to finish.
        Served served = serve();
        URI sqs = URI.create(served.endpoint("SQS       "));
        try (var socket = new java.net.Socket(sqs.getHost(), sqs.getPort())) {
            String head = "POST / HTTP/1.1\r\nHost: " + sqs.getAuthority()
                    + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ";
            var out = socket.getOutputStream();
            // A whole request first, answered: ElasticMQ is serving this connection.
            out.write((head + "17\r\n\r\nAction=ListQueues").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            assertTrue(in.readLine().startsWith("HTTP/1.1 200"), "ElasticMQ answered");
            // Then one that stops halfway through its body.
            out.write((head + "100\r\n\r\nAction=").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            served.stopsCleanlyWithin30Seconds();
        } finally {
            served.process().destroyForcibly();
        }
    }

    @Test
    void everyFunctionsZipHoldsItsHandler() throws Exception {
        for (Template.Function function : Template.bundled().functions()) {
            Path zip = Path.of("..").resolve(function.codeUri());
            assertTrue(Files.isRegularFile(zip), function.logicalId() + ": no " + zip);
            String handler = function.handlerClass().replace('.', '/') + ".class";
            boolean found = false;
            try (var files = new java.util.zip.ZipFile(zip.toFile())) {
                for (var entry : java.util.Collections.list(files.entries())) {
                    if (!entry.getName().startsWith("lib/") || !entry.getName().endsWith(".jar")) {
                        continue;
                    }
                    try (var jar = new java.util.zip.ZipInputStream(files.getInputStream(entry))) {
                        for (var inner = jar.getNextEntry(); inner != null && !found; inner = jar.getNextEntry()) {
                            found = inner.getName().equals(handler);
                        }
                    }
                }
            }
            assertTrue(found, function.logicalId() + ": " + handler + " is not under lib/ in " + zip);
        }
    }

    @Test
    void invokePrintsTheFunctionsResponse() throws Exception {
        Process process = new ProcessBuilder(JAVA, "-jar", JAR.toString(), "invoke", "InboundCallFunction",
                "-e", Path.of("..", "events", "inbound-call.json").toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(90, TimeUnit.SECONDS));
            assertEquals(0, process.exitValue(), stdout);
            var response = Json.MAPPER.readTree(stdout);
            assertEquals(200, response.path("statusCode").asInt(), stdout);
            assertTrue(response.path("body").asText().contains("<Dial"), stdout);
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void invokeOfAFunctionTheTemplateDoesNotHaveSaysSoBeforeStartingAnything() throws Exception {
        Process process = new ProcessBuilder(JAVA, "-jar", JAR.toString(), "invoke", "InboundCallFuncton",
                "-e", Path.of("..", "events", "inbound-call.json").toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, process.exitValue(), output);
        assertTrue(output.startsWith("switchboard-local: template.yaml has no function InboundCallFuncton; it has "
                + "InboundCallFunction, "), output);
        assertTrue(!output.contains("DynamoDB Local"), "no emulator was started: " + output);
    }

    @Test
    void anEmulatorsPortInUseIsNamed() throws Exception {
        // DynamoDB Local listens on every interface: taking the port on loopback is enough to refuse it.
        try (var taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            Process process = new ProcessBuilder(JAVA, "-jar", JAR.toString(), "--port", "0",
                    "--aws-ports-from", Integer.toString(port)).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(90, TimeUnit.SECONDS));
            assertEquals(1, process.exitValue(), output);
            assertTrue(output.contains("switchboard-local: port " + port + " is in use, so DynamoDB Local cannot "
                    + "listen on it: stop what holds it, or pass another --aws-ports-from N"), output);
        }
    }

    @Test
    void aBadSeedExitsWithCode2AndSaysWhy() throws Exception {
        Path seed = Files.createTempFile("seed", ".json");
        Files.writeString(seed, "{\"tenants\":[{\"id\":\"bad id!\"}]}");
        Process process = new ProcessBuilder(JAVA, "-jar", JAR.toString(), "--seed", seed.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, process.exitValue(), output);
        assertTrue(output.contains("tenants[0]: tenant.id must be 1 to 64 letters"), output);
        Files.delete(seed);
    }

    @Test
    void theLauncherNeedsOnlyJavaHome() throws Exception {
        // JAVA_HOME at this JDK 25, and a PATH whose java (if any) is another: the launcher uses JAVA_HOME.
        String javaHome = Path.of(JAVA).getParent().getParent().toString();
        for (List<String> command : List.of(List.of("--version"), List.of("--help"))) {
            List<String> line = new ArrayList<>(List.of("bash", "switchboard-local"));
            line.addAll(command);
            var builder = new ProcessBuilder(line);
            builder.environment().put("JAVA_HOME", javaHome);
            builder.environment().put("PATH", "/usr/bin:/bin");
            Process process = builder.redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, process.exitValue(), command + ": " + output);
            assertTrue(output.startsWith(command.contains("--help") ? "usage: switchboard-local" : "switchboard-local "),
                    command + " on stdout: " + output);
        }
    }

    @Test
    void theLauncherSaysWhenJavaHomeHoldsNoJava() throws Exception {
        var builder = new ProcessBuilder("bash", "switchboard-local", "--version");
        builder.environment().put("JAVA_HOME", "/no/such/jdk");
        Process process = builder.redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, process.exitValue(), output);
        assertEquals("switchboard-local: JAVA_HOME is /no/such/jdk, which has no bin/java: set JAVA_HOME to a JDK 25\n",
                output);
    }

    @Test
    void aHundredMegabyteRecordingIsCopiedWithin128MegabytesOfHeap() throws Exception {
        // The benchmark's child JVM runs with -Xmx128m: a copy holding the file in memory fails.
        Process process = new ProcessBuilder(JAVA, "-cp", JAR.toString(),
                "dev.switchboard.local.bench.MediaCopyBenchmark", "100").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("copied 100 MB") && output.contains("of a 128 MB maximum"), output);
        assertTrue(output.contains("stored 100 MB in S3 (every byte)"), output);
        // README shows this output: the same lines, but for the time, rate and heap measured.
        String measured = "\\d+(\\.\\d+)? (s|MB/s|MB of)";
        List<String> shown = Readme.block(Readme.section("media-copy"), "").strip().lines()
                .map(l -> l.replaceAll(measured, "#")).toList();
        assertEquals(shown, output.lines().filter(l -> l.startsWith("copied ") || l.startsWith("stored "))
                .map(l -> l.replaceAll(measured, "#")).toList(), output);
    }
}
