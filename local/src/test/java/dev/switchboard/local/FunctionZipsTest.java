package dev.switchboard.local;

import dev.switchboard.local.bench.FunctionBenchmark;
import dev.switchboard.local.bench.FunctionProbe;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
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
                        assertTrue(Set.of("200", "201").contains(primed.response()), f.logicalId() + ": "
                                + primed.response());
                    }
                    System.out.printf("%s: the first request after priming loaded %d classes%n", f.logicalId(),
                            primed.firstRequestClasses());
                    assertTrue(primed.firstRequestClasses() <= primedLimit(f.logicalId()),
                            f.logicalId() + " loaded " + primed.firstRequestClasses() + " classes after priming");
                }));
    }

    /** The functions that send to a queue: the publisher, the schedule, the tenants' channels, the metrics' live figures. */
    private static final java.util.Set<String> SENDS_TO_SQS = java.util.Set.of("EventsPublisherFunction",
            "ScheduleSweepFunction", "ScheduledSendFunction", "WebhookEndpointsApiFunction", "WebhookDeliveryFunction",
            "RealtimeConnectionsFunction", "RealtimePushFunction", "MetricsCounterFunction");

    @Test
    void eachZipCarriesOnlyWhatItsFunctionUses() throws IOException {
        for (var f : TestStack.get().template().functions()) {
            List<String> jars = jars(ROOT.resolve(f.codeUri()));
            boolean webhook = f.routes().stream().anyMatch(r -> r.path().startsWith("/twilio/"));
            if (webhook || f.logicalId().equals("ApiAuthorizerFunction") || f.logicalId().equals("MediaWorkerFunction")
                    || f.logicalId().equals("EventsPublisherFunction")) {
                assertTrue(jars.stream().noneMatch(j -> j.startsWith("twilio-")), f.logicalId() + " carries twilio-java");
            }
            if (!SENDS_TO_SQS.contains(f.logicalId())) {
                assertTrue(jars.stream().noneMatch(j -> j.startsWith("sqs-")), f.logicalId() + " carries SQS");
            }
        }
        List<String> authorizer = jars(ROOT.resolve("functions/api-authorizer/target/function.zip"));
        for (var f : TestStack.get().template().functions()) {
            String folder = Path.of(f.codeUri()).getName(1).toString();
            List<String> modules = jars(ROOT.resolve(f.codeUri())).stream().filter(j -> j.startsWith("switchboard-"))
                    .map(j -> j.substring("switchboard-".length()).replaceFirst("-[0-9][^-]*(-SNAPSHOT)?\\.jar$", ""))
                    .sorted().toList();
            assertEquals(modulesOf(folder), modules, f.logicalId() + " carries the modules its pom names, and no others");
            assertTrue(modules.contains("platform"), f.logicalId() + " is built on the platform module");
            // What no webhook of a kind needs, whatever its pom says: a voice webhook neither sends
            // nor reads messages, a messaging webhook knows no call, and no webhook calls Twilio's API.
            if (f.routes().stream().anyMatch(r -> r.path().startsWith("/twilio/"))) {
                assertTrue(!modules.contains("twilio-rest"), f.logicalId() + " carries twilio-rest");
            }
            if (f.routes().stream().anyMatch(r -> r.path().startsWith("/twilio/voice/"))) {
                assertTrue(!modules.contains("messaging"), f.logicalId() + " carries messaging");
            }
            if (f.routes().stream().anyMatch(r -> r.path().startsWith("/twilio/messaging/"))) {
                assertTrue(!modules.contains("voice") && !modules.contains("recordings"),
                        f.logicalId() + " carries voice or recordings");
            }
        }
        for (String module : List.of("twilio-", "kms-", "sqs-", "s3-", "jackson-dataformat-xml")) {
            assertTrue(authorizer.stream().noneMatch(j -> j.startsWith(module)), "the authorizer carries " + module);
        }
    }

    /**
     * The capability modules a function's pom names, with those they are built on (read from the
     * modules' own poms): what its zip must carry, and all it may.
     */
    private static List<String> modulesOf(String function) throws IOException {
        java.util.Set<String> modules = new java.util.TreeSet<>();
        java.util.Deque<String> next = new java.util.ArrayDeque<>(moduleDependencies(
                ROOT.resolve("functions").resolve(function).resolve("pom.xml")));
        while (!next.isEmpty()) {
            String module = next.pop();
            if (modules.add(module)) {
                next.addAll(moduleDependencies(ROOT.resolve("shared").resolve(module).resolve("pom.xml")));
            }
        }
        return List.copyOf(modules);
    }

    /** The switchboard-* artifacts a pom depends on, its parent aside. */
    private static List<String> moduleDependencies(Path pom) throws IOException {
        String text = java.nio.file.Files.readString(pom);
        String dependencies = text.substring(text.indexOf("<dependencies>"));
        return java.util.regex.Pattern.compile("<artifactId>switchboard-([a-z-]+)</artifactId>").matcher(dependencies)
                .results().map(m -> m.group(1)).toList();
    }

    private static List<String> jars(Path zip) throws IOException {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            return file.stream().map(e -> e.getName()).filter(n -> n.startsWith("lib/") && n.endsWith(".jar"))
                    .map(n -> n.substring(4)).toList();
        }
    }
}
