package dev.switchboard.shared.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.switchboard.shared.webhook.WebhookRejected;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** How an API Gateway event becomes the request Twilio signed. */
class WebhookAdapterTest {
    private static final String BODY = "AccountSid=AC0000000000000000000000000000ac3e&From=%2B14155550100&FromZip=";

    private static APIGatewayV2HTTPEvent event(String body, boolean base64, String rawQuery, String contentType) {
        return APIGatewayV2HTTPEvent.builder()
                .withRawPath("/twilio/voice/inbound")
                .withRawQueryString(rawQuery)
                .withHeaders(Map.of("Content-Type", contentType, "X-Twilio-Signature", "sig"))
                .withBody(base64 ? Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)) : body)
                .withIsBase64Encoded(base64)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withDomainName("abc123.execute-api.us-east-1.amazonaws.com").build())
                .build();
    }

    private static WebhookAdapter adapter(String publicBaseUrl) {
        return new WebhookAdapter(Optional.ofNullable(publicBaseUrl).map(URI::create), null,
                null);
    }

    @Test
    void rebuildsTheSignedUrlFromThePublicBaseRawPathAndRawQuery() {
        var request = adapter("https://voice.example.com").request(
                event(BODY, true, "a=1%202&b=x+y", "application/x-www-form-urlencoded"));
        assertEquals("https://voice.example.com/twilio/voice/inbound?a=1%202&b=x+y", request.url(),
                "the query exactly as sent: never decoded and re-encoded");
        assertEquals("sig", request.header("x-twilio-signature").orElseThrow());
    }

    @Test
    void decodesBase64BodiesAndKeepsBlankParameters() {
        var request = adapter("https://voice.example.com").request(
                event(BODY, true, "", "application/x-www-form-urlencoded; charset=UTF-8"));
        assertEquals(Map.of("AccountSid", "AC0000000000000000000000000000ac3e", "From", "+14155550100", "FromZip", ""), request.params());
        assertEquals("https://voice.example.com/twilio/voice/inbound", request.url());
    }

    @Test
    void readsPlainBodiesToo() {
        var request = adapter("https://voice.example.com").request(
                event(BODY, false, null, "application/x-www-form-urlencoded"));
        assertEquals("+14155550100", request.params().get("From"));
    }

    @Test
    void withoutAPublicBaseUrlUsesTheHostTheRequestArrivedOn() {
        var request = adapter(null).request(event(BODY, true, "", "application/x-www-form-urlencoded"));
        assertEquals("https://abc123.execute-api.us-east-1.amazonaws.com/twilio/voice/inbound", request.url());
    }

    @Test
    void malformedInputIsABadRequest() {
        var notBase64 = event("", false, "", "application/x-www-form-urlencoded");
        notBase64.setBody("%%%not-base64");
        notBase64.setIsBase64Encoded(true);
        assertEquals(400, assertThrows(WebhookRejected.class, () -> adapter("https://x.example").request(notBase64))
                .status());
        assertEquals(400, assertThrows(WebhookRejected.class, () -> adapter("https://x.example")
                .request(event("<xml/>", false, "", "text/xml"))).status());
    }
}
