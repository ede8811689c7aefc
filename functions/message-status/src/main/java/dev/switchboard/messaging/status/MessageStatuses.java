package dev.switchboard.messaging.status;

import dev.switchboard.shared.log.Log;
import dev.switchboard.shared.messaging.MessageCallback;
import dev.switchboard.shared.messaging.MessageEvents;
import dev.switchboard.shared.twilio.MessageStatus;
import dev.switchboard.shared.messaging.Messages;
import dev.switchboard.shared.webhook.VerifiedWebhook;
import dev.switchboard.shared.webhook.Webhook;
import dev.switchboard.shared.webhook.WebhookRejected;
import dev.switchboard.shared.webhook.WebhookResponse;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A message status callback: delivery tracking that order cannot break. The message is found by
 * the id Switchboard put in the callback URL (signed with the rest of it), else by the tenant's
 * SID index. A status only moves forward, an error code is never erased, every callback is in the
 * message's log, and each applied change is one {@code message.status-changed}. A callback for a
 * message Switchboard did not send is answered and writes nothing.
 */
public final class MessageStatuses implements Webhook {
    private static final Log LOG = Log.of(MessageStatuses.class);
    private static final Pattern MESSAGE_ID = Pattern.compile("msg_[0-9a-f]{24}");
    private static final int MAX_ERROR_MESSAGE = 1000;

    private final Messages messages;
    private final Clock clock;

    public MessageStatuses(Messages messages, Clock clock) {
        this.messages = messages;
        this.clock = clock;
    }

    @Override
    public WebhookResponse handle(VerifiedWebhook hook) {
        String messageSid = hook.param("MessageSid").or(() -> hook.param("SmsSid"))
                .orElseThrow(() -> WebhookRejected.badRequest("Missing required parameter MessageSid"));
        String wire = hook.param("MessageStatus").or(() -> hook.param("SmsStatus"))
                .orElseThrow(() -> WebhookRejected.badRequest("Missing required parameter MessageStatus"));
        MessageStatus status = MessageStatus.fromWire(wire)
                .orElseThrow(() -> WebhookRejected.badRequest("Unknown MessageStatus " + wire));
        // The SIDs, the status and the error code are Twilio's own: TwilioParameters checked them.
        String errorCode = hook.param("ErrorCode").filter(code -> !code.equals("0")).orElse(null);
        String errorMessage = hook.param("ErrorMessage")
                .map(m -> m.length() > MAX_ERROR_MESSAGE ? m.substring(0, MAX_ERROR_MESSAGE) : m).orElse(null);
        Optional<String> named = hook.queryParam("messageId");
        if (named.isPresent() && !MESSAGE_ID.matcher(named.get()).matches()) {
            throw WebhookRejected.badRequest("messageId is not a Switchboard message id");
        }
        Optional<String> messageId = named.or(() -> messages.messageIdOf(hook.tenantId(), messageSid));
        if (messageId.isEmpty()) {
            // Not a message Switchboard sent (or another tenant's): nothing of ours to track.
            LOG.info("status of a message Switchboard does not know; ignored", "messageSid", messageSid,
                    "accountSid", hook.accountSid(), "status", wire);
            return WebhookResponse.emptyTwiml();
        }
        Instant now = clock.instant();
        var result = messages.applyStatus(new MessageCallback(messageId.get(), messageSid, hook.tenantId(),
                hook.accountSid(), status, errorCode, errorMessage, now, hook.params()), after -> MessageEvents.statusChanged(after, now));
        switch (result.outcome()) {
            case FOREIGN -> LOG.warn("status callback for a message not of this account; ignored",
                    "messageId", messageId.get(), "messageSid", messageSid, "accountSid", hook.accountSid());
            case UNKNOWN -> LOG.info("status of a message Switchboard does not know; ignored", "messageId",
                    messageId.get(), "messageSid", messageSid, "accountSid", hook.accountSid(), "status", wire);
            default -> LOG.info("message status", "messageId", messageId.get(), "messageSid", messageSid,
                    "status", wire, "errorCode", errorCode, "outcome", result.outcome().name());
        }
        return WebhookResponse.emptyTwiml();
    }
}
