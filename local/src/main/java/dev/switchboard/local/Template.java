package dev.switchboard.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.switchboard.local.realtime.WebSocketApi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the local stack needs of template.yaml: functions with their HTTP API routes and event
 * source mappings, tables, queues, buckets and the functions' environment. Reading the template
 * itself keeps one definition of all of them. CloudFormation's short-form tags (!Ref, !GetAtt) are read as
 * their plain values, so {@code !Ref CallsTable} reads as "CallsTable"; !Sub strings arrive as
 * written, "${…}" and all.
 *
 * @param webSocketApi the template's WebSocket API (API Gateway v2), or null when it has none
 */
public record Template(List<Function> functions, Map<String, JsonNode> tables, Map<String, JsonNode> queues,
                       List<String> buckets, Map<String, JsonNode> environment, Map<String, String> kinds,
                       Map<String, Authorizer> authorizers, WebSocketApi webSocketApi) {

    public static final String RESOURCE = "/switchboard/template.yaml";

    /** @param authorizer the HTTP API authorizer that guards the route, or null */
    public record Route(String method, String path, String authorizer) {
    }

    /** An HTTP API Lambda authorizer: its function and the headers it needs. */
    public record Authorizer(String functionLogicalId, List<String> identityHeaders) {
    }

    /**
     * A DynamoDB Streams event source mapping, as Lambda runs it.
     *
     * @param table          the logical id of the table whose stream feeds the function
     * @param onFailureQueue the logical id of the queue that gets Lambda's record of what it gave up on, or null
     */
    public record StreamSource(String name, String table, int batchSize, int maximumRetryAttempts,
                               boolean bisectBatchOnFunctionError, boolean reportBatchItemFailures,
                               String onFailureQueue) {
    }

    /**
     * An SQS event source mapping, as Lambda runs it.
     *
     * @param queue              the logical id of the queue that feeds the function
     * @param maximumConcurrency its ScalingConfig.MaximumConcurrency, or 0 if the template sets none
     */
    public record QueueSource(String name, String queue, int batchSize, boolean reportBatchItemFailures,
                              int maximumConcurrency) {
    }

    /**
     * An EventBridge schedule that invokes the function (SAM's Schedule or ScheduleV2 event).
     *
     * @param expression as the template gives it: rate(1 minute), rate(5 minutes), cron(…)
     */
    public record ScheduleSource(String name, String expression) {
    }

    /** @param codeUri where the deployment artifact is, relative to the project root */
    public record Function(String logicalId, String handler, String codeUri, List<Route> routes,
                           List<StreamSource> streams, List<QueueSource> queues, List<ScheduleSource> schedules) {
        public String handlerClass() {
            int separator = handler.indexOf("::");
            return separator < 0 ? handler : handler.substring(0, separator);
        }
    }

    public static Template bundled() {
        try (InputStream in = Template.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("template.yaml is not bundled in the local stack jar");
            }
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Template parse(InputStream yaml) throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        List<Function> functions = new ArrayList<>();
        Map<String, JsonNode> tables = new LinkedHashMap<>();
        Map<String, JsonNode> queues = new LinkedHashMap<>();
        List<String> buckets = new ArrayList<>();
        Map<String, String> kinds = new LinkedHashMap<>();
        root.path("Resources").properties().forEach(entry -> {
            String id = entry.getKey();
            JsonNode resource = entry.getValue();
            JsonNode properties = resource.path("Properties");
            String type = resource.path("Type").asText();
            kinds.put(id, type);
            switch (type) {
                case "AWS::Serverless::Function" -> functions.add(new Function(id,
                        properties.path("Handler").asText(), properties.path("CodeUri").asText(),
                        routes(properties.path("Events"), root.path("Resources")), streams(properties.path("Events")),
                        queues(properties.path("Events")), schedules(properties.path("Events"))));
                case "AWS::DynamoDB::Table" -> tables.put(id, properties);
                case "AWS::SQS::Queue" -> queues.put(id, properties);
                case "AWS::S3::Bucket" -> buckets.add(id);
                default -> {
                }
            }
        });
        Map<String, JsonNode> environment = new LinkedHashMap<>();
        root.path("Globals").path("Function").path("Environment").path("Variables").properties()
                .forEach(e -> environment.put(e.getKey(), e.getValue()));
        root.path("Parameters").properties().forEach(e -> kinds.put(e.getKey(), "Parameter"));
        Map<String, Authorizer> authorizers = new LinkedHashMap<>();
        root.path("Resources").properties().forEach(entry -> entry.getValue().path("Properties").path("Auth")
                .path("Authorizers").properties().forEach(a -> {
                    // FunctionArn reads as "<Function>.Arn" or "<Function>Alias<name>": find the function.
                    String arn = a.getValue().path("FunctionArn").asText();
                    String function = functions.stream().map(Function::logicalId).filter(arn::startsWith)
                            .findFirst().orElseThrow(() -> new IllegalStateException(
                                    "authorizer " + a.getKey() + " names no function of the template: " + arn));
                    List<String> headers = new ArrayList<>();
                    a.getValue().path("Identity").path("Headers").forEach(h -> headers.add(h.asText()));
                    authorizers.put(a.getKey(), new Authorizer(function, List.copyOf(headers)));
                }));
        return new Template(List.copyOf(functions), tables, queues, List.copyOf(buckets), environment, kinds,
                authorizers, webSocketApi(root.path("Resources"), functions));
    }

    /**
     * The first WebSocket API: its routes to the functions their integrations invoke, the $connect
     * route's authorizer and the API's stage.
     */
    private static WebSocketApi webSocketApi(JsonNode resources, List<Function> functions) {
        String api = null;
        for (var entry : resources.properties()) {
            JsonNode r = entry.getValue();
            if ("AWS::ApiGatewayV2::Api".equals(r.path("Type").asText())
                    && "WEBSOCKET".equals(r.path("Properties").path("ProtocolType").asText())) {
                api = entry.getKey();
                break;
            }
        }
        if (api == null) {
            return null;
        }
        Map<String, String> routes = new LinkedHashMap<>();
        String authorizerFunction = null;
        List<String> identitySources = new ArrayList<>();
        String stage = null;
        for (var entry : resources.properties()) {
            JsonNode p = entry.getValue().path("Properties");
            if (!api.equals(p.path("ApiId").asText())) {
                continue;
            }
            switch (entry.getValue().path("Type").asText()) {
                case "AWS::ApiGatewayV2::Route" -> {
                    String key = p.path("RouteKey").asText();
                    // Target reads "integrations/${SomeIntegration}" (a !Sub string).
                    Matcher target = INTEGRATION_TARGET.matcher(p.path("Target").asText());
                    if (!target.matches()) {
                        throw new IllegalStateException("WebSocket route " + entry.getKey()
                                + " has no Target of the form integrations/${Integration}");
                    }
                    routes.put(key, invokedFunction(resources.path(target.group(1)).path("Properties")
                            .path("IntegrationUri").asText(), functions, entry.getKey()));
                    if (key.equals(WebSocketApi.CONNECT) && "CUSTOM".equals(p.path("AuthorizationType").asText())) {
                        JsonNode authorizer = resources.path(p.path("AuthorizerId").asText()).path("Properties");
                        authorizerFunction = invokedFunction(authorizer.path("AuthorizerUri").asText(), functions,
                                p.path("AuthorizerId").asText());
                        JsonNode sources = authorizer.path("IdentitySource");
                        if (sources.isArray()) {
                            sources.forEach(s -> identitySources.add(s.asText()));
                        } else if (sources.isTextual()) {
                            identitySources.add(sources.asText());
                        }
                    }
                }
                case "AWS::ApiGatewayV2::Stage" -> stage = stage != null ? stage : p.path("StageName").asText();
                default -> {
                }
            }
        }
        return new WebSocketApi(resources.path(api).path("Properties").path("RouteSelectionExpression").asText(),
                routes, authorizerFunction, identitySources, stage == null ? "local" : stage);
    }

    private static final Pattern INTEGRATION_TARGET = Pattern.compile("integrations/\\$\\{([^}]+)}");
    private static final Pattern INVOCATION_URI = Pattern.compile(".*/functions/\\$\\{([^}]+)}/invocations");

    /**
     * The function a Lambda integration or authorizer URI invokes: "…/functions/${X}/invocations",
     * where X is SAM's alias of a function ("<Function>Alias<alias>") or "<Function>.Arn".
     */
    private static String invokedFunction(String uri, List<Function> functions, String resource) {
        Matcher m = INVOCATION_URI.matcher(uri);
        String named = m.matches() ? beforeDot(m.group(1)) : "";
        return functions.stream().map(Function::logicalId)
                .filter(id -> named.equals(id) || named.startsWith(id + "Alias")).findFirst()
                .orElseThrow(() -> new IllegalStateException(resource + " invokes no function of the template: " + uri));
    }

    /** A route's authorizer is its own, else its API's default, as SAM has it; NONE is none. */
    private static List<Route> routes(JsonNode events, JsonNode resources) {
        List<Route> routes = new ArrayList<>();
        events.properties().forEach(e -> {
            if ("HttpApi".equals(e.getValue().path("Type").asText())) {
                JsonNode p = e.getValue().path("Properties");
                String authorizer = p.path("Auth").path("Authorizer").asText(resources.path(p.path("ApiId").asText())
                        .path("Properties").path("Auth").path("DefaultAuthorizer").asText(null));
                routes.add(new Route(p.path("Method").asText("ANY").toUpperCase(), p.path("Path").asText(),
                        "NONE".equals(authorizer) ? null : authorizer));
            }
        });
        return List.copyOf(routes);
    }

    private static List<StreamSource> streams(JsonNode events) {
        List<StreamSource> streams = new ArrayList<>();
        events.properties().forEach(e -> {
            if ("DynamoDB".equals(e.getValue().path("Type").asText())) {
                JsonNode p = e.getValue().path("Properties");
                String destination = p.path("DestinationConfig").path("OnFailure").path("Destination").asText(null);
                streams.add(new StreamSource(e.getKey(), beforeDot(p.path("Stream").asText()),
                        p.path("BatchSize").asInt(100), p.path("MaximumRetryAttempts").asInt(-1),
                        p.path("BisectBatchOnFunctionError").asBoolean(false), reportsItemFailures(p),
                        destination == null ? null : beforeDot(destination)));
            }
        });
        return List.copyOf(streams);
    }

    private static List<QueueSource> queues(JsonNode events) {
        List<QueueSource> queues = new ArrayList<>();
        events.properties().forEach(e -> {
            if ("SQS".equals(e.getValue().path("Type").asText())) {
                JsonNode p = e.getValue().path("Properties");
                if (!p.path("Enabled").asBoolean(true)) {
                    return;
                }
                queues.add(new QueueSource(e.getKey(), beforeDot(p.path("Queue").asText()),
                        p.path("BatchSize").asInt(10), reportsItemFailures(p),
                        p.path("ScalingConfig").path("MaximumConcurrency").asInt(0)));
            }
        });
        return List.copyOf(queues);
    }

    private static List<ScheduleSource> schedules(JsonNode events) {
        List<ScheduleSource> schedules = new ArrayList<>();
        events.properties().forEach(e -> {
            String type = e.getValue().path("Type").asText();
            if ("Schedule".equals(type) || "ScheduleV2".equals(type)) {
                JsonNode p = e.getValue().path("Properties");
                if (!p.path("Enabled").asBoolean(true) || "DISABLED".equals(p.path("State").asText())) {
                    return;
                }
                schedules.add(new ScheduleSource(e.getKey(),
                        p.path("Schedule").asText(p.path("ScheduleExpression").asText())));
            }
        });
        return List.copyOf(schedules);
    }

    private static boolean reportsItemFailures(JsonNode properties) {
        for (JsonNode type : properties.path("FunctionResponseTypes")) {
            if ("ReportBatchItemFailures".equals(type.asText())) {
                return true;
            }
        }
        return false;
    }

    /** "EventsTable.StreamArn" (how !GetAtt reads here) -> "EventsTable". */
    private static String beforeDot(String getAtt) {
        int dot = getAtt.indexOf('.');
        return dot < 0 ? getAtt : getAtt.substring(0, dot);
    }

    public Function function(String logicalId) {
        return functions.stream().filter(f -> f.logicalId().equals(logicalId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No function " + logicalId + " in template.yaml; it has "
                        + functions.stream().map(Function::logicalId).toList()));
    }
}
