package dev.switchboard.messaging.inbound;

import dev.switchboard.shared.events.DomainEvent;
import dev.switchboard.shared.log.Log;
import dev.switchboard.shared.messaging.Keyword;
import dev.switchboard.shared.messaging.MessageEvents;
import dev.switchboard.shared.messaging.Message;
import dev.switchboard.shared.messaging.MessageIds;
import dev.switchboard.shared.messaging.Conversations;
import dev.switchboard.shared.messaging.Messages;
import dev.switchboard.shared.messaging.Outcome;
import dev.switchboard.shared.messaging.OptOuts;
import dev.switchboard.shared.tenancy.Directory;
import dev.switchboard.shared.tenancy.PhoneNumber;
import dev.switchboard.shared.twiml.Twiml;
import dev.switchboard.shared.webhook.VerifiedWebhook;
import dev.switchboard.shared.webhook.Webhook;
import dev.switchboard.shared.webhook.WebhookRejected;
import dev.switchboard.shared.webhook.WebhookResponse;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An inbound SMS or MMS to one of a tenant's numbers: kept in its conversation (one more unread),
 * once per MessageSid, with {@code message.received}; its media copied to S3 by the media worker.
 * A keyword opts the sender out of the tenant's messages or back in ({@code contact.opted-out},
 * {@code contact.opted-in}; see {@link OptOuts}) or asks for help; any other message may get the
 * number's auto-reply, at most once per conversation per window.
 */
public final class InboundMessages implements Webhook {
    private static final Log LOG = Log.of(InboundMessages.class);
    /** Twilio delivers at most ten media items with a message. */
    static final int MAX_MEDIA = 10;

    private final Directory directory;
    private final Messages messages;
    private final Conversations conversations;
    private final OptOuts optOuts;
    private final Clock clock;

    public InboundMessages(Directory directory, Messages messages, Conversations conversations, OptOuts optOuts,
                           Clock clock) {
        this.directory = directory;
        this.messages = messages;
        this.conversations = conversations;
        this.optOuts = optOuts;
        this.clock = clock;
    }

    @Override
    public WebhookResponse handle(VerifiedWebhook hook) {
        String messageSid = hook.param("MessageSid").or(() -> hook.param("SmsMessageSid"))
                .orElseThrow(() -> WebhookRejected.badRequest("Missing required parameter MessageSid"));
        String to = hook.required("To");
        String from = hook.required("From");
        String body = hook.param("Body").orElse("");
        List<Message.MediaItem> media = media(hook);

        // A number of another tenant, or of a sibling account, is no number of this one.
        Optional<PhoneNumber> owned = directory.number(to).filter(n -> n.tenantId().equals(hook.tenantId()))
                .filter(n -> n.accountSid().equals(hook.accountSid()));
        if (owned.isEmpty()) {
            LOG.warn("message to a number no tenant has", "messageSid", messageSid, "accountSid", hook.accountSid(),
                    "to", to);
            return WebhookResponse.emptyTwiml();
        }
        PhoneNumber number = owned.get();
        String optOutType = hook.param("OptOutType").orElse(null);
        Optional<Keyword> keyword = optOutType != null ? Keyword.fromOptOutType(optOutType) : Keyword.of(body);

        Instant now = clock.instant();
        String conversationId = MessageIds.conversationId(hook.tenantId(), to, from);
        Message message = Message.inbound(MessageIds.inboundId(hook.tenantId(), messageSid), hook.tenantId(),
                hook.accountSid(), conversationId, messageSid, to, from, body, media, now);
        Optional<Boolean> optedOut = OptOuts.change(keyword);
        List<DomainEvent> events = new ArrayList<>();
        events.add(MessageEvents.received(message, hook.param("MessagingServiceSid").orElse(null), now));
        optedOut.ifPresent(out -> events.add(MessageEvents.optedOut(out, hook.tenantId(), to, from,
                optOutType != null ? optOutType.strip().toUpperCase(Locale.ROOT) : body.strip().toUpperCase(Locale.ROOT),
                messageSid, now)));
        var outcome = messages.received(message, optedOut, events);
        LOG.info("message received", "messageSid", messageSid, "tenantId", hook.tenantId(), "numMedia", media.size(),
                "keyword", keyword.map(Enum::name).orElse(null), "outcome", outcome.name());
        if (outcome == Outcome.FOREIGN) {
            return WebhookResponse.emptyTwiml();
        }
        return reply(number, from, keyword, optOutType != null, outcome, conversationId, now)
                .map(text -> WebhookResponse.twiml(Twiml.response().add(Twiml.message(text))))
                .orElseGet(WebhookResponse::emptyTwiml);
    }

    /**
     * What to answer, if anything. STOP and START: nothing; Twilio (or the carrier) confirms them.
     * HELP: the number's help text, unless Twilio's Advanced Opt-Out (which sent OptOutType) has
     * answered it already. Anything else: the auto-reply, if the conversation has not had one
     * within the window and the party has not opted out; never to a repeated delivery.
     */
    private Optional<String> reply(PhoneNumber number, String party, Optional<Keyword> keyword,
                                   boolean twilioHandledKeywords, Outcome outcome, String conversationId,
                                   Instant now) {
        if (keyword.isPresent()) {
            return keyword.get() == Keyword.HELP && !twilioHandledKeywords
                    ? Optional.of(number.messaging().help()) : Optional.empty();
        }
        String autoReply = number.messaging().autoReply();
        if (autoReply == null || outcome != Outcome.APPLIED) {
            return Optional.empty();
        }
        // An auto-reply is a message from the tenant: none to a party who opted out of its messages.
        if (optOuts.barring(number.tenantId(), party).isPresent()) {
            return Optional.empty();
        }
        boolean claimed = conversations.claimAutoReply(number.tenantId(), conversationId, now,
                Duration.ofMinutes(number.messaging().autoReplyWindowMinutes()));
        return claimed ? Optional.of(autoReply) : Optional.empty();
    }

    /** Every media item, MediaUrl0 … MediaUrl{NumMedia-1}, each with its type: not just the first. */
    private static List<Message.MediaItem> media(VerifiedWebhook hook) {
        int count = hook.wholeNumber("NumMedia", MAX_MEDIA).map(Long::intValue).orElse(0);
        List<Message.MediaItem> media = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            // An http(s) URL: TwilioParameters holds every MediaUrl to that where it comes in.
            String url = hook.required("MediaUrl" + i);
            String type = hook.param("MediaContentType" + i).orElse("application/octet-stream");
            media.add(Message.MediaItem.atTwilio(i, url, type));
        }
        return media;
    }
}
