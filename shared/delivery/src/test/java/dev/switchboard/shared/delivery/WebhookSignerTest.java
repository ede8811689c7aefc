package dev.switchboard.shared.delivery;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebhookSignerTest {
    private static final byte[] BODY = "{\"type\":\"call.missed\",\"data\":{\"callSid\":\"CA1\",\"note\":\"café ☎\"}}"
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void theSpecificationsTestVector() {
        // The Standard Webhooks libraries' own sign test: key, id, timestamp, payload and signature.
        var headers = WebhookSigner.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
                "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8),
                List.of(EndpointSecret.parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")));
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", headers.signature());
        assertEquals("1614265330", headers.timestamp());
    }

    @Test
    void theSpecificationsOwnLibraryAcceptsWhatWeSign() throws Exception {
        EndpointSecret secret = EndpointSecret.generate();
        long now = Instant.now().getEpochSecond();
        var headers = WebhookSigner.sign("evt_01", now, BODY, List.of(secret));
        new Webhook(secret.reveal()).verify(new String(BODY, StandardCharsets.UTF_8), asHeaders(headers));
    }

    @Test
    void duringARotationEitherSecretVerifiesAndAThirdDoesNot() throws Exception {
        EndpointSecret current = EndpointSecret.generate();
        EndpointSecret previous = EndpointSecret.generate();
        long now = Instant.now().getEpochSecond();
        var headers = WebhookSigner.sign("evt_02", now, BODY, List.of(current, previous));
        assertEquals(2, headers.signature().split(" ").length);
        String body = new String(BODY, StandardCharsets.UTF_8);
        new Webhook(current.reveal()).verify(body, asHeaders(headers));
        new Webhook(previous.reveal()).verify(body, asHeaders(headers));
        assertThrows(WebhookVerificationException.class,
                () -> new Webhook(EndpointSecret.generate().reveal()).verify(body, asHeaders(headers)));
    }

    @Test
    void aChangedByteOrIdIsRefused() {
        EndpointSecret secret = EndpointSecret.generate();
        long now = Instant.now().getEpochSecond();
        var headers = WebhookSigner.sign("evt_03", now, BODY, List.of(secret));
        String tampered = new String(BODY, StandardCharsets.UTF_8).replace("CA1", "CA2");
        assertThrows(WebhookVerificationException.class,
                () -> new Webhook(secret.reveal()).verify(tampered, asHeaders(headers)));
        var otherId = new WebhookSigner.SignedHeaders("evt_04", headers.timestamp(), headers.signature());
        assertThrows(WebhookVerificationException.class, () -> new Webhook(secret.reveal())
                .verify(new String(BODY, StandardCharsets.UTF_8), asHeaders(otherId)));
    }

    @Test
    void secretsAreTheSpecificationsShapeAndNeverPrinted() {
        EndpointSecret secret = EndpointSecret.generate();
        assertTrue(secret.reveal().startsWith("whsec_"));
        assertEquals(secret, EndpointSecret.parse(secret.reveal()));
        assertFalse(secret.toString().contains(secret.reveal().substring(6)));
        assertThrows(IllegalArgumentException.class, () -> EndpointSecret.parse("whsec_c2hvcnQ="), "5 bytes");
        assertThrows(IllegalArgumentException.class, () -> EndpointSecret.parse("whsec_not base64!"));
        assertThrows(IllegalArgumentException.class, () -> WebhookSigner.sign("e", 1, BODY, List.of()));
    }

    private static Map<String, List<String>> asHeaders(WebhookSigner.SignedHeaders headers) {
        return Map.of(WebhookSigner.ID_HEADER, List.of(headers.id()),
                WebhookSigner.TIMESTAMP_HEADER, List.of(headers.timestamp()),
                WebhookSigner.SIGNATURE_HEADER, List.of(headers.signature()));
    }
}
