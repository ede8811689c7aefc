package dev.switchboard.shared.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.switchboard.shared.json.Json;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Purpose keys derived from KMS's GenerateMac (spoken over HTTP as KMS speaks it) or the local key. */
class DerivedKeysTest {
    private static final String KEY_ID = "arn:aws:kms:us-east-1:111122223333:key/cursors";
    private static final byte[] KMS_HMAC_KEY = "a key that never leaves kms.....".getBytes();

    private static byte[] hmac(byte[] key, byte[] message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(message);
    }

    @Test
    void kmsDerivesTheSameKeyForEveryContainerAndAnotherPerPurpose() throws Exception {
        List<JsonNode> requests = new CopyOnWriteArrayList<>();
        HttpServer kms = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        kms.createContext("/", exchange -> {
            JsonNode request = Json.MAPPER.readTree(exchange.getRequestBody());
            requests.add(Json.MAPPER.createObjectNode()
                    .put("target", exchange.getRequestHeaders().getFirst("X-Amz-Target")).set("body", request));
            byte[] body;
            try {
                byte[] mac = hmac(KMS_HMAC_KEY, Base64.getDecoder().decode(request.path("Message").asText()));
                body = Json.MAPPER.writeValueAsBytes(Json.MAPPER.createObjectNode().put("KeyId", KEY_ID)
                        .put("MacAlgorithm", "HMAC_SHA_256").put("Mac", Base64.getEncoder().encodeToString(mac)));
            } catch (Exception e) {
                throw new java.io.IOException(e);
            }
            exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        kms.start();
        try (KmsClient client = KmsClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + kms.getAddress().getPort()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            byte[] first = DerivedKeys.fromKms(client, KEY_ID, "switchboard/list-cursors/v1");
            byte[] again = DerivedKeys.fromKms(client, KEY_ID, "switchboard/list-cursors/v1");
            byte[] other = DerivedKeys.fromKms(client, KEY_ID, "switchboard/something-else/v1");
            assertEquals(32, first.length);
            assertArrayEquals(first, again);
            assertFalse(java.util.Arrays.equals(first, other));
            assertArrayEquals(hmac(KMS_HMAC_KEY, "switchboard/list-cursors/v1".getBytes()), first);
            JsonNode call = requests.getFirst();
            assertEquals("TrentService.GenerateMac", call.path("target").asText());
            assertEquals(KEY_ID, call.path("body").path("KeyId").asText());
            assertEquals("HMAC_SHA_256", call.path("body").path("MacAlgorithm").asText());
        } finally {
            kms.stop(0);
        }
    }

    @Test
    void theLocalKeyDerivesPerPurpose() throws Exception {
        String root = LocalDataKeys.newKeyBase64();
        byte[] cursors = DerivedKeys.fromLocalKey(root, "switchboard/list-cursors/v1");
        assertArrayEquals(hmac(Base64.getDecoder().decode(root), "switchboard/list-cursors/v1".getBytes()), cursors);
        assertFalse(java.util.Arrays.equals(cursors, DerivedKeys.fromLocalKey(root, "other")));
        assertFalse(java.util.Arrays.equals(cursors, DerivedKeys.fromLocalKey(LocalDataKeys.newKeyBase64(),
                "switchboard/list-cursors/v1")));
    }
}
