package dev.switchboard.local.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.local.LocalStack;
import dev.switchboard.local.Template;
import dev.switchboard.shared.config.Settings;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipInputStream;

/**
 * Cold start and warm latency of every webhook and API function, beside the AWS SDK's own floor
 * measured in the same run:
 * <ul>
 *   <li>cold: a fresh JVM with Lambda's default flags for java25 ({@link #LAMBDA_FLAGS}: C1 only,
 *       Serial GC, the JDK's default CDS archive, no AOT cache) on the function's own zip, from
 *       process start to its first response against the local stack: wall time, CPU time, classes
 *       loaded and peak RSS, medians of several runs, each run beside a run of the SDK floor, which
 *       the "+floor" and "×floor" columns compare with;</li>
 *   <li>warm: the same request again and again in the last of those JVMs, as Lambda reuses a
 *       container (the template's 30 s directory cache; a repeated webhook is answered as Twilio's
 *       retry would be), p50 and p99.</li>
 * </ul>
 * Each function answers its request in events/ (signed for http://127.0.0.1:3000, the public URL
 * the stack is started with here). Figures to watch from change to change, not a test.
 *
 * <p>{@code java -cp local/target/switchboard-local.jar dev.switchboard.local.bench.FunctionBenchmark
 * [--cold-runs N] [--warm-requests N] [--only FunctionLogicalId]}
 */
public final class FunctionBenchmark {
    /** What Lambda's java25 runtime starts the JVM with, before any JAVA_TOOL_OPTIONS. */
    static final List<String> LAMBDA_FLAGS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC", "-Xshare:auto");
    private static final URI PUBLIC_URL = URI.create("http://127.0.0.1:3000");

    /** One fresh JVM's figures. */
    public record Cold(double wallMillis, double cpuMillis, long classes, double rssMiB, String response,
                Long firstRequestClasses, String warm) {
    }

    /** The medians of several runs. */
    record Figures(String name, double wall, double cpu, double classes, double rss, String response) {
        static Figures median(String name, List<Cold> runs) {
            return new Figures(name, ProcessFigures.median(runs.stream().map(Cold::wallMillis).toList()),
                    ProcessFigures.median(runs.stream().map(Cold::cpuMillis).toList()),
                    ProcessFigures.median(runs.stream().map(r -> (double) r.classes()).toList()),
                    ProcessFigures.median(runs.stream().map(Cold::rssMiB).toList()), runs.getLast().response());
        }
    }

    /** With --class-log DIR, each function's last run writes its class-loading log there, to see what it loads. */
    private static String classLog;

    private FunctionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int coldRuns = Options.integer(args, "--cold-runs", 5);
        int warmRequests = Options.integer(args, "--warm-requests", 1000);
        String only = Options.text(args, "--only");
        classLog = Options.text(args, "--class-log");
        Path root = Path.of(".");
        if (!Files.isRegularFile(root.resolve("functions/inbound-call/target/function.zip"))) {
            System.err.println("Run from the project root after `mvn -B -DskipTests package`");
            System.exit(2);
        }
        try (LocalStack stack = LocalStack.start(new LocalStack.Options(0, null, PUBLIC_URL, null, 0, 0))) {
            Map<String, String> environment = childEnvironment(stack);
            // The stack's functions and workers log a line per request, as in Lambda; not here.
            PrintStream console = System.out;
            System.setOut(new PrintStream(OutputStream.nullOutputStream()));
            console.println("Cold start: a fresh JVM per run (" + String.join(" ", LAMBDA_FLAGS) + ") on the "
                    + "function's own zip, to its first response; medians of " + coldRuns + " runs. "
                    + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors() + " cores.");
            Path floorZip = root.resolve("functions/inbound-call/target/function.zip");
            Path floorDir = unpack(floorZip);
            String table = stack.environment().get(Settings.IDEMPOTENCY_TABLE);
            List<Figures> floors = new ArrayList<>();
            List<String> floorWarm = new ArrayList<>();
            for (String variant : List.of("plain", "lean")) {
                List<Cold> runs = new ArrayList<>();
                for (int i = 0; i < coldRuns; i++) {
                    runs.add(run(floorDir, environment, i == coldRuns - 1 ? warmRequests : 0,
                            SdkFloorProbe.class.getName(), variant, table));
                }
                floors.add(Figures.median("SDK floor (" + variant + ")", runs));
                floorWarm.add(runs.getLast().warm());
            }
            Figures floor = floors.getFirst();
            console.println(header());
            for (int i = 0; i < floors.size(); i++) {
                console.println(row(floors.get(i), floor, floorWarm.get(i)));
            }
            for (Template.Function f : measured(stack.template(), only)) {
                Path dir = unpack(root.resolve(f.codeUri()));
                Path request = request(root.resolve("events").resolve(eventName(f.logicalId()) + ".json"));
                List<Cold> runs = new ArrayList<>();
                List<Cold> pairedFloor = new ArrayList<>();
                for (int i = 0; i < coldRuns; i++) {
                    // Each run beside a run of the floor, so that the ratio compares like moments of a
                    // busy machine. The last run goes on, warm: the same request again in the same JVM.
                    pairedFloor.add(run(floorDir, environment, SdkFloorProbe.class.getName(), "plain", table));
                    runs.add(run(dir, environment, i == coldRuns - 1 ? warmRequests : 0, FunctionProbe.class.getName(),
                            f.handlerClass(), request.toString()));
                }
                // Once more, primed as SnapStart's checkpoint hook primes: what does the first request still load?
                Cold primed = run(dir, environment, 0, FunctionProbe.class.getName(), f.handlerClass(),
                        request.toString(), "--prime");
                console.println(row(Figures.median(f.logicalId(), runs), Figures.median("floor", pairedFloor),
                        runs.getLast().warm())
                        + String.format("  %5d", primed.firstRequestClasses()));
            }
        }
        System.exit(0);
    }

    static String header() {
        return String.format("%-26s %8s %8s %7s %7s %7s %7s %7s  %-27s %s", "function", "wall ms", "CPU ms", "×floor",
                "classes", "+floor", "RSS MiB", "+floor", "warm p50 / p99 ms (answer)", "primed: 1st request loads");
    }

    static String row(Figures f, Figures floor, String warm) {
        return String.format("%-26s %8.0f %8.0f %7.2f %7.0f %+7.0f %7.0f %+7.0f  %-27s", f.name(), f.wall(), f.cpu(),
                f.cpu() / floor.cpu(), f.classes(), f.classes() - floor.classes(), f.rss(), f.rss() - floor.rss(),
                warm == null ? "" : warm);
    }

    /** The webhook and API functions (and the authorizer): what answers a caller or an app. */
    public static List<Template.Function> measured(Template template, String only) {
        return template.functions().stream()
                .filter(f -> !f.routes().isEmpty() || f.logicalId().equals("ApiAuthorizerFunction"))
                .filter(f -> only == null || f.logicalId().equals(only))
                .toList();
    }

    public static Map<String, String> childEnvironment(LocalStack stack) {
        Map<String, String> environment = new LinkedHashMap<>(stack.environment());
        // As deployed: the template's 30 s directory cache, not the local stack's 0.
        environment.put(Settings.DIRECTORY_CACHE_SECONDS, "30");
        environment.put("AWS_REGION", "us-east-1");
        environment.put("AWS_ACCESS_KEY_ID", "local");
        environment.put("AWS_SECRET_ACCESS_KEY", "local");
        return environment;
    }

    /** InboundCallFunction -> inbound-call, as events/ names them. */
    public static String eventName(String logicalId) {
        return logicalId.replaceFirst("Function$", "").replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    /** One fresh JVM: wall time to its answer, then its CPU time, classes and peak RSS while it waits. */
    public static Cold run(Path dir, Map<String, String> environment, String mainClass, String... args)
            throws IOException, InterruptedException {
        return run(dir, environment, 0, mainClass, args);
    }

    /** @param warmRequests how many requests to time warm after the first, in the same JVM (0: none) */
    public static Cold run(Path dir, Map<String, String> environment, int warmRequests, String mainClass, String... args)
            throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(LAMBDA_FLAGS);
        if (classLog != null) {
            command.add("-Xlog:class+load:file=" + Path.of(classLog, args[0] + ".log"));
        }
        command.addAll(List.of("-cp", dir.resolve("probe") + ":" + dir.resolve("lib") + "/*", mainClass));
        command.addAll(Arrays.asList(args));
        Path errors = Files.createTempFile("switchboard-probe", ".err");
        errors.toFile().deleteOnExit();
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(errors.toFile());
        builder.environment().putAll(environment);
        long start = System.nanoTime();
        Process process = builder.start();
        String line;
        Long firstRequest = null;
        String response = null;
        try (var out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            while ((line = out.readLine()) != null) {
                if (line.startsWith("FIRST-REQUEST-CLASSES ")) {
                    firstRequest = Long.parseLong(line.substring(22).trim());
                } else if (line.startsWith("RESPONSE ")) {
                    response = line.substring(9);
                    break;
                }
            }
            double wall = (System.nanoTime() - start) / 1e6;
            if (response == null) {
                process.destroyForcibly();
                List<String> err = Files.readAllLines(errors);
                throw new IllegalStateException(mainClass + " " + String.join(" ", args) + " gave no response: "
                        + String.join("\n", err.subList(Math.max(0, err.size() - 15), err.size())));
            }
            long pid = process.pid();
            double cpu = ProcessFigures.cpuMillis(pid);
            double rss = ProcessFigures.peakRssMiB(pid);
            long classes = ProcessFigures.loadedClasses(pid);
            try (OutputStream in = process.getOutputStream()) {
                in.write((warmRequests > 0 ? "warm " + warmRequests + "\n" : "\n").getBytes(StandardCharsets.UTF_8));
            }
            String warm = null;
            if (warmRequests > 0) {
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("WARM ")) {
                        String[] f = line.substring(5).split(" ");
                        warm = String.format("%5s / %5s (%s)", f[0], f[2], response);
                        break;
                    }
                }
            }
            process.waitFor();
            return new Cold(wall, cpu, classes, rss, response, firstRequest, warm);
        }
    }

    /** The event of events/ as the probe's lines: name TAB value. */
    public static Path request(Path eventFile) throws IOException {
        JsonNode event = new ObjectMapper().readTree(eventFile.toFile());
        StringBuilder lines = new StringBuilder();
        if ("REQUEST".equals(event.path("type").asText())) {
            lines.append("authorizer\ttrue\n");
        }
        for (String field : List.of("routeKey", "rawPath", "rawQueryString", "body", "isBase64Encoded")) {
            if (event.has(field) && !event.get(field).isNull()) {
                lines.append(field).append('\t').append(event.get(field).asText()).append('\n');
            }
        }
        lines.append("domainName\t").append(event.path("requestContext").path("domainName").asText()).append('\n');
        event.path("headers").properties().forEach(e ->
                lines.append("header.").append(e.getKey()).append('\t').append(e.getValue().asText()).append('\n'));
        event.path("pathParameters").properties().forEach(e ->
                lines.append("path.").append(e.getKey()).append('\t').append(e.getValue().asText()).append('\n'));
        event.path("requestContext").path("authorizer").path("lambda").properties().forEach(e ->
                lines.append("authorizer.").append(e.getKey()).append('\t').append(e.getValue().asText()).append('\n'));
        Path file = Files.createTempFile("switchboard-request", ".txt");
        file.toFile().deleteOnExit();
        Files.writeString(file, lines);
        return file;
    }

    /** The function's zip as Lambda unpacks it, plus the probes beside it. */
    public static Path unpack(Path zip) throws IOException {
        Path dir = Files.createTempDirectory("switchboard-bench");
        dir.toFile().deleteOnExit();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path target = dir.resolve(entry.getName()).normalize();
                if (!target.startsWith(dir)) {
                    throw new IOException("zip entry outside the folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target);
                }
            }
        }
        for (String probe : List.of(FunctionProbe.class.getName(), FunctionProbe.class.getName() + "$PrimedMarker",
                SdkFloorProbe.class.getName())) {
            String resource = probe.replace('.', '/') + ".class";
            Path target = dir.resolve("probe").resolve(resource);
            Files.createDirectories(target.getParent());
            try (InputStream in = FunctionBenchmark.class.getClassLoader().getResourceAsStream(resource)) {
                Files.copy(in, target);
            }
        }
        return dir;
    }
}
