package dev.switchboard.shared.json;

import dev.switchboard.shared.events.DomainEvent;
import dev.switchboard.shared.events.EventPayload;
import dev.switchboard.shared.events.EventOutbox;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The webhooks' hand-written JSON is what Jackson writes for the same values, byte for byte. */
class JsonTextTest {

    @Test
    void valuesAreWrittenAsJacksonWritesThem() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("text", "quote \" backslash \\ slash / tab \t nl \n cr \r bell \u0007 nul \u0000 del \u007f");
        value.put("unicode", "ünïcödé 日本 😀 \u2028 \u2029");
        value.put("int", 42);
        value.put("long", -9_007_199_254_740_993L);
        value.put("double", 1.5);
        value.put("bool", true);
        value.put("null", null);
        value.put("list", Arrays.asList(1, "two", null, List.of(), Map.of()));
        value.put("nested", Map.of("media", List.of(Map.of("index", 0, "contentType", "image/jpeg"))));
        value.put("empty", "");
        assertEquals(Json.write(value), JsonText.write(value));
    }

    @Test
    void anEventIsWhatJacksonWroteForIt() {
        DomainEvent event = DomainEvent.of("acme", "CA1", Instant.parse("2026-12-02T14:00:00.123456Z"),
                new EventPayload.VoicemailTranscribed("CA" + "0".repeat(32), null, "completed",
                        "Photos <of> \"the\" damage & more\n\u00e9\ud83d\ude00"));
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("id", event.id());
        envelope.put("type", event.type());
        envelope.put("tenantId", event.tenantId());
        envelope.put("occurredAt", event.occurredAt());
        envelope.put("payload", event.payload());
        assertEquals(Json.write(envelope), EventOutbox.body(event), "what Jackson writes of the same event");
    }
}
