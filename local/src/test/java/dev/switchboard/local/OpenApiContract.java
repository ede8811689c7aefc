package dev.switchboard.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.switchboard.shared.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** docs/openapi.yaml, held to what the API really answers. */
final class OpenApiContract {
    private static final JsonNode DOCUMENT = read();
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    private OpenApiContract() {
    }

    private static JsonNode read() {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(Path.of("..", "docs", "openapi.yaml").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every route the document describes, as "METHOD /path/{param}". */
    static Set<String> routes() {
        Set<String> routes = new TreeSet<>();
        DOCUMENT.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            if (!op.getKey().equals("parameters")) {
                routes.add(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }));
        return routes;
    }

    static void assertConforms(String method, String pathTemplate, int status, String body) {
        JsonNode operation = DOCUMENT.path("paths").path(pathTemplate).path(method.toLowerCase(Locale.ROOT));
        if (operation.isMissingNode()) {
            fail(method + " " + pathTemplate + " is not in docs/openapi.yaml");
        }
        JsonNode response = resolve(operation.path("responses").path(Integer.toString(status)));
        if (response.isMissingNode()) {
            fail(method + " " + pathTemplate + " answered " + status + ", which docs/openapi.yaml does not list: " + body);
        }
        JsonNode schema = response.path("content").path("application/json").path("schema");
        if (!response.path("content").path("text/csv").isMissingNode() && body != null && !body.startsWith("{")) {
            return;   // the CSV the document offers beside its JSON
        }
        if (schema.isMissingNode()) {
            assertTrue(body == null || body.isEmpty(), status + " has no body in the document, got " + body);
            return;
        }
        assertMatches(schema, DOCUMENT.path("components"), body,
                method + " " + pathTemplate + " " + status + " does not match docs/openapi.yaml");
    }

    /**
     * Fails unless the JSON {@code body} matches {@code schema}, whose {@code $ref}s point into
     * {@code components} as in an OpenAPI document.
     */
    static void assertMatches(JsonNode schema, JsonNode components, String body, String failure) {
        ObjectNode wrapper = schema.deepCopy();
        wrapper.set("components", components);
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new AssertionError(failure + ": not JSON: " + body);
        }
        var errors = SCHEMAS.getSchema(wrapper).validate(json);
        assertTrue(errors.isEmpty(), failure + ": " + errors + " in " + body);
    }

    private static JsonNode resolve(JsonNode node) {
        String ref = node.path("$ref").asText(null);
        if (ref == null) {
            return node;
        }
        JsonNode target = DOCUMENT;
        for (String part : ref.substring(2).split("/")) {
            target = target.path(part);
        }
        return target;
    }
}
