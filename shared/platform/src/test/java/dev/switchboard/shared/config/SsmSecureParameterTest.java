package dev.switchboard.shared.config;


import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.switchboard.shared.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The admin key's SecureString, read from a fake SSM that speaks its JSON protocol over HTTP. */
class SsmSecureParameterTest {
    private HttpServer ssm;
    private final AtomicReference<String> authorization = new AtomicReference<>();
    private final AtomicReference<JsonNode> request = new AtomicReference<>();

    @BeforeEach
    void start() throws IOException {
        ssm = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ssm.createContext("/", exchange -> {
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            JsonNode body = Json.MAPPER.readTree(exchange.getRequestBody());
            request.set(body);
            boolean known = "AmazonSSM.GetParameter".equals(exchange.getRequestHeaders().getFirst("X-Amz-Target"))
                    && body.path("Name").asText().equals("/switchboard/admin-api-key");
            String answer = known
                    ? "{\"Parameter\":{\"Name\":\"/switchboard/admin-api-key\",\"Type\":\"SecureString\",\"Value\":\"sba_secret\",\"Version\":1}}"
                    : "{\"__type\":\"ParameterNotFound\"}";
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(known ? 200 : 400, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        ssm.start();
    }

    @AfterEach
    void stop() {
        ssm.stop(0);
    }

    private SsmSecureParameter client() {
        return new SsmSecureParameter(new dev.switchboard.shared.aws.SignedCalls(UrlConnectionHttpClient.create(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")), "eu-west-1"),
                URI.create("http://127.0.0.1:" + ssm.getAddress().getPort() + "/"));
    }

    @Test
    void readsTheDecryptedValueWithASignedRequest() {
        assertEquals("sba_secret", client().value("/switchboard/admin-api-key"));
        assertTrue(authorization.get().startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"), authorization.get());
        assertTrue(authorization.get().contains("/eu-west-1/ssm/aws4_request"), authorization.get());
        assertTrue(request.get().path("WithDecryption").asBoolean());
    }

    @Test
    void aMissingParameterSaysSoWithoutItsValue() {
        var e = assertThrows(IllegalStateException.class, () -> client().value("/nope"));
        assertEquals("SSM GetParameter /nope answered 400 ParameterNotFound", e.getMessage());
    }
}
