package dev.switchboard.shared.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.shared.json.Json;
import dev.switchboard.shared.aws.SignedCalls;
import software.amazon.awssdk.http.SdkHttpMethod;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Reads one SecureString from SSM Parameter Store: the one call it needs, GetParameter, made
 * through {@link SignedCalls} (Maven Central offers no SSM client for the SDK version used here).
 */
public final class SsmSecureParameter {
    private final SignedCalls calls;
    private final URI endpoint;

    public SsmSecureParameter(SignedCalls calls, URI endpoint) {
        this.calls = calls;
        this.endpoint = endpoint != null ? endpoint : URI.create("https://ssm." + calls.region() + ".amazonaws.com/");
    }

    public String value(String name) {
        byte[] body = Json.write(Map.of("Name", name, "WithDecryption", true)).getBytes(StandardCharsets.UTF_8);
        var answer = calls.call(SdkHttpMethod.POST, endpoint, "ssm", Map.of(
                "Content-Type", "application/x-amz-json-1.1", "X-Amz-Target", "AmazonSSM.GetParameter"), body);
        try {
            byte[] content = answer.body();
            JsonNode json = Json.MAPPER.readTree(content.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : content);
            if (!answer.successful()) {
                throw new IllegalStateException("SSM GetParameter " + name + " answered "
                        + answer.status() + " " + json.path("__type").asText());
            }
            return json.path("Parameter").path("Value").asText();
        } catch (IOException e) {
            throw new UncheckedIOException("SSM GetParameter " + name + " failed", e);
        }
    }
}
