package dev.switchboard.api.numbers;

import dev.switchboard.shared.tenancy.MessagingSettings;
import dev.switchboard.shared.tenancy.PhoneNumber;
import dev.switchboard.shared.tenancy.Routing;

/** A number as the API answers it (docs/openapi.yaml, PhoneNumber). */
record NumberView(String phoneNumber, String accountSid, String agentId, RoutingView routing,
                  MessagingSettings messaging) {

    /** How the number answers, every field whatever the mode, as it was saved. */
    record RoutingView(String mode, String forwardTo, boolean record, int timeoutSeconds, String greeting,
                       String streamUrl, boolean voicemail, String voicemailGreeting, String flowId,
                       com.fasterxml.jackson.databind.JsonNode flow) {
    }

    static NumberView of(PhoneNumber number) {
        Routing r = number.routing();
        return new NumberView(number.phoneNumber(), number.accountSid(), number.agentId(),
                new RoutingView(r.mode().wireName(), r.forwardTo(), r.record(), r.timeoutSeconds(), r.greeting(),
                        r.streamUrl(), r.voicemail(), r.voicemailGreeting(), r.flowId(),
                        r.flow() == null ? null : dev.switchboard.shared.json.Json.parse(r.flow())),
                number.messaging());
    }
}
