package dev.switchboard.messaging.scheduled;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.shared.json.Json;
import dev.switchboard.shared.log.Log;
import dev.switchboard.shared.messaging.Message;
import dev.switchboard.shared.messaging.MessageEvents;
import dev.switchboard.shared.messaging.MessageSending;
import dev.switchboard.shared.messaging.MessageStatus;
import dev.switchboard.shared.messaging.MessageStore;
import dev.switchboard.shared.messaging.OptOuts;
import dev.switchboard.shared.queue.MessageHandler;
import dev.switchboard.shared.queue.QueueMessage;
import dev.switchboard.shared.twilio.TwilioAccess;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Sends one scheduled message, once. The claim (scheduled to sending, conditional) is what makes
 * it once: a second copy from an overlapping sweep finds it taken. Opt-out ({@link OptOuts}) is
 * checked again at send time. What Twilio refuses fails the message for good; what Twilio says it did not take
 * (throttled, down) goes back to scheduled for the next sweep; a send that got no answer stays
 * sending until the sweep brings it back, and then Twilio is asked whether it went before it is
 * sent again.
 */
public final class ScheduledSends implements MessageHandler {
    private static final Log LOG = Log.of(ScheduledSends.class);

    private final MessageStore messages;
    private final OptOuts optOuts;
    private final TwilioAccess twilio;
    private final String baseUrl;
    private final Clock clock;

    public ScheduledSends(MessageStore messages, TwilioAccess twilio, String baseUrl, Clock clock) {
        this.messages = messages;
        this.optOuts = new OptOuts(messages);
        this.twilio = twilio;
        this.baseUrl = baseUrl;
        this.clock = clock;
    }

    @Override
    public void handle(QueueMessage queued) throws Exception {
        JsonNode body = Json.MAPPER.readTree(queued.body());
        String tenantId = body.path("tenantId").asText();
        String messageId = body.path("messageId").asText();
        Instant now = clock.instant();
        Optional<Message> taken = messages.claim(tenantId, messageId, now, now.minus(ScheduleSweep.STUCK));
        if (taken.isEmpty()) {
            LOG.info("scheduled message not ours to send (sent, canceled or being sent)", "messageId", messageId);
            return;
        }
        Message m = taken.get();
        var connected = twilio.of(tenantId, m.accountSid()).orElse(null);
        if (connected == null) {
            fail(m, null, "The Twilio account is no longer connected", now);
            return;
        }
        if (m.status() == MessageStatus.SENDING) {
            // Taken before and never finished: if Twilio has it, it went.
            Optional<String> sid = MessageSending.findSent(connected.client(), m, m.createdAt());
            if (sid.isPresent()) {
                messages.accepted(m.withSid(sid.get(), null));
                LOG.info("scheduled message had been sent", "messageId", messageId, "messageSid", sid.get());
                return;
            }
        }
        var optedOut = optOuts.barring(tenantId, m.party());
        if (optedOut.isPresent()) {
            fail(m, Integer.toString(MessageSending.OPTED_OUT), OptOuts.refusal(optedOut.get()), now);
            return;
        }
        String service = m.from() == null ? m.number() : null;
        switch (MessageSending.send(connected.client(), m, service, baseUrl)) {
            case MessageSending.Accepted accepted -> {
                messages.accepted(m.withSid(accepted.messageSid(), accepted.from()));
                LOG.info("scheduled message sent", "messageId", messageId, "messageSid", accepted.messageSid(),
                        "late", java.time.Duration.between(m.sendAt(), now).toMillis());
            }
            case MessageSending.Refused refused -> {
                if (refused.optedOut()) {
                    optOuts.refusedByTwilio(tenantId, m.number(), m.party(), now);
                }
                fail(m, refused.code() == null ? null : refused.code().toString(), refused.message(), now);
            }
            case MessageSending.Unavailable unavailable -> {
                messages.release(m);
                throw new IllegalStateException("Twilio did not take scheduled message " + messageId + ": "
                        + unavailable.reason());
            }
            case MessageSending.Unknown unknown ->
                    throw new IllegalStateException("no answer from Twilio for scheduled message " + messageId + ": "
                            + unknown.reason());
        }
    }

    private void fail(Message m, String errorCode, String errorMessage, Instant now) {
        Message failed = m.withStatus(MessageStatus.FAILED).withError(errorCode, errorMessage);
        messages.failedToSend(m, errorCode, errorMessage, MessageEvents.statusChanged(failed, now));
        LOG.warn("scheduled message failed", "messageId", m.id(), "errorCode", errorCode);
    }
}
