package dev.switchboard.shared.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.shared.json.Json;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Reads one SecureString from SSM Parameter Store. Maven Central offers no SSM client for the
 * SDK version the rest of Switchboard uses, so this makes the one call it needs, GetParameter,
 * over the SDK's own HTTP client and SigV4 signer.
 */
public final class SsmSecureParameter {
    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;
    private final String region;
    private final URI endpoint;

    public SsmSecureParameter(SdkHttpClient http, AwsCredentialsProvider credentials, String region, URI endpoint) {
        this.http = http;
        this.credentials = credentials;
        this.region = region;
        this.endpoint = endpoint != null ? endpoint : URI.create("https://ssm." + region + ".amazonaws.com/");
    }

    public String value(String name) {
        byte[] body = Json.write(Map.of("Name", name, "WithDecryption", true)).getBytes(StandardCharsets.UTF_8);
        SdkHttpFullRequest request = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(endpoint)
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", "AmazonSSM.GetParameter")
                .build();
        var signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(credentials.resolveCredentials())
                .request(request)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "ssm")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region));
        try {
            var response = http.prepareRequest(HttpExecuteRequest.builder()
                    .request(signed.request())
                    .contentStreamProvider(signed.payload().orElse(null))
                    .build()).call();
            byte[] content = response.responseBody().map(in -> {
                try (in) {
                    return in.readAllBytes();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).orElse(new byte[0]);
            JsonNode json = Json.MAPPER.readTree(content.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : content);
            if (!response.httpResponse().isSuccessful()) {
                throw new IllegalStateException("SSM GetParameter " + name + " answered "
                        + response.httpResponse().statusCode() + " " + json.path("__type").asText());
            }
            return json.path("Parameter").path("Value").asText();
        } catch (IOException e) {
            throw new UncheckedIOException("SSM GetParameter " + name + " failed", e);
        }
    }
}
