package dev.switchboard.api.numbers;

import dev.switchboard.shared.api.JsonObject;
import dev.switchboard.shared.tenancy.MessagingSettings;
import dev.switchboard.shared.tenancy.Routing;
import dev.switchboard.shared.tenancy.RoutingMode;

import java.util.Set;

/** The parts of a number's request body: its routing and its messaging settings, checked field by field. */
final class NumberBodies {
    private static final Set<String> ROUTING_FIELDS = Set.of("mode", "forwardTo", "record", "timeoutSeconds",
            "greeting", "streamUrl", "voicemail", "voicemailGreeting", "flowId", "flow");

    private NumberBodies() {
    }

    static Routing routing(JsonObject json) {
        json.only(ROUTING_FIELDS);
        String mode = json.requiredString("mode");
        return JsonObject.validated("routing", () -> new Routing(RoutingMode.fromWire(mode),
                json.string("forwardTo").orElse(null), json.bool("record").orElse(false),
                json.integer("timeoutSeconds").orElse(0), json.string("greeting").orElse(null),
                json.string("streamUrl").orElse(null), json.bool("voicemail").orElse(false),
                json.string("voicemailGreeting").orElse(null), json.string("flowId").orElse(null),
                json.raw("flow").filter(f -> !f.isNull()).map(f -> {
                    if (!f.isObject()) {
                        throw dev.switchboard.shared.api.ApiError.badField("routing.flow", "routing.flow must be a flow object");
                    }
                    return dev.switchboard.shared.json.Json.write(f);
                }).orElse(null)));
    }

    static MessagingSettings messaging(JsonObject json) {
        json.only(Set.of("autoReply", "autoReplyWindowMinutes", "helpText"));
        return JsonObject.validated("messaging", () -> new MessagingSettings(
                json.string("autoReply", MessagingSettings.MAX_TEXT).orElse(null),
                json.integer("autoReplyWindowMinutes").orElse(MessagingSettings.DEFAULT_WINDOW_MINUTES),
                json.string("helpText", MessagingSettings.MAX_TEXT).orElse(null)));
    }
}
