package dev.switchboard.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.DynamicTest;

import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every function in template.yaml must have: a handler class with both constructors, an
 * event file in events/, and that event answered as expected when invoked.
 */
class TemplateContractTest {
    private static final Path EVENTS = Path.of("..", "events");

    /** InboundCallFunction -> events/inbound-call.json */
    static Path eventFile(String logicalId) {
        return EVENTS.resolve(dev.switchboard.local.bench.FunctionBenchmark.eventName(logicalId) + ".json");
    }

    private static Stream<Template.Function> functions() {
        List<Template.Function> functions = Template.bundled().functions();
        assertTrue(functions.size() >= 3, "the template's functions: " + functions);
        return functions.stream();
    }

    @TestFactory
    Stream<DynamicTest> everyHandlerHasAnEnvironmentAndACollaboratorConstructor() {
        return functions().map(f -> DynamicTest.dynamicTest(f.logicalId(), () -> {
            Class<?> type = Class.forName(f.handlerClass());
            assertTrue(RequestHandler.class.isAssignableFrom(type), f.handler() + " is a RequestHandler");
            assertTrue(f.handler().endsWith("::handleRequest"), f.handler());
            var constructors = Arrays.stream(type.getConstructors()).toList();
            assertTrue(constructors.stream().anyMatch(c -> c.getParameterCount() == 0), "no-argument constructor");
            assertTrue(constructors.stream().anyMatch(c -> c.getParameterCount() > 0
                    && Modifier.isPublic(c.getModifiers())), "constructor taking its collaborators");
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyFunctionsEventIsAnsweredAsExpected() {
        LocalStack stack = TestStack.get();
        return functions().map(f -> DynamicTest.dynamicTest(f.logicalId(), () -> {
            Path file = eventFile(f.logicalId());
            assertTrue(Files.isRegularFile(file), "event file " + file + " for " + f.logicalId());
            var response = dev.switchboard.shared.json.Json.MAPPER.valueToTree(
                    Main.invoke(stack.functions(), f.logicalId(), file));
            if (!f.schedules().isEmpty()) {
                // A scheduled function: it ran, and says how much it found to do.
                assertTrue(response.isNumber() && response.asInt() >= 0, f.logicalId() + ": " + response);
            } else if (!f.streams().isEmpty() || !f.queues().isEmpty()) {
                // A stream or queue consumer: every record of the event handled, none reported failed.
                assertEquals(0, response.path("batchItemFailures").size(), response.toString());
            } else if (f.routes().isEmpty()) {
                // An authorizer: it answers with its verdict, here that the key is unknown.
                assertEquals(true, response.path("isAuthorized").asBoolean(), response.toString());
                assertEquals("NONE", response.path("context").path("role").asText(), response.toString());
            } else {
                assertEquals(200, response.path("statusCode").asInt(), f.logicalId() + ": " + response);
            }
        }));
    }

    @Test
    void theLocalStackHasEveryTableQueueAndBucketOfTheTemplate() {
        var template = TestStack.get().template();
        var platform = TestStack.platform();
        assertEquals(template.tables().keySet().stream().sorted().toList(),
                platform.dynamo().listTables().tableNames().stream().sorted().toList());
        var queues = platform.sqs().listQueues().queueUrls();
        template.queues().keySet().forEach(q -> assertTrue(queues.contains(
                TestStack.get().emulators().sqsEndpoint() + "/" + Emulators.ACCOUNT_ID + "/" + q), q + " in " + queues));
        var redrive = platform.sqs().getQueueAttributes(b -> b.queueUrl(platform.settings().eventsQueueUrl())
                .attributeNamesWithStrings("RedrivePolicy")).attributesAsStrings().get("RedrivePolicy");
        assertTrue(redrive.contains("EventsDeadLetterQueue"), redrive);
        try (var s3 = LocalStack.s3(TestStack.get().emulators())) {
            assertEquals(List.of(platform.settings().mediaBucket()),
                    s3.listBuckets().buckets().stream().map(b -> b.name()).toList());
        }
        var ttl = platform.dynamo().describeTimeToLive(b -> b.tableName("EventsTable")).timeToLiveDescription();
        assertEquals("expiresAt", ttl.attributeName());
    }

    @Test
    void everyQueueAndStreamMappingHasADeadLetterDestinationWatchedByAnAlarm() throws Exception {
        Template template = Template.bundled();
        JsonNode resources;
        try (var in = Template.class.getResourceAsStream(Template.RESOURCE)) {
            resources = new ObjectMapper(new YAMLFactory()).readTree(in).path("Resources");
        }
        Set<String> deadLetter = new TreeSet<>();
        template.queues().forEach((id, properties) -> {
            String target = properties.path("RedrivePolicy").path("deadLetterTargetArn").asText(null);
            if (target != null) {
                deadLetter.add(target.replace(".Arn", ""));
            }
        });
        for (Template.Function f : template.functions()) {
            for (Template.StreamSource stream : f.streams()) {
                assertTrue(stream.onFailureQueue() != null, f.logicalId() + " has an on-failure destination");
                assertTrue(stream.maximumRetryAttempts() >= 0, f.logicalId() + " retries a bounded number of times");
                deadLetter.add(stream.onFailureQueue());
            }
            for (Template.QueueSource queue : f.queues()) {
                assertTrue(template.queues().get(queue.queue()).has("RedrivePolicy"), queue.queue() + " has a DLQ");
                assertTrue(queue.reportBatchItemFailures(), f.logicalId() + " reports batch item failures");
            }
        }
        for (String queue : template.queues().keySet()) {
            assertTrue(deadLetter.contains(queue) || template.queues().get(queue).has("RedrivePolicy"),
                    queue + " is a dead-letter destination or has one");
        }
        Set<String> watched = new TreeSet<>();
        resources.properties().forEach(r -> {
            if ("AWS::CloudWatch::Alarm".equals(r.getValue().path("Type").asText())) {
                JsonNode alarm = r.getValue().path("Properties");
                assertEquals("ApproximateNumberOfMessagesVisible", alarm.path("MetricName").asText(), r.getKey());
                alarm.path("Dimensions").forEach(d -> watched.add(d.path("Value").asText().replace(".QueueName", "")));
            }
        });
        assertEquals(deadLetter, watched, "every dead-letter destination, and only those, has an alarm");
    }

    /**
     * The local stack does not enforce IAM, so the template is held to what the code needs here: a
     * function that writes a call or a message (a webhook's log entry, a message) writes its events
     * with it, and every function that writes events may stamp them again (EventOutbox.commit).
     */
    @Test
    void everyFunctionThatWritesCallsOrMessagesMayWriteAndRestampEvents() throws Exception {
        JsonNode resources;
        try (var in = Template.class.getResourceAsStream(Template.RESOURCE)) {
            resources = new ObjectMapper(new YAMLFactory()).readTree(in).path("Resources");
        }
        Set<String> checked = new TreeSet<>();
        resources.properties().forEach(r -> {
            if (!"AWS::Serverless::Function".equals(r.getValue().path("Type").asText())) {
                return;
            }
            var calls = allowed(r.getValue(), "CallsTable");
            var messages = allowed(r.getValue(), "MessagesTable");
            var events = allowed(r.getValue(), "EventsTable");
            if (calls.contains("dynamodb:PutItem") || messages.contains("dynamodb:PutItem")
                    || events.contains("dynamodb:PutItem")) {
                assertTrue(events.containsAll(Set.of("dynamodb:PutItem", "dynamodb:UpdateItem")),
                        r.getKey() + " writes calls or messages, so events and their stamps: " + events);
                checked.add(r.getKey());
            }
        });
        assertTrue(checked.containsAll(Set.of("InboundCallFunction", "CallStatusFunction", "DialCompleteFunction",
                "InboundMessageFunction", "MediaWorkerFunction")), checked.toString());
    }

    /** A YAML value that may be one string or a list of them. */
    private static List<String> values(JsonNode node) {
        List<String> values = new java.util.ArrayList<>();
        if (node.isArray()) {
            node.forEach(v -> values.add(v.asText()));
        } else {
            values.add(node.asText());
        }
        return values;
    }

    /** The DynamoDB actions a function's policies allow on a table itself (not its indexes). */
    private static Set<String> allowed(JsonNode function, String table) {
        Set<String> actions = new TreeSet<>();
        for (JsonNode policy : function.path("Properties").path("Policies")) {
            for (JsonNode statement : policy.path("Statement")) {
                if (values(statement.path("Resource")).contains(table + ".Arn")) {
                    actions.addAll(values(statement.path("Action")));
                }
            }
        }
        return actions;
    }

    @Test
    void authTokensAreStoredSealed() {
        var items = TestStack.platform().dynamo().scan(b -> b.tableName("AccountsTable")).items();
        assertTrue(items.size() >= 2, "the demo seed's two accounts at least");
        items.forEach(item -> {
            String stored = item.toString();
            assertTrue(!stored.contains(Demo.ACME_TOKEN) && !stored.contains(Demo.GLOBEX_TOKEN), stored);
            assertTrue(item.get("sealedAuthToken").s().startsWith("v1."));
        });
    }
}
