package dev.switchboard.shared.flows.run;

import java.net.URI;
import java.time.Instant;

/**
 * The call a flow answers, as the webhook saw it.
 *
 * @param baseUrl where Twilio reaches Switchboard: the URLs in the TwiML are built on it
 */
public record FlowCall(String tenantId, String callSid, String from, String to, Instant now, URI baseUrl) {
}
