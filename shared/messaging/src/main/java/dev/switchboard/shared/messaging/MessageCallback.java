package dev.switchboard.shared.messaging;

import dev.switchboard.shared.twilio.MessageStatus;

import java.time.Instant;
import java.util.Map;

/**
 * A message status callback, as signed by the account that sent the message.
 *
 * @param messageId    Switchboard's id, from the StatusCallback URL Switchboard gave Twilio; null
 *                     for a callback that named none (then the MessageSid finds the message)
 * @param errorCode    Twilio's ErrorCode, or null when the callback carried none (never "erase it")
 * @param params       every parameter, for the message's event log
 */
public record MessageCallback(String messageId, String messageSid, String tenantId, String accountSid,
                              MessageStatus status, String errorCode, String errorMessage, Instant receivedAt,
                              Map<String, String> params) {
}
