package dev.switchboard.shared.tenancy;

import java.util.Arrays;
import java.util.stream.Collectors;

/** How an inbound call to a number is answered. */
public enum RoutingMode {
    /** Dial a phone number. */
    FORWARD,
    /** Ring the agent's browser (Voice JavaScript SDK). */
    CLIENT,
    /** Play a greeting and record a message. */
    VOICEMAIL,
    /** Connect the call's audio to a WebSocket, e.g. an AI voice agent. */
    STREAM,
    /** Play a message and hang up. */
    GREETING,
    /** Run one of the tenant's flows: business hours, menus, ring groups (shared/flows). */
    FLOW;

    public String wireName() {
        return name().toLowerCase();
    }

    public static RoutingMode fromWire(String value) {
        for (RoutingMode mode : values()) {
            if (mode.wireName().equals(value)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("routing.mode must be one of "
                + Arrays.stream(values()).map(RoutingMode::wireName).collect(Collectors.joining(", "))
                + ", got '" + value + "'");
    }
}
