package dev.switchboard.shared.webhook;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FormBodyTest {

    @Test
    void keepsBlankValuesAndOrderAndDecodesPlusAndPercent() {
        var params = FormBody.parse("From=%2B14155550100&FromZip=&Body=hello+world%21&Flag");
        assertEquals(List.of("From", "FromZip", "Body", "Flag"), List.copyOf(params.keySet()));
        assertEquals("+14155550100", params.get("From"));
        assertEquals("", params.get("FromZip"));
        assertEquals("hello world!", params.get("Body"));
        assertEquals("", params.get("Flag"));
    }

    @Test
    void emptyBodyHasNoParameters() {
        assertEquals(0, FormBody.parse("").size());
        assertEquals(0, FormBody.parse(null).size());
    }

    @Test
    void badPercentEncodingIsABadRequest() {
        var e = assertThrows(WebhookRejected.class, () -> FormBody.parse("CallSid=CA%zz"));
        assertEquals(400, e.status());
    }

    @Test
    void aRepeatedParameterIsABadRequest() {
        var e = assertThrows(WebhookRejected.class, () -> FormBody.parse("To=%2B1&To=%2B2"));
        assertEquals(400, e.status());
        assertEquals("Malformed form body: parameter To appears twice", e.getMessage());
    }

    @Test
    void decodesUtf8AndRefusesBytesThatAreNotRatherThanGuessing() {
        assertEquals("Zoë 💬 €", FormBody.parse("Body=Zo%C3%AB+%F0%9F%92%AC+%E2%82%AC").get("Body"));
        assertEquals("Zoë", FormBody.parse("Body=Zoë").get("Body"));
        for (String bad : List.of("Body=%FF%FE", "Body=%C3", "Body=%ED%A0%80", "Body=%E2%82")) {
            var e = assertThrows(WebhookRejected.class, () -> FormBody.parse(bad), bad);
            assertEquals("Malformed form body: a parameter is not UTF-8", e.getMessage());
        }
        assertThrows(WebhookRejected.class, () -> FormBody.parse("Body=%4"));
        // Only ASCII hex digits make a byte: not other scripts' digits, nor full-width letters.
        for (String bad : List.of("Body=%\u0664\u0661", "Body=%\uFF12B")) {
            assertThrows(WebhookRejected.class, () -> FormBody.parse(bad), bad);
        }
    }
}
