package dev.switchboard.shared.flows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.shared.twilio.PhoneNumbers;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads one node of a flow's JSON. Defaults are filled in here, once, so every later reader of a
 * flow sees the values a call will run with.
 */
final class NodeReader {
    private static final Set<String> HOURS = Set.of("type", "schedule", "open", "closed", "holiday", "emergency");
    private static final Set<String> MENU = Set.of("type", "prompt", "options", "noInput", "invalid", "timeoutSeconds",
            "noInputRetries", "invalidRetries", "repeatKey", "back", "operator", "maxVisits");
    private static final Set<String> OPTION = Set.of("digits", "keywords", "label", "next");
    private static final Set<String> RING = Set.of("type", "agents", "phone", "strategy", "timeoutSeconds", "noAnswer",
            "record");
    private static final Set<String> VOICEMAIL = Set.of("type", "prompt", "agentId", "box");
    private static final Set<String> STREAM = Set.of("type", "url");
    private static final Set<String> SAY = Set.of("type", "text", "next");
    private static final Set<String> HANGUP = Set.of("type");

    private NodeReader() {
    }

    static FlowNode read(String id, JsonFields json) {
        String type = json.requiredText("type", 20);
        return switch (type) {
            case "hours" -> hours(id, json.only(HOURS));
            case "menu" -> menu(id, json.only(MENU));
            case "ring" -> ring(id, json.only(RING));
            case "voicemail" -> voicemail(id, json.only(VOICEMAIL));
            case "stream" -> new Stream(id, websocket(json.only(STREAM)));
            case "say" -> say(id, json.only(SAY));
            case "hangup" -> {
                json.only(HANGUP);
                yield new Hangup(id);
            }
            default -> throw new InvalidFlow(json.path("type"), json.path("type")
                    + " must be one of hours, menu, ring, voicemail, stream, say, hangup");
        };
    }

    private static Hours hours(String id, JsonFields json) {
        return new Hours(id, json.requiredId("schedule"), json.requiredId("open"), json.requiredId("closed"),
                json.id("holiday"), json.id("emergency"));
    }

    private static VoicemailBox voicemail(String id, JsonFields json) {
        return new VoicemailBox(id, json.text("prompt", FlowLimits.MAX_TEXT), json.id("agentId"),
                json.text("box", FlowLimits.MAX_LABEL));
    }

    private static Say say(String id, JsonFields json) {
        return new Say(id, json.requiredText("text", FlowLimits.MAX_TEXT), json.id("next"));
    }

    private static Menu menu(String id, JsonFields json) {
        List<JsonNode> items = json.array("options", FlowLimits.MAX_OPTIONS);
        if (items.isEmpty()) {
            throw new InvalidFlow(json.path("options"), json.path("options") + " must hold at least one option");
        }
        List<MenuOption> options = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            options.add(option(new JsonFields(items.get(i), json.path("options") + "[" + i + "]").only(OPTION)));
        }
        return new Menu(id, json.requiredText("prompt", FlowLimits.MAX_TEXT), options, json.requiredId("noInput"),
                json.id("invalid"),
                json.integer("timeoutSeconds", FlowLimits.MIN_MENU_TIMEOUT, FlowLimits.MAX_MENU_TIMEOUT,
                        FlowLimits.DEFAULT_MENU_TIMEOUT),
                json.integer("noInputRetries", 0, FlowLimits.MAX_RETRIES, FlowLimits.DEFAULT_RETRIES),
                json.integer("invalidRetries", 0, FlowLimits.MAX_RETRIES, FlowLimits.DEFAULT_RETRIES),
                repeatKey(json), json.bool("back", true), json.bool("operator", true),
                json.integer("maxVisits", FlowLimits.MIN_VISITS, FlowLimits.MAX_VISITS, FlowLimits.DEFAULT_VISITS));
    }

    /**
     * Absent is the default key, null turns repeating off. Which key is a fit for the menu (a
     * single digit no option takes) is {@link FlowValidator}'s to say, with the menu in view.
     */
    private static String repeatKey(JsonFields json) {
        if (!json.present("repeatKey")) {
            return Menu.DEFAULT_REPEAT_KEY;
        }
        return json.text("repeatKey", 4);
    }

    private static MenuOption option(JsonFields json) {
        String digits = json.text("digits", 4);
        if (digits != null && !FlowLimits.OPTION_DIGITS.matcher(digits).matches()) {
            throw new InvalidFlow(json.path("digits"), json.path("digits") + " must be 1 to 4 of the digits 0-9");
        }
        return new MenuOption(digits, json.texts("keywords", FlowLimits.MAX_KEYWORDS, FlowLimits.MAX_KEYWORD),
                json.requiredText("label", FlowLimits.MAX_LABEL), json.requiredId("next"));
    }

    private static Ring ring(String id, JsonFields json) {
        List<String> agents = json.ids("agents", FlowLimits.MAX_AGENTS);
        String phone = json.text("phone", 16);
        if (phone != null && !PhoneNumbers.isE164(phone)) {
            throw new InvalidFlow(json.path("phone"), json.path("phone") + " must be an E.164 number like +14155550100");
        }
        if (agents.isEmpty() == (phone == null)) {
            throw new InvalidFlow(json.path(phone == null ? "agents" : "phone"), json.path("agents") + " (1 to "
                    + FlowLimits.MAX_AGENTS + " agent ids) or " + json.path("phone") + " is required, not both");
        }
        return new Ring(id, agents, phone, strategy(json),
                json.integer("timeoutSeconds", FlowLimits.MIN_RING_TIMEOUT, FlowLimits.MAX_RING_TIMEOUT,
                        FlowLimits.DEFAULT_RING_TIMEOUT),
                json.id("noAnswer"), json.bool("record", false));
    }

    private static RingStrategy strategy(JsonFields json) {
        String name = json.text("strategy", 20);
        if (name == null) {
            return RingStrategy.SIMULTANEOUS;
        }
        RingStrategy strategy = RingStrategy.fromWireName(name);
        if (strategy == null) {
            throw new InvalidFlow(json.path("strategy"), json.path("strategy") + " must be simultaneous or in-order");
        }
        return strategy;
    }

    /**
     * A wss:// URL with a host: the media stream is the call's audio, never sent in the clear. No
     * user:password@ either: the flow is shown to everyone who may read it, a secret is not.
     */
    private static String websocket(JsonFields json) {
        String url = json.requiredText("url", FlowLimits.MAX_URL);
        try {
            URI uri = new URI(url);
            if ("wss".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null && uri.getUserInfo() == null) {
                return url;
            }
        } catch (URISyntaxException e) {
            // Refused below like any other URL that is not wss://.
        }
        throw new InvalidFlow(json.path("url"), json.path("url") + " must be a wss:// URL with a host");
    }
}
