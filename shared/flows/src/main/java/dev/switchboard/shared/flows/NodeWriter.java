package dev.switchboard.shared.flows;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.shared.json.Json;

/**
 * Writes one node as {@link NodeReader} reads it. Defaults are written out, so what the API gives
 * back shows the values a call runs with; a field that is null and means "none" is left out.
 */
final class NodeWriter {
    private NodeWriter() {
    }

    static ObjectNode write(FlowNode node) {
        ObjectNode json = Json.MAPPER.createObjectNode();
        switch (node) {
            case Hours hours -> {
                json.put("type", "hours").put("schedule", hours.scheduleId()).put("open", hours.open())
                        .put("closed", hours.closed());
                optional(json, "holiday", hours.holiday());
                optional(json, "emergency", hours.emergency());
            }
            case Menu menu -> menu(json, menu);
            case Ring ring -> {
                json.put("type", "ring");
                if (ring.phone() == null) {
                    ring.agents().forEach(json.putArray("agents")::add);
                } else {
                    json.put("phone", ring.phone());
                }
                json.put("strategy", ring.strategy().wireName()).put("timeoutSeconds", ring.timeoutSeconds());
                optional(json, "noAnswer", ring.noAnswer());
                json.put("record", ring.record());
            }
            case VoicemailBox box -> {
                json.put("type", "voicemail");
                optional(json, "prompt", box.prompt());
                optional(json, "agentId", box.agentId());
                optional(json, "box", box.box());
            }
            case Stream stream -> json.put("type", "stream").put("url", stream.url());
            case Say say -> {
                json.put("type", "say").put("text", say.text());
                optional(json, "next", say.next());
            }
            case Hangup ignored -> json.put("type", "hangup");
        }
        return json;
    }

    private static void menu(ObjectNode json, Menu menu) {
        json.put("type", "menu").put("prompt", menu.prompt());
        ArrayNode options = json.putArray("options");
        for (MenuOption option : menu.options()) {
            ObjectNode item = options.addObject();
            optional(item, "digits", option.digits());
            option.keywords().forEach(item.putArray("keywords")::add);
            item.put("label", option.label()).put("next", option.next());
        }
        json.put("noInput", menu.noInput());
        optional(json, "invalid", menu.invalid());
        json.put("timeoutSeconds", menu.timeoutSeconds()).put("noInputRetries", menu.noInputRetries())
                .put("invalidRetries", menu.invalidRetries())
                // Written even when null: an absent repeatKey reads as the default key, not as none.
                .put("repeatKey", menu.repeatKey())
                .put("back", menu.back()).put("operator", menu.operator()).put("maxVisits", menu.maxVisits());
    }

    private static void optional(ObjectNode json, String field, String value) {
        if (value != null) {
            json.put(field, value);
        }
    }
}
