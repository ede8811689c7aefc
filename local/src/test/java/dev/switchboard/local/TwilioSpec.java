package dev.switchboard.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.switchboard.shared.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Twilio's published OpenAPI description of its REST API (api.twilio.com, 2010-04-01; MIT, see
 * src/test/resources/twilio/LICENSE-twilio-oai), holding the simulator's answers to Twilio's
 * shapes. Read as OpenAPI 3.0 reads: {@code nullable: true} admits null. Stricter than the
 * document on one point: an object may hold no property the document does not name, so the
 * simulator cannot invent fields Twilio does not send.
 */
final class TwilioSpec {
    private static final JsonNode DOCUMENT = read();

    private TwilioSpec() {
    }

    private static JsonNode read() {
        try (InputStream in = TwilioSpec.class.getResourceAsStream("/twilio/twilio_api_v2010.yaml")) {
            JsonNode document = new ObjectMapper(new YAMLFactory()).readTree(in);
            asJsonSchema(document.path("components").path("schemas"));
            return document;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** OpenAPI 3.0's nullable as JSON Schema; objects closed to properties they do not name. */
    private static void asJsonSchema(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.path("nullable").asBoolean(false)) {
                object.remove("nullable");
                if (object.has("type")) {
                    ArrayNode types = Json.MAPPER.createArrayNode().add(object.get("type").asText()).add("null");
                    object.set("type", types);
                    if (object.has("enum")) {
                        ((ArrayNode) object.get("enum")).addNull();
                    }
                } else if (object.has("$ref")) {
                    ObjectNode ref = Json.MAPPER.createObjectNode().put("$ref", object.remove("$ref").asText());
                    object.putArray("anyOf").add(ref).addObject().put("type", "null");
                }
            }
            if ("object".equals(object.path("type").asText()) && object.has("properties")
                    && !object.has("additionalProperties")) {
                object.put("additionalProperties", false);
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
                asJsonSchema(fields.next().getValue());
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(TwilioSpec::asJsonSchema);
        }
    }

    /**
     * Fails unless {@code body} is what Twilio's document says {@code method path} answers with
     * {@code status}.
     *
     * @param path a concrete path, e.g. /2010-04-01/Accounts/AC…/Calls.json
     */
    static void assertConforms(String method, String path, int status, String body) {
        JsonNode operation = null;
        String template = null;
        String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        for (var entry : DOCUMENT.path("paths").properties()) {
            String regex = entry.getKey().replaceAll("\\{[^}]+}", "[^/]+").replace(".", "\\.");
            if (bare.matches(regex)) {
                operation = entry.getValue().path(method.toLowerCase(Locale.ROOT));
                template = entry.getKey();
                break;
            }
        }
        if (operation == null || operation.isMissingNode()) {
            fail(method + " " + path + " is not in Twilio's document");
        }
        JsonNode schema = operation.path("responses").path(Integer.toString(status))
                .path("content").path("application/json").path("schema");
        if (schema.isMissingNode()) {
            fail(method + " " + template + " does not answer " + status + " in Twilio's document: " + body);
        }
        OpenApiContract.assertMatches(schema, DOCUMENT.path("components"), body,
                method + " " + template + " " + status + " is not Twilio's shape");
    }
}
