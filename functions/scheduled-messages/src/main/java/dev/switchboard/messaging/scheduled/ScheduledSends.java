package dev.switchboard.messaging.scheduled;

import com.fasterxml.jackson.databind.JsonNode;
import com.twilio.http.TwilioRestClient;
import dev.switchboard.shared.json.Json;
import dev.switchboard.shared.log.Log;
import dev.switchboard.shared.messaging.Message;
import dev.switchboard.shared.messaging.MessageEvents;
import dev.switchboard.shared.twilio.rest.MessageSending;
import dev.switchboard.shared.twilio.MessageStatus;
import dev.switchboard.shared.messaging.Messages;
import dev.switchboard.shared.messaging.OptOuts;
import dev.switchboard.shared.messaging.ScheduledMessages;
import dev.switchboard.shared.queue.MessageHandler;
import dev.switchboard.shared.queue.QueueMessage;
import dev.switchboard.shared.twilio.rest.TwilioAccess;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Sends one scheduled message, once. The claim (scheduled to sending, conditional) is what makes
 * it once: a second copy from an overlapping sweep finds it taken. Opt-out ({@link OptOuts}) is
 * checked again at send time. What Twilio refuses fails the message for good; what Twilio says it
 * did not take (throttled, down) goes back to scheduled for the next sweep; a send that got no
 * answer stays sending until the sweep brings it back, and then Twilio is asked whether it went
 * before it is sent again: a message like it that Twilio created while its earlier attempts held
 * their claims, and that no other message holds, is this one's (two identical reminders are two
 * messages).
 */
public final class ScheduledSends implements MessageHandler {
    private static final Log LOG = Log.of(ScheduledSends.class);
    /**
     * How long after its claim an attempt can still have reached Twilio: the sending function's
     * timeout (25 s) ends it before then. A lost claim is taken back only after ScheduleSweep.STUCK.
     */
    public static final Duration ATTEMPT = Duration.ofSeconds(30);
    /** Twilio's date_created is in whole seconds, and its clock is not ours. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(5);

    private final ScheduledMessages scheduled;
    private final Messages messages;
    private final OptOuts optOuts;
    private final TwilioAccess twilio;
    private final String baseUrl;
    private final Clock clock;

    public ScheduledSends(ScheduledMessages scheduled, Messages messages, OptOuts optOuts, TwilioAccess twilio,
                          String baseUrl, Clock clock) {
        this.scheduled = scheduled;
        this.messages = messages;
        this.optOuts = optOuts;
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
        Optional<ScheduledMessages.Claimed> taken = scheduled.claim(tenantId, messageId, now,
                now.minus(ScheduleSweep.STUCK));
        if (taken.isEmpty()) {
            LOG.info("scheduled message not ours to send (sent, canceled or being sent)", "messageId", messageId);
            return;
        }
        Message m = taken.get().message();
        var connected = twilio.of(tenantId, m.accountSid()).orElse(null);
        if (connected == null) {
            fail(m, null, "The Twilio account is no longer connected", now);
            return;
        }
        if (taken.get().takenBack() && wentAfterAll(connected.client(), taken.get())) {
            return;
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
                        "late", Duration.between(m.sendAt(), now).toMillis());
            }
            case MessageSending.Refused refused -> {
                if (refused.optedOut()) {
                    optOuts.refusedByTwilio(tenantId, m.number(), m.party(), now);
                }
                fail(m, refused.code() == null ? null : refused.code().toString(), refused.message(), now);
            }
            case MessageSending.Unavailable unavailable -> {
                scheduled.release(m);
                throw new IllegalStateException("Twilio did not take scheduled message " + messageId + ": "
                        + unavailable.reason());
            }
            case MessageSending.Unknown unknown ->
                    throw new IllegalStateException("no answer from Twilio for scheduled message " + messageId + ": "
                            + unknown.reason());
        }
    }

    /**
     * Whether an earlier attempt had reached Twilio after all: a message like this one, created
     * while those attempts held their claims, that no other message holds, becomes this one's.
     */
    private boolean wentAfterAll(TwilioRestClient client, ScheduledMessages.Claimed claimed) {
        Message m = claimed.message();
        for (String sid : MessageSending.sentWithin(client, m, claimed.firstAttemptAt().minus(CLOCK_SKEW),
                claimed.lastAttemptAt().plus(ATTEMPT).plus(CLOCK_SKEW))) {
            switch (scheduled.attribute(m, sid)) {
                case APPLIED -> {
                    LOG.info("scheduled message had been sent", "messageId", m.id(), "messageSid", sid);
                    return true;
                }
                case REPEAT -> {
                    LOG.info("scheduled message got its SID meanwhile", "messageId", m.id());
                    return true;
                }
                default -> LOG.info("a message like it is another's", "messageId", m.id(), "messageSid", sid);
            }
        }
        return false;
    }

    private void fail(Message m, String errorCode, String errorMessage, Instant now) {
        Message failed = m.withStatus(MessageStatus.FAILED).withError(errorCode, errorMessage);
        scheduled.failedToSend(m, errorCode, errorMessage, MessageEvents.statusChanged(failed, now));
        LOG.warn("scheduled message failed", "messageId", m.id(), "errorCode", errorCode);
    }
}
