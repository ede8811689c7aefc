package dev.switchboard.shared.messaging;

import dev.switchboard.shared.events.DomainEvent;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The messaging events as consumers receive them (docs/events.md); each id derived from its cause. */
public final class MessageEvents {
    private MessageEvents() {
    }

    public static DomainEvent received(Message m, String messagingServiceSid, Instant now) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("messageId", m.id());
        payload.put("conversationId", m.conversationId());
        payload.put("messageSid", m.messageSid());
        payload.put("accountSid", m.accountSid());
        payload.put("messagingServiceSid", messagingServiceSid);
        payload.put("from", m.from());
        payload.put("to", m.to());
        payload.put("body", m.body());
        payload.put("numMedia", m.media().size());
        payload.put("media", m.media().stream().map(i -> Map.of("index", i.index(), "contentType", i.contentType()))
                .toList());
        return DomainEvent.of(DomainEvent.MESSAGE_RECEIVED, m.tenantId(), "received|" + m.messageSid(), now, payload);
    }

    /** Once per status a message reaches: a status is reached once, so its id is the message's and the status's. */
    public static DomainEvent statusChanged(Message m, Instant now) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("messageId", m.id());
        payload.put("conversationId", m.conversationId());
        payload.put("messageSid", m.messageSid());
        payload.put("status", m.status().wire());
        payload.put("errorCode", m.errorCode());
        payload.put("errorMessage", m.errorMessage());
        payload.put("sentAt", m.sentAt() == null ? null : m.sentAt().toString());
        payload.put("deliveredAt", m.deliveredAt() == null ? null : m.deliveredAt().toString());
        return DomainEvent.of(DomainEvent.MESSAGE_STATUS_CHANGED, m.tenantId(),
                "status|" + m.id() + "|" + m.status().wire(), now, payload);
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
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("conversationId", conversationId);
        payload.put("number", number);
        payload.put("party", party);
        payload.put("reason", reason);
        return DomainEvent.of(out ? DomainEvent.CONTACT_OPTED_OUT : DomainEvent.CONTACT_OPTED_IN, tenantId,
                "opt|" + conversationId + "|" + cause, now, payload);
    }

    /** The event of Twilio refusing a send with 21610: the party opted out where we did not see it. */
    public static DomainEvent refusedAsOptedOut(String tenantId, String number, String party, Instant now) {
        return optedOut(true, tenantId, number, party, "twilio_21610", "21610|" + now.toEpochMilli(), now);
    }

}
