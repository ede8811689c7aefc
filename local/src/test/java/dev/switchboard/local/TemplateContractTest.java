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
import java.util.ArrayList;
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
            } else if (f.logicalId().equals(stack.template().webSocketApi().authorizerFunction())) {
                // The WebSocket API's authorizer: an IAM policy, here denying a ticket never issued.
                assertEquals("Deny", response.path("policyDocument").path("Statement").path(0).path("Effect").asText(),
                        response.toString());
            } else if (stack.template().webSocketApi().routes().containsValue(f.logicalId())) {
                // A WebSocket route: answered 200 (a message on a connection that is gone is dropped).
                assertEquals(200, response.path("statusCode").asInt(), f.logicalId() + ": " + response);
            } else if (f.routes().isEmpty()) {
                // An authorizer: it answers with its verdict, here that the key is unknown.
                assertEquals(true, response.path("isAuthorized").asBoolean(), response.toString());
                assertEquals("NONE", response.path("context").path("role").asText(), response.toString());
            } else {
                int status = response.path("statusCode").asInt();
                assertTrue(status == 200 || status == 201, f.logicalId() + ": " + response);
            }
        }));
    }

    @Test
    void theLocalStackHasEveryTableQueueAndBucketOfTheTemplate() {
        var template = TestStack.get().template();
        var platform = TestStack.repositories();
        assertEquals(template.tables().keySet().stream().sorted().toList(),
                platform.dynamo().listTables().tableNames().stream().sorted().toList());
        var queues = platform.sqs().listQueues().queueUrls();
        template.queues().keySet().forEach(q -> assertTrue(queues.contains(
                TestStack.get().emulators().sqsEndpoint() + "/" + Emulators.ACCOUNT_ID + "/" + q), q + " in " + queues));
        var redrive = platform.sqs().getQueueAttributes(b -> b.queueUrl(platform.settings().eventsQueueUrl())
                .attributeNamesWithStrings("RedrivePolicy")).attributesAsStrings().get("RedrivePolicy");
        assertTrue(redrive.contains("EventsDeadLetterQueue"), redrive);
        try (var s3 = LocalStack.s3(TestStack.get().emulators())) {
            // The console's bucket too, although locally the stack serves the console itself.
            assertEquals(template.buckets().stream().map(b -> b.toLowerCase(java.util.Locale.ROOT)).sorted().toList(),
                    s3.listBuckets().buckets().stream().map(b -> b.name()).sorted().toList());
            assertTrue(template.buckets().stream().anyMatch(b -> b.toLowerCase(java.util.Locale.ROOT)
                    .equals(platform.settings().mediaBucket())));
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
        alarms(resources).forEach((id, alarm) -> {
            if ("AWS/SQS".equals(alarm.path("Namespace").asText())) {
                assertEquals("ApproximateNumberOfMessagesVisible", alarm.path("MetricName").asText(), id);
                alarm.path("Dimensions").forEach(d -> watched.add(d.path("Value").asText().replace(".QueueName", "")));
            }
        });
        assertEquals(deadLetter, watched, "every dead-letter destination, and only those, has a queue alarm");
        JsonNode outputs = root().path("Outputs");
        for (String queue : deadLetter) {
            assertTrue(outputs.path(queue + "Url").path("Value").asText().equals(queue),
                    queue + " is an output, " + queue + "Url");
        }
    }

    private static JsonNode root() throws java.io.IOException {
        try (var in = Template.class.getResourceAsStream(Template.RESOURCE)) {
            return new ObjectMapper(new YAMLFactory()).readTree(in);
        }
    }

    private static java.util.Map<String, JsonNode> alarms(JsonNode resources) {
        var alarms = new java.util.LinkedHashMap<String, JsonNode>();
        resources.properties().forEach(r -> {
            if ("AWS::CloudWatch::Alarm".equals(r.getValue().path("Type").asText())) {
                alarms.put(r.getKey(), r.getValue().path("Properties"));
            }
        });
        return alarms;
    }

    /** The routes Twilio calls, as API Gateway names them: "POST /twilio/voice/inbound". */
    private static Set<String> webhookRoutes() {
        Set<String> routes = new TreeSet<>();
        Template.bundled().functions().forEach(f -> f.routes().stream().filter(r -> r.path().startsWith("/twilio/"))
                .forEach(r -> routes.add(r.method() + " " + r.path())));
        assertTrue(routes.size() >= 9, routes.toString());
        return routes;
    }

    @Test
    void twiliosWebhooksNeedNoAuthorizerAndSayItSoThatDeployingAsksNothing() throws Exception {
        // sam deploy --guided asks "has no authentication. Is this okay?" for an API event without
        // Auth, and Enter answers no. Twilio's signature is the webhooks' authentication.
        JsonNode resources = root().path("Resources");
        Set<String> saidNone = new TreeSet<>();
        resources.properties().forEach(r -> r.getValue().path("Properties").path("Events").properties().forEach(e -> {
            JsonNode p = e.getValue().path("Properties");
            if ("HttpApi".equals(e.getValue().path("Type").asText())) {
                assertTrue(p.path("Auth").path("Authorizer").isTextual(), r.getKey() + " names its authorizer");
                if ("NONE".equals(p.path("Auth").path("Authorizer").asText())) {
                    saidNone.add(p.path("Method").asText() + " " + p.path("Path").asText());
                }
            }
        }));
        assertEquals(webhookRoutes(), saidNone, "the webhooks, and only they, have no authorizer");
        assertEquals("ApiKeyAuthorizer", resources.path("HttpApi").path("Properties").path("Auth")
                .path("DefaultAuthorizer").asText(), "a route that names none gets the API key's");
    }

    @Test
    void aRouteThatNamesNoAuthorizerGetsItsApisDefaultLocallyToo() throws Exception {
        String yaml = """
                Resources:
                  Api:
                    Type: AWS::Serverless::HttpApi
                    Properties:
                      Auth:
                        DefaultAuthorizer: Keys
                        Authorizers: {Keys: {FunctionArn: !GetAtt KeysFunction.Arn}}
                  KeysFunction:
                    Type: AWS::Serverless::Function
                    Properties: {Handler: a.B::handleRequest}
                  WebFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: a.C::handleRequest
                      Events:
                        Plain: {Type: HttpApi, Properties: {ApiId: !Ref Api, Path: /a, Method: GET}}
                        Open: {Type: HttpApi, Properties: {ApiId: !Ref Api, Path: /b, Method: GET, Auth: {Authorizer: NONE}}}
                """;
        var routes = Template.parse(new java.io.ByteArrayInputStream(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .functions().stream().filter(f -> f.logicalId().equals("WebFunction")).findFirst().orElseThrow().routes();
        assertEquals(List.of(new Template.Route("GET", "/a", "Keys"), new Template.Route("GET", "/b", null)), routes);
    }

    @Test
    void theWebhookOutputsAreTheUrlsTwilioMustCall() throws Exception {
        // With PublicBaseUrl set, signatures are checked against it: Twilio must be given its URLs.
        JsonNode root = root();
        String condition = root.path("Conditions").path("HasPublicBaseUrl").toString();
        assertEquals("[[\"PublicBaseUrl\",\"\"]]", condition, "HasPublicBaseUrl: PublicBaseUrl is not empty");
        Set<String> routes = webhookRoutes();
        int webhooks = 0;
        for (var output : root.path("Outputs").properties()) {
            if (!output.getKey().endsWith("Webhook") && !output.getKey().equals("WebhookBaseUrl")) {
                continue;
            }
            JsonNode value = output.getValue().path("Value");
            assertTrue(value.isArray() && value.size() == 3 && value.get(0).asText().equals("HasPublicBaseUrl"),
                    output.getKey() + " is !If [HasPublicBaseUrl, …]: " + value);
            String apiUrl = "https://${HttpApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}";
            if (output.getKey().equals("WebhookBaseUrl")) {
                assertEquals("PublicBaseUrl", value.get(1).asText());
                assertEquals(apiUrl, value.get(2).asText());
                continue;
            }
            String path = value.get(1).asText().replace("${PublicBaseUrl}", "");
            assertTrue(value.get(1).asText().startsWith("${PublicBaseUrl}/"), output.getKey() + ": " + value);
            assertEquals(apiUrl + path, value.get(2).asText(), output.getKey());
            assertTrue(routes.contains("POST " + path), output.getKey() + " names a webhook route: " + path);
            webhooks++;
        }
        assertEquals(3, webhooks, "the voice, status and messaging URLs a number is given");
    }

    @Test
    void operatorsAreAlarmedOnFailuresThrottlesServerErrorsAndSlowWebhooks() throws Exception {
        JsonNode resources = root().path("Resources");
        var alarms = alarms(resources);
        alarms.forEach((id, alarm) -> assertEquals("[\"HasAlarmTopic\",[\"AlarmTopicArn\"],\"AWS::NoValue\"]",
                alarm.path("AlarmActions").toString(), id + " notifies the optional topic"));
        java.util.function.BiPredicate<String, String> has = (namespace, metric) -> alarms.values().stream()
                .anyMatch(a -> a.path("Namespace").asText().equals(namespace) && a.path("MetricName").asText().equals(metric)
                        && a.path("Statistic").asText().equals("Sum") && a.path("Threshold").asInt(-1) == 0
                        && a.path("ComparisonOperator").asText().equals("GreaterThanThreshold"));
        assertTrue(has.test("AWS/Lambda", "Errors"), "function errors");
        assertTrue(has.test("AWS/Lambda", "Throttles"), "function throttles");
        assertTrue(has.test("AWS/ApiGateway", "5xx"), "the HTTP API's 5xx");
        assertTrue(alarms.values().stream().anyMatch(a -> a.path("MetricName").asText().equals("5xx")
                && a.path("Dimensions").toString().equals("[{\"Name\":\"ApiId\",\"Value\":\"HttpApi\"}]")), "of this API");

        // The latency Twilio sees, route by route: every webhook's p99, the slowest alarmed well before 15 s.
        JsonNode latency = alarms.values().stream().filter(a -> a.path("Metrics").isArray()).findFirst().orElseThrow();
        Set<String> watched = new TreeSet<>();
        List<String> ids = new ArrayList<>();
        String expression = null;
        for (JsonNode query : latency.path("Metrics")) {
            if (query.has("Expression")) {
                expression = query.path("Expression").asText();
                assertTrue(query.path("ReturnData").asBoolean(), "the alarm watches the expression");
                continue;
            }
            JsonNode metric = query.path("MetricStat").path("Metric");
            assertEquals("AWS/ApiGateway", metric.path("Namespace").asText());
            assertEquals("Latency", metric.path("MetricName").asText());
            assertEquals("p99", query.path("MetricStat").path("Stat").asText());
            var dimensions = new java.util.HashMap<String, String>();
            metric.path("Dimensions").forEach(d -> dimensions.put(d.path("Name").asText(), d.path("Value").asText()));
            assertEquals("HttpApi", dimensions.get("ApiId"));
            assertEquals("$default", dimensions.get("Stage"));
            watched.add(dimensions.get("Method") + " " + dimensions.get("Resource"));
            ids.add(query.path("Id").asText());
        }
        assertEquals(webhookRoutes(), watched, "every webhook route's latency");
        assertEquals("MAX([" + String.join(", ", ids) + "])", expression);
        assertTrue(latency.path("Threshold").asInt() <= 10_000, "alarmed at 10 s at the latest: Twilio waits 15 s");
        // API Gateway writes route-level metrics only where detailed metrics are on.
        Set<String> detailed = new TreeSet<>();
        resources.path("HttpApi").path("Properties").path("RouteSettings").properties().forEach(r -> {
            if (r.getValue().path("DetailedMetricsEnabled").asBoolean()) {
                detailed.add(r.getKey());
            }
        });
        assertEquals(webhookRoutes(), detailed, "detailed metrics for the webhook routes");
    }

    /**
     * Browsers may call the API from the console's origins only: the stack's own distribution, and
     * the ConsoleOrigin parameter when set; never a wildcard.
     */
    @Test
    void corsAllowsTheConsolesOriginAndNoOther() throws Exception {
        JsonNode cors = root().path("Resources").path("HttpApi").path("Properties").path("CorsConfiguration");
        JsonNode origins = cors.path("AllowOrigins");
        assertEquals(2, origins.size(), cors.toString());
        // !Sub https://${ConsoleDistribution.DomainName}, then !If [HasConsoleOrigin, !Ref ConsoleOrigin,
        // !Ref AWS::NoValue], as the YAML reader sees the short forms.
        assertEquals("https://${ConsoleDistribution.DomainName}", origins.get(0).asText(), cors.toString());
        JsonNode choice = origins.get(1);
        assertEquals("HasConsoleOrigin", choice.path(0).asText(), cors.toString());
        assertEquals("ConsoleOrigin", choice.path(1).asText(), cors.toString());
        assertEquals("AWS::NoValue", choice.path(2).asText(), cors.toString());
        assertTrue(!cors.toString().contains("*"), "no wildcard: " + cors);
        assertEquals("[\"authorization\",\"content-type\",\"idempotency-key\"]", cors.path("AllowHeaders").toString());
    }

    /** The console's bucket is private: CloudFront alone reads it, over TLS. */
    @Test
    void theConsoleIsServedThroughCloudFrontFromAPrivateBucket() throws Exception {
        JsonNode resources = root().path("Resources");
        JsonNode block = resources.path("ConsoleBucket").path("Properties").path("PublicAccessBlockConfiguration");
        for (String setting : List.of("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets")) {
            assertTrue(block.path(setting).asBoolean(), setting);
        }
        String policy = resources.path("ConsoleBucketPolicy").toString();
        assertTrue(policy.contains("cloudfront.amazonaws.com") && policy.contains("AWS:SourceArn"), policy);
        JsonNode behavior = resources.path("ConsoleDistribution").path("Properties").path("DistributionConfig")
                .path("DefaultCacheBehavior");
        assertEquals("redirect-to-https", behavior.path("ViewerProtocolPolicy").asText());
        String headers = resources.path("ConsoleHeaders").toString();
        assertTrue(headers.contains("script-src 'self'") && headers.contains("frame-ancestors 'none'"), headers);
    }

    @Test
    void readmesTablesNameEveryParameterAndOutput() throws Exception {
        JsonNode root = root();
        for (String table : List.of("Parameters", "Outputs")) {
            Set<String> inTemplate = new TreeSet<>();
            root.path(table).properties().forEach(p -> inTemplate.add(p.getKey()));
            Set<String> inReadme = new TreeSet<>();
            var rows = java.util.regex.Pattern.compile("(?m)^\\| `([A-Za-z0-9]+)` \\|")
                    .matcher(Readme.section(table.toLowerCase()));
            while (rows.find()) {
                inReadme.add(rows.group(1));
            }
            assertEquals(inTemplate, inReadme, "README's " + table.toLowerCase() + " table and template.yaml");
        }
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

    /** Every copy is tagged with its kind as it is uploaded (MultipartCopy), which S3 authorizes apart. */
    @Test
    void whoeverPutsMediaMayTagIt() throws Exception {
        JsonNode resources;
        try (var in = Template.class.getResourceAsStream(Template.RESOURCE)) {
            resources = new ObjectMapper(new YAMLFactory()).readTree(in).path("Resources");
        }
        Set<String> putters = new TreeSet<>();
        resources.properties().forEach(r -> {
            var media = allowed(r.getValue(), "${MediaBucket.Arn}/tenants/*");
            if (media.contains("s3:PutObject")) {
                putters.add(r.getKey());
                assertTrue(media.contains("s3:PutObjectTagging"), r.getKey() + " uploads tagged copies: " + media);
            }
        });
        assertTrue(putters.contains("MediaWorkerFunction"), putters.toString());
    }

    /** A versioned bucket keeps what was deleted as a noncurrent version: something must expire those. */
    @Test
    void whatTheApiDeletesFromTheMediaBucketIsGoneWithinADay() throws Exception {
        JsonNode bucket;
        try (var in = Template.class.getResourceAsStream(Template.RESOURCE)) {
            bucket = new ObjectMapper(new YAMLFactory()).readTree(in).path("Resources").path("MediaBucket")
                    .path("Properties");
        }
        assertEquals("Enabled", bucket.path("VersioningConfiguration").path("Status").asText());
        boolean expired = false;
        for (JsonNode rule : bucket.path("LifecycleConfiguration").path("Rules")) {
            expired |= "Enabled".equals(rule.path("Status").asText()) && !rule.has("TagFilters") && !rule.has("Prefix")
                    && rule.path("NoncurrentVersionExpiration").path("NoncurrentDays").asInt(0) == 1;
        }
        assertTrue(expired, "an always-enabled rule for every object expires noncurrent versions after a day");
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

    /** The actions a function's policies allow on a table itself (not its indexes), or a resource named as is. */
    private static Set<String> allowed(JsonNode function, String table) {
        Set<String> actions = new TreeSet<>();
        for (JsonNode policy : function.path("Properties").path("Policies")) {
            for (JsonNode statement : policy.path("Statement")) {
                var resources = values(statement.path("Resource"));
                if (resources.contains(table + ".Arn") || resources.contains(table)) {
                    actions.addAll(values(statement.path("Action")));
                }
            }
        }
        return actions;
    }

    @Test
    void authTokensAreStoredSealed() {
        var items = TestStack.repositories().dynamo().scan(b -> b.tableName("AccountsTable")).items();
        assertTrue(items.size() >= 2, "the demo seed's two accounts at least");
        items.forEach(item -> {
            String stored = item.toString();
            assertTrue(!stored.contains(Demo.ACME_TOKEN) && !stored.contains(Demo.GLOBEX_TOKEN), stored);
            assertTrue(item.get("sealedAuthToken").s().startsWith("v1."));
        });
    }
}
