package dev.switchboard.shared.webhook;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Twilio's published test vectors: auth token 12345 and the parameters below. */
class TwilioSignatureTest {
    private static final String TOKEN = "12345";
    private static final String URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
    private static final Map<String, String> PARAMS = Map.of(
            "Digits", "1234", "CallSid", "CA1234567890ABCDE", "To", "+18005551212",
            "Caller", "+14158675309", "From", "+14158675309");

    private static WebhookRequest form(String url, Map<String, String> params, String signature) {
        return new WebhookRequest("https://mycompany.com", url, Map.of(
                "x-twilio-signature", signature, "content-type", "application/x-www-form-urlencoded"), "", params);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "URL and params,                  https://mycompany.com/myapp.php?foo=1&bar=2,     RSOYDt4T1cUTdK1PDd93/VVr8B8=",
            "signed with :443 received without, https://mycompany.com/myapp.php?foo=1&bar=2,   kvajT1Ptam85bY51eRf/AJRuM3w=",
            "signed without port received with :443, https://mycompany.com:443/myapp.php?foo=1&bar=2, RSOYDt4T1cUTdK1PDd93/VVr8B8=",
            "no query string,                 https://mycompany.com/myapp.php,                  1xaxFBvyzXYvWplzNOSs28HWO94=",
    })
    void acceptsTwilioPublishedSignatures(String name, String url, String signature) {
        assertTrue(TwilioSignature.isValid(TOKEN, form(url, PARAMS, signature)), name);
    }

    @Test
    void acceptsUrlOnlySignatureWhenThereAreNoParameters() {
        assertTrue(TwilioSignature.isValid(TOKEN, form(URL, Map.of(), "zYQTYrRWXE7LtzbG4PfP7/bkkGo=")));
    }

    @Test
    void acceptsJsonBodyBySha256InTheQuery() {
        String url = URL + "&bodySHA256=0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620";
        var request = new WebhookRequest("https://mycompany.com", url,
                Map.of("x-twilio-signature", "a9nBmqA0ju/hNViExpshrM61xv4=", "content-type", "application/json"),
                "{\"property\": \"value\", \"boolean\": true}", Map.of());
        assertTrue(TwilioSignature.isValid(TOKEN, request));
    }

    @Test
    void rejectsJsonBodyThatDoesNotMatchItsSha256() {
        String url = URL + "&bodySHA256=0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620";
        var request = new WebhookRequest("https://mycompany.com", url,
                Map.of("x-twilio-signature", "a9nBmqA0ju/hNViExpshrM61xv4=", "content-type", "application/json"),
                "{\"property\": \"tampered\", \"boolean\": true}", Map.of());
        assertFalse(TwilioSignature.isValid(TOKEN, request));
    }

    @Test
    void rejectsWrongTokenChangedParameterAndOtherUrl() {
        assertFalse(TwilioSignature.isValid("54321", form(URL, PARAMS, "RSOYDt4T1cUTdK1PDd93/VVr8B8=")));
        Map<String, String> changed = new LinkedHashMap<>(PARAMS);
        changed.put("Digits", "9999");
        assertFalse(TwilioSignature.isValid(TOKEN, form(URL, changed, "RSOYDt4T1cUTdK1PDd93/VVr8B8=")));
        assertFalse(TwilioSignature.isValid(TOKEN, form("https://internal.example/myapp.php?foo=1&bar=2", PARAMS,
                "RSOYDt4T1cUTdK1PDd93/VVr8B8=")));
    }

    @Test
    void blankParametersArePartOfTheSignature() {
        Map<String, String> withBlank = new LinkedHashMap<>(PARAMS);
        withBlank.put("FromZip", "");
        assertFalse(TwilioSignature.isValid(TOKEN, form(URL, withBlank, "RSOYDt4T1cUTdK1PDd93/VVr8B8=")),
                "a blank parameter changes what was signed, so dropping it would accept a different request");
    }

    @Test
    void missingSignatureIsNeverValid() {
        var request = new WebhookRequest("https://mycompany.com", URL, Map.of(), "", PARAMS);
        assertFalse(TwilioSignature.isValid(TOKEN, request));
    }

    @Test
    void signaturesAgreeWithTwilioJavasValidator() {
        var twilioJava = new com.twilio.security.RequestValidator(TOKEN);
        for (String url : List.of("https://voice.example.com/twilio/voice/inbound",
                "https://voice.example.com:443/twilio/voice/inbound", "http://127.0.0.1:3000/twilio/voice/status",
                "https://voice.example.com/base/twilio/messaging/status?messageId=msg_0123456789abcdef01234567")) {
            String ours = TwilioSignature.sign(TOKEN, url, PARAMS);
            assertTrue(twilioJava.validate(url, PARAMS, ours), url);
            assertTrue(TwilioSignature.isValid(TOKEN, url, PARAMS, ours), url);
        }
        // Signed without the port, checked with it (and the reverse): both accept, as Twilio varies.
        String withoutPort = TwilioSignature.sign(TOKEN, "https://voice.example.com/twilio/voice/inbound", PARAMS);
        assertTrue(TwilioSignature.isValid(TOKEN, "https://voice.example.com:443/twilio/voice/inbound", PARAMS,
                withoutPort));
        assertTrue(twilioJava.validate("https://voice.example.com:443/twilio/voice/inbound", PARAMS, withoutPort));
        String withPort = TwilioSignature.sign(TOKEN, "https://voice.example.com:443/twilio/voice/inbound", PARAMS);
        assertTrue(TwilioSignature.isValid(TOKEN, "https://voice.example.com/twilio/voice/inbound", PARAMS, withPort));
        assertFalse(TwilioSignature.isValid(TOKEN, "https://voice.example.org/twilio/voice/inbound", PARAMS,
                withoutPort), "another host is another URL");
    }
}
