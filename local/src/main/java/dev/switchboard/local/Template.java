package dev.switchboard.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the local stack needs of template.yaml: functions and their HTTP API routes, tables,
 * queues, buckets and the functions' environment. Reading the template itself keeps one
 * definition of all of them. CloudFormation's short-form tags (!Ref, !GetAtt) are read as
 * their plain values, so {@code !Ref CallsTable} reads as "CallsTable".
 */
public record Template(List<Function> functions, Map<String, JsonNode> tables, Map<String, JsonNode> queues,
                       List<String> buckets, Map<String, JsonNode> environment, Map<String, String> kinds) {

    public static final String RESOURCE = "/switchboard/template.yaml";

    public record Route(String method, String path) {
    }

    /** @param codeUri where the deployment artifact is, relative to the project root */
    public record Function(String logicalId, String handler, String codeUri, List<Route> routes) {
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
                        routes(properties.path("Events"))));
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
        return new Template(List.copyOf(functions), tables, queues, List.copyOf(buckets), environment, kinds);
    }

    private static List<Route> routes(JsonNode events) {
        List<Route> routes = new ArrayList<>();
        events.properties().forEach(e -> {
            if ("HttpApi".equals(e.getValue().path("Type").asText())) {
                JsonNode p = e.getValue().path("Properties");
                routes.add(new Route(p.path("Method").asText("ANY").toUpperCase(), p.path("Path").asText()));
            }
        });
        return List.copyOf(routes);
    }

    public Function function(String logicalId) {
        return functions.stream().filter(f -> f.logicalId().equals(logicalId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No function " + logicalId + " in template.yaml; it has "
                        + functions.stream().map(Function::logicalId).toList()));
    }
}
