package dev.switchboard.shared.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.switchboard.shared.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Envelope encryption through KMS, against a fake KMS that speaks its JSON protocol over HTTP
 * and, like KMS, refuses to decrypt under any other encryption context.
 */
class KmsDataKeysTest {
    private static final String KEY_ID = "arn:aws:kms:us-east-1:111122223333:key/switchboard";
    private final Map<String, JsonNode> issued = new ConcurrentHashMap<>();
    private final List<JsonNode> requests = new ArrayList<>();
    private HttpServer kms;
    private KmsClient client;

    @BeforeEach
    void startFakeKms() throws IOException {
        kms = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        kms.createContext("/", this::handle);
        kms.start();
        client = KmsClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + kms.getAddress().getPort()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @AfterEach
    void stop() {
        client.close();
        kms.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        JsonNode request = Json.MAPPER.readTree(exchange.getRequestBody());
        synchronized (requests) {
            requests.add(Json.MAPPER.createObjectNode().put("target", target).set("body", request));
        }
        ObjectNode response = Json.MAPPER.createObjectNode();
        int status = 200;
        if (target.endsWith(".GenerateDataKey")) {
            byte[] plaintext = new byte[32];
            byte[] blob = new byte[48];
            new SecureRandom().nextBytes(plaintext);
            new SecureRandom().nextBytes(blob);
            String wrapped = Base64.getEncoder().encodeToString(blob);
            issued.put(wrapped, Json.MAPPER.createObjectNode()
                    .put("plaintext", Base64.getEncoder().encodeToString(plaintext))
                    .set("context", request.path("EncryptionContext")));
            response.put("CiphertextBlob", wrapped).put("Plaintext", Base64.getEncoder().encodeToString(plaintext))
                    .put("KeyId", KEY_ID);
        } else if (target.endsWith(".Decrypt")) {
            JsonNode key = issued.get(request.path("CiphertextBlob").asText());
            if (key == null || !key.path("context").equals(request.path("EncryptionContext"))) {
                status = 400;
                response.put("__type", "InvalidCiphertextException").put("message", "");
            } else {
                response.put("Plaintext", key.path("plaintext").asText()).put("KeyId", KEY_ID)
                        .put("EncryptionAlgorithm", "SYMMETRIC_DEFAULT");
            }
        } else {
            status = 400;
            response.put("__type", "UnknownOperationException");
        }
        byte[] body = Json.MAPPER.writeValueAsBytes(response);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Test
    void sealsUnderAKmsDataKeyBoundToTheAccount() {
        SecretSealer sealer = new SecretSealer(new KmsDataKeys(client, KEY_ID));
        Map<String, String> context = Map.of("accountSid", "AC1", "purpose", "twilio-auth-token");
        String sealed = sealer.seal("the-auth-token", context);
        assertEquals("the-auth-token", sealer.open(sealed, context));

        JsonNode generate = requests.getFirst();
        assertEquals("TrentService.GenerateDataKey", generate.path("target").asText());
        assertEquals(KEY_ID, generate.path("body").path("KeyId").asText());
        assertEquals("AES_256", generate.path("body").path("KeySpec").asText());
        assertEquals("AC1", generate.path("body").path("EncryptionContext").path("accountSid").asText());
        JsonNode decrypt = requests.get(1);
        assertEquals("TrentService.Decrypt", decrypt.path("target").asText());
        assertEquals("AC1", decrypt.path("body").path("EncryptionContext").path("accountSid").asText());
        requests.forEach(r -> assertEquals(-1, r.toString().indexOf("the-auth-token"), "KMS never sees the token"));
    }

    @Test
    void aTokenSealedForOneAccountDoesNotOpenForAnother() {
        SecretSealer sealer = new SecretSealer(new KmsDataKeys(client, KEY_ID));
        String sealed = sealer.seal("the-auth-token", Map.of("accountSid", "AC1"));
        assertThrows(SecretUnreadable.class, () -> sealer.open(sealed, Map.of("accountSid", "AC2")));
    }
}
