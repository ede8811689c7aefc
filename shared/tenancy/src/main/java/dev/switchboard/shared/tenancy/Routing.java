package dev.switchboard.shared.tenancy;

import dev.switchboard.shared.twilio.PhoneNumbers;

import java.net.URI;

/**
 * How a number answers. Which fields matter depends on the mode; the constructor refuses a
 * combination Twilio could not carry out, naming the field, so bad routing fails when it is
 * saved rather than when a caller is waiting.
 *
 * @param greeting        spoken first: before dialling (forward, client), as the voicemail prompt
 *                        (voicemail), or as the whole answer (greeting)
 * @param voicemail       whether an unanswered forward or client call falls through to voicemail
 * @param timeoutSeconds  how long {@code <Dial>} rings, 5 to 600 as Twilio allows
 * @param flowId          flow mode: the tenant's library flow (menus, hours, ring groups) that answers
 * @param flow            flow mode, instead of {@code flowId}: the number's own flow, as its JSON
 *                        (checked by the flows capability before it is saved)
 */
public record Routing(RoutingMode mode, String forwardTo, boolean record, int timeoutSeconds, String greeting,
                      String streamUrl, boolean voicemail, String voicemailGreeting, String flowId, String flow) {

    public static final int DEFAULT_TIMEOUT_SECONDS = 20;

    public Routing {
        if (mode == null) {
            throw new IllegalArgumentException("routing.mode is required");
        }
        if (timeoutSeconds == 0) {
            timeoutSeconds = DEFAULT_TIMEOUT_SECONDS;
        }
        if (timeoutSeconds < 5 || timeoutSeconds > 600) {
            throw new IllegalArgumentException("routing.timeoutSeconds must be between 5 and 600, got " + timeoutSeconds);
        }
        greeting = blankToNull(greeting);
        flowId = blankToNull(flowId);
        voicemailGreeting = blankToNull(voicemailGreeting);
        forwardTo = blankToNull(forwardTo);
        streamUrl = blankToNull(streamUrl);
        switch (mode) {
            case FORWARD -> PhoneNumbers.requireE164(forwardTo, "routing.forwardTo");
            case STREAM -> requireWebSocket(streamUrl);
            case GREETING -> {
                if (greeting == null) {
                    throw new IllegalArgumentException("routing.greeting is required in greeting mode");
                }
            }
            case FLOW -> {
                if (flow == null && (flowId == null || !flowId.matches("[A-Za-z0-9_-]{1,64}"))) {
                    throw new IllegalArgumentException("routing.flowId is required in flow mode: the id of one of the tenant's flows");
                }
                if (flow != null && flowId != null) {
                    throw new IllegalArgumentException("routing has flowId and flow: name a library flow or give the number its own, not both");
                }
            }
            case CLIENT, VOICEMAIL -> {
            }
        }
        if (mode != RoutingMode.FLOW) {
            flowId = null;
            flow = null;
        }
    }

    /** Every mode but flow. */
    public Routing(RoutingMode mode, String forwardTo, boolean record, int timeoutSeconds, String greeting,
                   String streamUrl, boolean voicemail, String voicemailGreeting) {
        this(mode, forwardTo, record, timeoutSeconds, greeting, streamUrl, voicemail, voicemailGreeting, null, null);
    }

    public Routing(RoutingMode mode, String forwardTo, boolean record, int timeoutSeconds, String greeting,
                   String streamUrl, boolean voicemail, String voicemailGreeting, String flowId) {
        this(mode, forwardTo, record, timeoutSeconds, greeting, streamUrl, voicemail, voicemailGreeting, flowId, null);
    }

    public static Routing flow(String flowId) {
        return new Routing(RoutingMode.FLOW, null, false, DEFAULT_TIMEOUT_SECONDS, null, null, false, null, flowId, null);
    }

    /**
     * The flow a call to this number runs, as the flows capability names it: the library flow's
     * id, or {@code @} and the number for the number's own (never a library id: those have no @).
     */
    public String flowRef(String phoneNumber) {
        return flow != null ? "@" + phoneNumber : flowId;
    }

    public static Routing forward(String to) {
        return new Routing(RoutingMode.FORWARD, to, false, DEFAULT_TIMEOUT_SECONDS, null, null, false, null);
    }

    private static void requireWebSocket(String url) {
        if (url == null) {
            throw new IllegalArgumentException("routing.streamUrl is required in stream mode");
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("routing.streamUrl is not a URL: '" + url + "'");
        }
        if (!"wss".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("routing.streamUrl must be a wss:// URL (Twilio streams only over TLS), got '"
                    + url + "'");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
