package dev.switchboard.shared.messaging;

import dev.switchboard.shared.events.DomainEvent;
import dev.switchboard.shared.events.EventPayload;

import java.time.Instant;

/** The messaging events as consumers receive them (docs/events.md); each id derived from its cause. */
public final class MessageEvents {
    private MessageEvents() {
    }

    public static DomainEvent received(Message m, String messagingServiceSid, Instant now) {
        return DomainEvent.of(m.tenantId(), "received|" + m.messageSid(), now, new EventPayload.MessageReceived(m.id(),
                m.conversationId(), m.messageSid(), m.accountSid(), messagingServiceSid, m.from(), m.to(), m.body(),
                m.media().size(), m.media().stream()
                        .map(i -> new EventPayload.ReceivedMedia(i.index(), i.contentType())).toList()));
    }

    /** Once per status a message reaches: a status is reached once, so its id is the message's and the status's. */
    public static DomainEvent statusChanged(Message m, Instant now) {
        return DomainEvent.of(m.tenantId(), "status|" + m.id() + "|" + m.status().wire(), now,
                new EventPayload.MessageStatusChanged(m.id(), m.conversationId(), m.messageSid(), m.number(), m.status().wire(),
                        m.errorCode(), m.errorMessage(), m.sentAt(), m.deliveredAt()));
    }

    /**
     * {@code contact.opted-out} or {@code contact.opted-in}.
     *
     * @param reason the keyword the party texted, or twilio_21610 when Twilio refused a send
     * @param cause  what makes this change unique (the MessageSid of the keyword, the time of the refusal)
     */
    public static DomainEvent optedOut(boolean out, String tenantId, String number, String party, String reason,
                                       String cause, Instant now) {
        String conversationId = MessageIds.conversationId(tenantId, number, party);
        EventPayload payload = out ? new EventPayload.ContactOptedOut(conversationId, number, party, reason)
                : new EventPayload.ContactOptedIn(conversationId, number, party, reason);
        return DomainEvent.of(tenantId, "opt|" + conversationId + "|" + cause, now, payload);
    }

    /** The event of Twilio refusing a send with 21610: the party opted out where we did not see it. */
    public static DomainEvent refusedAsOptedOut(String tenantId, String number, String party, Instant now) {
        return optedOut(true, tenantId, number, party, "twilio_21610", "21610|" + now.toEpochMilli(), now);
    }

}
