package dev.switchboard.local;

import dev.switchboard.local.bench.FunctionBenchmark;
import dev.switchboard.local.bench.FunctionProbe;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each function as Lambda runs it: a fresh JVM on its own function.zip (Lambda's flags), against the
 * local stack. It answers its request in events/ from what its zip carries, nothing more; and once
 * primed as SnapStart's checkpoint hook primes it, its first real request loads almost nothing.
 */
class FunctionZipsTest {
    private static final Path ROOT = Path.of("..");

    /** What the first request after priming may still load: the real connection, a path priming took otherwise. */
    private static int primedLimit(String logicalId) {
        return switch (logicalId) {
            case "InboundCallFunction" -> 25;
            // Connecting, checking and repairing a Twilio account: twilio-java's REST client is not
            // primed (priming answers AWS requests only); an administrator's route, not a caller's.
            case "TwilioApiFunction" -> Integer.MAX_VALUE;
            default -> 150;
        };
    }

    @TestFactory
    Stream<DynamicTest> everyFunctionAnswersFromItsOwnZipAndPrimedLoadsAlmostNothing() {
        LocalStack stack = TestStack.get();
        Map<String, String> environment = FunctionBenchmark.childEnvironment(stack);
        return FunctionBenchmark.measured(stack.template(), null).stream().map(f -> DynamicTest.dynamicTest(
                f.logicalId(), () -> {
                    Path dir = FunctionBenchmark.unpack(ROOT.resolve(f.codeUri()));
                    Path request = FunctionBenchmark.request(ROOT.resolve("events")
                            .resolve(FunctionBenchmark.eventName(f.logicalId()) + ".json"));
                    var primed = FunctionBenchmark.run(dir, environment, 0, FunctionProbe.class.getName(),
                            f.handlerClass(), request.toString(), "--prime");
                    if (f.routes().isEmpty()) {
                        assertTrue(primed.response().contains("isAuthorized=true"), primed.response());
                    } else {
                        assertEquals("200", primed.response(), f.logicalId());
                    }
                    System.out.printf("%s: the first request after priming loaded %d classes%n", f.logicalId(),
                            primed.firstRequestClasses());
                    assertTrue(primed.firstRequestClasses() <= primedLimit(f.logicalId()),
                            f.logicalId() + " loaded " + primed.firstRequestClasses() + " classes after priming");
                }));
    }

    @Test
    void eachZipCarriesOnlyWhatItsFunctionUses() throws IOException {
        for (var f : TestStack.get().template().functions()) {
            List<String> jars = jars(ROOT.resolve(f.codeUri()));
            boolean webhook = f.routes().stream().anyMatch(r -> r.path().startsWith("/twilio/"));
            if (webhook || f.logicalId().equals("ApiAuthorizerFunction") || f.logicalId().equals("MediaWorkerFunction")
                    || f.logicalId().equals("EventsPublisherFunction")) {
                assertTrue(jars.stream().noneMatch(j -> j.startsWith("twilio-")), f.logicalId() + " carries twilio-java");
            }
            if (!f.logicalId().equals("EventsPublisherFunction") && !f.logicalId().equals("ScheduleSweepFunction")
                    && !f.logicalId().equals("ScheduledSendFunction")) {
                assertTrue(jars.stream().noneMatch(j -> j.startsWith("sqs-")), f.logicalId() + " carries SQS");
            }
        }
        List<String> authorizer = jars(ROOT.resolve("functions/api-authorizer/target/function.zip"));
        for (var f : TestStack.get().template().functions()) {
            String folder = Path.of(f.codeUri()).getName(1).toString();
            List<String> modules = jars(ROOT.resolve(f.codeUri())).stream().filter(j -> j.startsWith("switchboard-"))
                    .map(j -> j.substring("switchboard-".length(), j.indexOf("-0.1.0"))).sorted().toList();
            assertEquals(MODULES.get(folder), modules, f.logicalId() + " carries the modules of what it does, and no others");
        }
        for (String module : List.of("twilio-", "kms-", "sqs-", "s3-", "jackson-dataformat-xml")) {
            assertTrue(authorizer.stream().noneMatch(j -> j.startsWith(module)), "the authorizer carries " + module);
        }
    }

    /** The capability modules each function is made of, with those they are built on. */
    private static final Map<String, List<String>> MODULES;

    static {
        List<String> tenancy = List.of("platform", "tenancy");
        List<String> voice = List.of("events", "platform", "tenancy", "voice");
        List<String> recordings = List.of("events", "platform", "recordings", "tenancy", "voice");
        List<String> messaging = List.of("events", "messaging", "platform", "tenancy");
        // Calling Twilio's REST API brings the messaging module: the one sending path lives beside the client.
        List<String> twilio = List.of("events", "messaging", "platform", "tenancy", "twilio-rest");
        List<String> all = List.of("events", "messaging", "platform", "recordings", "tenancy", "twilio-rest", "voice");
        MODULES = Map.ofEntries(Map.entry("agents-api", tenancy), Map.entry("api-authorizer", tenancy),
                Map.entry("tenants-api", tenancy), Map.entry("events-api", List.of("events", "platform", "tenancy")),
                Map.entry("events-publisher", List.of("events", "platform")),
                Map.entry("inbound-call", voice), Map.entry("call-status", voice), Map.entry("dial-complete", voice),
                Map.entry("outbound-call", voice), Map.entry("recording-status", recordings),
                Map.entry("transcription", recordings), Map.entry("voicemail", recordings),
                Map.entry("inbound-message", messaging), Map.entry("message-status", messaging),
                Map.entry("media-worker", List.of("events", "messaging", "platform", "recordings", "tenancy", "voice")),
                Map.entry("messages-api", twilio), Map.entry("numbers-api", twilio), Map.entry("twilio-api", twilio),
                Map.entry("scheduled-messages", twilio), Map.entry("calls-api", all), Map.entry("voicemails-api", all));
    }

    private static List<String> jars(Path zip) throws IOException {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            return file.stream().map(e -> e.getName()).filter(n -> n.startsWith("lib/") && n.endsWith(".jar"))
                    .map(n -> n.substring(4)).toList();
        }
    }
}
