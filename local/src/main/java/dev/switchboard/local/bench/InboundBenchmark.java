package dev.switchboard.local.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.switchboard.local.LocalStack;
import dev.switchboard.local.TwilioSigner;
import dev.switchboard.shared.Platform;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.voice.inbound.InboundCallHandler;
import dev.switchboard.voice.inbound.InboundCalls;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipInputStream;

/**
 * Prints how fast the inbound-call webhook answers, against the local stack in this JVM:
 * <ul>
 *   <li>cold start: a fresh JVM on the function's own zip, from process start to the first
 *       TwiML (JVM boot, class loading, client set-up, first DynamoDB and SQS round trips);</li>
 *   <li>warm: the handler's latency percentiles once its container is warm.</li>
 * </ul>
 * A figure to watch from change to change, not a test: it fails nothing. Lambda's own cold start
 * adds its sandbox start and is cut by SnapStart, which this machine cannot show.
 *
 * <p>{@code java -cp local/target/switchboard-local.jar dev.switchboard.local.bench.InboundBenchmark
 * [--cold-runs N] [--warm-requests N]}
 */
public final class InboundBenchmark {
    private static final String ACCOUNT = "AC0000000000000000000000000000ac3e";
    private static final String TOKEN = "acme_local_demo_auth_token_00000";
    private static final String NUMBER = "+15005550101";
    private static final SecureRandom RANDOM = new SecureRandom();

    private InboundBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int coldRuns = option(args, "--cold-runs", 5);
        int warmRequests = option(args, "--warm-requests", 1000);
        Path functionZip = Path.of("functions", "inbound-call", "target", "function.zip");
        if (!Files.isRegularFile(functionZip)) {
            System.err.println("Run from the project root after `mvn -B -DskipTests package`: " + functionZip + " is missing");
            System.exit(2);
        }
        try (LocalStack stack = LocalStack.start(LocalStack.Options.defaults().withPort(0))) {
            String publicUrl = stack.environment().get("PUBLIC_BASE_URL");
            System.out.println("Inbound call webhook, local stack (DynamoDB Local, ElasticMQ) on loopback, "
                    + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors() + " cores");

            Path classPath = unpack(functionZip);
            List<Double> cold = new ArrayList<>();
            for (int i = 0; i < coldRuns; i++) {
                cold.add(coldStart(stack, classPath, publicUrl));
            }
            System.out.printf("cold start, fresh JVM to first TwiML (%d runs): min %.0f  median %.0f  max %.0f ms%n",
                    coldRuns, min(cold), percentile(cold, 50), max(cold));

            // The handler logs a line per call, as in Lambda; format it, but do not print it here.
            PrintStream console = System.out;
            System.setOut(new PrintStream(OutputStream.nullOutputStream()));
            // Wired as in AWS: the template's 30 s directory cache, not the local stack's 0.
            Map<String, String> environment = new LinkedHashMap<>(stack.environment());
            environment.put(Settings.DIRECTORY_CACHE_SECONDS, "30");
            Platform p = Platform.create(Settings.from(environment));
            InboundCallHandler handler = new InboundCallHandler(p.settings().publicBaseUrl(), p.webhookGuard(),
                    new InboundCalls(p.directory(), p.calls(), p.clock()));
            for (int i = 0; i < Math.min(300, warmRequests); i++) {
                handler.handleRequest(signedEvent(publicUrl), null);
            }
            List<Double> warm = new ArrayList<>();
            for (int i = 0; i < warmRequests; i++) {
                APIGatewayV2HTTPEvent event = signedEvent(publicUrl);
                long start = System.nanoTime();
                var response = handler.handleRequest(event, null);
                warm.add((System.nanoTime() - start) / 1e6);
                if (response.getStatusCode() != 200) {
                    throw new IllegalStateException("warm request answered " + response.getStatusCode());
                }
            }
            System.setOut(console);
            System.out.printf("warm handler latency (%d calls): p50 %.2f  p90 %.2f  p99 %.2f  max %.2f ms%n",
                    warmRequests, percentile(warm, 50), percentile(warm, 90), percentile(warm, 99), max(warm));
        }
        System.exit(0);
    }

    private static double coldStart(LocalStack stack, Path classPath, String publicUrl) throws IOException,
            InterruptedException {
        Map<String, String> params = params();
        String body = Base64.getEncoder().encodeToString(TwilioSigner.form(params).getBytes(StandardCharsets.UTF_8));
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-cp",
                classPath.resolve("probe") + ":" + classPath.resolve("lib") + "/*",
                ColdStartProbe.class.getName(), body, TwilioSigner.sign(TOKEN, publicUrl + "/twilio/voice/inbound", params))
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(stack.environment());
        builder.environment().put(Settings.DIRECTORY_CACHE_SECONDS, "30");
        builder.environment().put("AWS_REGION", "us-east-1");
        builder.environment().put("AWS_ACCESS_KEY_ID", "local");
        builder.environment().put("AWS_SECRET_ACCESS_KEY", "local");
        long start = System.nanoTime();
        Process process = builder.start();
        String line;
        try (var out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            do {
                line = out.readLine();   // the handler's own log lines come first
            } while (line != null && !line.startsWith("TWIML "));
        }
        double millis = (System.nanoTime() - start) / 1e6;
        process.waitFor();
        if (line == null || !line.startsWith("TWIML 200")) {
            throw new IllegalStateException("cold start probe answered " + line);
        }
        return millis;
    }

    /** The function's zip as Lambda unpacks it, plus the probe class beside it. */
    private static Path unpack(Path zip) throws IOException {
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
        String resource = ColdStartProbe.class.getName().replace('.', '/') + ".class";
        Path probe = dir.resolve("probe").resolve(resource);
        Files.createDirectories(probe.getParent());
        try (InputStream in = InboundBenchmark.class.getClassLoader().getResourceAsStream(resource)) {
            Files.copy(in, probe);
        }
        return dir;
    }

    private static APIGatewayV2HTTPEvent signedEvent(String publicUrl) {
        Map<String, String> params = params();
        return APIGatewayV2HTTPEvent.builder()
                .withRawPath("/twilio/voice/inbound").withRawQueryString("")
                .withHeaders(Map.of("content-type", "application/x-www-form-urlencoded",
                        "x-twilio-signature", TwilioSigner.sign(TOKEN, publicUrl + "/twilio/voice/inbound", params)))
                .withBody(Base64.getEncoder().encodeToString(TwilioSigner.form(params).getBytes(StandardCharsets.UTF_8)))
                .withIsBase64Encoded(true)
                .build();
    }

    private static Map<String, String> params() {
        byte[] sid = new byte[16];
        RANDOM.nextBytes(sid);
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", ACCOUNT);
        params.put("CallSid", "CA" + HexFormat.of().formatHex(sid));
        params.put("CallStatus", "ringing");
        params.put("Direction", "inbound");
        params.put("From", "+14155550100");
        params.put("FromZip", "");
        params.put("To", NUMBER);
        params.put("Called", NUMBER);
        return params;
    }

    private static int option(String[] args, String name, int fallback) {
        int at = Arrays.asList(args).indexOf(name);
        return at >= 0 && at + 1 < args.length ? Integer.parseInt(args[at + 1]) : fallback;
    }

    private static double percentile(List<Double> values, int p) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }
}
