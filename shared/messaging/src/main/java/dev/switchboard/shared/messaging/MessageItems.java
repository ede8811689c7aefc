package dev.switchboard.shared.messaging;

import dev.switchboard.shared.twilio.MessageStatus;
import dev.switchboard.shared.store.Expression;
import dev.switchboard.shared.store.Item;
import dev.switchboard.shared.store.Transaction;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.switchboard.shared.store.Item.n;

/**
 * MessagesTable's items (key pk, sk), for the repositories that share it. A message at
 * (MSG#id, MSG) with its status callbacks at (MSG#id, LOG#digest); a conversation at (CONV#id, CONV);
 * the tenant's outbound message with a MessageSid at (SID#tenantId#sid, SID); whether a party opted
 * out of the tenant's messages at (OPTOUT#tenantId#party, OPTOUT).
 * Indexes, all sparse: byConversation (conversationId, position) over messages, byTenantActivityShard
 * (tenantShard, activityAt) over conversations with activity ({@link ConversationShards}), byDue
 * (dueShard, dueAt) over messages waiting to be sent ({@link DueShards}). See docs/data-model.md.
 */
final class MessageItems {
    static final String MSG = "MSG";
    static final String LOG = "LOG#";
    private static final String CONV = "CONV";
    private static final String SID = "SID";
    private static final String OPTOUT = "OPTOUT";
    /** The conversation is this tenant's, or nobody's yet. */
    private static final String SAME_TENANT = "(attribute_not_exists(tenantId) OR tenantId = :t)";
    /** The tenant's message, with no SID yet or this callback's. */
    private static final String SAME_MESSAGE = "tenantId = :t"
            + " AND (attribute_not_exists(messageSid) OR messageSid = :sid)";
    /** Fixed width, so that times sort as strings (Instant.toString drops zero fractions). */
    private static final DateTimeFormatter SORTABLE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final int PREVIEW = 160;

    private MessageItems() {
    }

    static String sortable(Instant at) {
        return SORTABLE.format(at);
    }

    static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk));
    }

    static Map<String, AttributeValue> messageKey(String messageId) {
        return key(MSG + "#" + messageId, MSG);
    }

    static Map<String, AttributeValue> conversationKey(String conversationId) {
        return key(CONV + "#" + conversationId, CONV);
    }

    /** The tenant's SID index: another tenant's use of a SID never meets it. */
    static Map<String, AttributeValue> sidKey(String tenantId, String messageSid) {
        return key(SID + "#" + tenantId + "#" + messageSid, SID);
    }

    /** One state per (tenant, party), whichever sender changed it last. */
    static Map<String, AttributeValue> optOutKey(String tenantId, String party) {
        return key(OPTOUT + "#" + tenantId + "#" + party, OPTOUT);
    }

    /**
     * A new outbound message, and who its conversation is between: {@link Outcome#REPEAT} when the
     * message exists, {@link Outcome#FOREIGN} when the conversation is another tenant's.
     */
    static Transaction<Outcome> created(String table, Message m, Map<String, AttributeValue> item) {
        return new Transaction<Outcome>()
                .add(Expression.when("attribute_not_exists(pk)").put(table, item), Outcome.REPEAT)
                .add(toConversation(table, m, conversationIdentity(m)), Outcome.FOREIGN);
    }

    /** Why a new message was refused, as the exception that says so: neither should befall a new id. */
    static IllegalStateException notCreated(Message m, Outcome refused) {
        return new IllegalStateException("message " + m.id() + (refused == Outcome.REPEAT ? " exists"
                : "'s conversation is another tenant's"));
    }

    /** {@code update} of the message's conversation, which must be the message's tenant's or nobody's. */
    static TransactWriteItem toConversation(String table, Message m, Expression update) {
        return update.condition(SAME_TENANT).with(":t", m.tenantId())
                .update(table, conversationKey(m.conversationId()));
    }

    /**
     * A status callback in its message's timeline. The key is the digest of the signed parameters,
     * so this put is also the delivery's claim: the same callback again finds it there and is refused.
     */
    static TransactWriteItem timelineEntry(String table, MessageCallback cb) {
        return Expression.when("attribute_not_exists(sk)").put(table, Item.create()
                .put("pk", MSG + "#" + cb.messageId()).put("sk", LOG + Item.digest(cb.params(), 12))
                .put("tenantId", cb.tenantId()).put("receivedAt", cb.receivedAt().toString())
                .put("at", sortable(cb.receivedAt()))
                .putStrings("params", cb.params()).build());
    }

    /**
     * The message as {@code change} leaves it, written only if it is still the tenant's and the SID's
     * and, when the status moves, still at the status the decision was made on.
     */
    static Expression progress(MessageCallback cb, MessageProgress.Change change, Message before) {
        Expression update = Expression.of()
                .setIfAbsent("messageSid", cb.messageSid())
                .set("updatedAt", cb.receivedAt().toString());
        if (change.attaches()) {
            update.remove("dueShard").remove("dueAt");
        }
        if (change.moves()) {
            MessageStatus status = change.after().status();
            update.set("status", status.wire()).set("statusRank", n(status.rank()));
            if (status == MessageStatus.CANCELED && !change.attaches()) {
                update.remove("dueShard").remove("dueAt");
            }
        }
        // Facts are kept whatever the order: an error code is never erased by a callback without one.
        update.set("errorCode", cb.errorCode()).set("errorMessage", cb.errorMessage());
        if (cb.status() == MessageStatus.SENT) {
            update.setIfAbsent("sentAt", cb.receivedAt().toString());
        }
        if (cb.status() == MessageStatus.DELIVERED) {
            update.setIfAbsent("deliveredAt", cb.receivedAt().toString());
        }
        update.with(":t", cb.tenantId()).with(":sid", cb.messageSid());
        return change.moves() ? unchangedSince(update, before) : update.condition(SAME_MESSAGE);
    }

    /**
     * The message's status is still what was read: the decision was made on it. Another callback
     * (or the sender, or a cancel) that moved it meanwhile fails this, and the callback is decided
     * again on what it wrote.
     */
    private static Expression unchangedSince(Expression update, Message before) {
        update.named("#status", "status");
        if (before.status() == null) {
            return update.condition(SAME_MESSAGE + " AND attribute_not_exists(#status)");
        }
        return update.with(":readStatus", before.status().wire())
                .condition(SAME_MESSAGE + " AND #status = :readStatus");
    }

    static Map<String, AttributeValue> messageItem(Message m) {
        Item item = Item.create()
                .put("pk", MSG + "#" + m.id()).put("sk", MSG)
                .put("messageId", m.id()).put("tenantId", m.tenantId()).put("accountSid", m.accountSid())
                .put("conversationId", m.conversationId()).put("direction", m.direction().wire())
                .put("messageSid", m.messageSid()).put("number", m.number()).put("party", m.party())
                .put("from", m.from()).put("to", m.to()).put("body", m.body())
                .put("status", m.status().wire()).put("statusRank", m.status().rank())
                .put("errorCode", m.errorCode()).put("errorMessage", m.errorMessage())
                .put("contactId", m.contactId())
                .put("createdAt", m.createdAt().toString())
                .put("position", sortable(m.createdAt()) + "#" + m.id());
        if (m.sendAt() != null) {
            item.put("sendAt", m.sendAt().toString());
        }
        Map<String, AttributeValue> values = new HashMap<>(item.build());
        if (!m.media().isEmpty()) {
            values.put("media", media(m.media()));
        }
        return values;
    }

    static AttributeValue media(List<Message.MediaItem> media) {
        return AttributeValue.fromL(media.stream().map(i -> AttributeValue.fromM(mediaItem(i))).toList());
    }

    private static Map<String, AttributeValue> mediaItem(Message.MediaItem i) {
        Item item = Item.create().put("index", i.index()).put("url", i.url()).put("contentType", i.contentType())
                .put("key", i.key());
        if (i.bytes() != null) {
            item.put("bytes", i.bytes().longValue());
        }
        return item.build();
    }

    static Message message(Map<String, AttributeValue> i) {
        List<Message.MediaItem> media = new ArrayList<>();
        AttributeValue list = i.get("media");
        if (list != null && list.hasL()) {
            for (AttributeValue v : list.l()) {
                var m = v.m();
                media.add(new Message.MediaItem(Item.number(m, "index").intValue(), Item.string(m, "url"),
                        Item.string(m, "contentType"), Item.string(m, "key"), Item.number(m, "bytes")));
            }
        }
        String direction = Item.string(i, "direction");
        return new Message(Item.string(i, "messageId"), Item.string(i, "tenantId"), Item.string(i, "accountSid"),
                Item.string(i, "conversationId"),
                direction == null ? null : Message.Direction.valueOf(direction.toUpperCase(java.util.Locale.ROOT)),
                Item.string(i, "messageSid"), Item.string(i, "number"), Item.string(i, "party"),
                Item.string(i, "from"), Item.string(i, "to"), Item.string(i, "body"), media,
                MessageStatus.fromWire(Item.string(i, "status")).orElse(null), Item.string(i, "errorCode"),
                Item.string(i, "errorMessage"), Item.string(i, "contactId"), Item.instant(i, "createdAt"),
                Item.instant(i, "sendAt"), Item.instant(i, "sentAt"), Item.instant(i, "deliveredAt"),
                Item.instant(i, "mediaStoredAt"));
    }

    /** Who the conversation is between: set once, whichever message makes it. */
    static Expression conversationIdentity(Message m) {
        return Expression.of().set("tenantId", m.tenantId())
                .set(ConversationShards.ATTRIBUTE, ConversationShards.of(m.tenantId(), m.conversationId()))
                .setIfAbsent("conversationId", m.conversationId())
                .setIfAbsent("number", m.number()).setIfAbsent("party", m.party());
    }

    /** The conversation's newest message: what its list shows, and its place in the tenant's list. */
    static Expression conversationActivity(Message m) {
        // A scheduled message is activity when it goes, not when it was written.
        Instant at = m.sendAt() != null ? m.sendAt() : m.createdAt();
        String body = m.body() == null ? null : m.body().length() > PREVIEW ? m.body().substring(0, PREVIEW) : m.body();
        Item last = Item.create().put("messageId", m.id()).put("direction", m.direction().wire()).put("body", body)
                .put("numMedia", m.media().size()).put("at", at.toString());
        return conversationIdentity(m)
                .set("lastMessage", AttributeValue.fromM(last.build()))
                .set("lastActivityAt", at.toString())
                .set("activityAt", sortable(at) + "#" + m.conversationId());
    }

    /** The tenant's SID index entry: the message that holds the SID. */
    static Map<String, AttributeValue> sidItem(String tenantId, String messageSid, String messageId) {
        Map<String, AttributeValue> item = new HashMap<>(sidKey(tenantId, messageSid));
        item.put("messageId", AttributeValue.fromS(messageId));
        item.put("tenantId", AttributeValue.fromS(tenantId));
        return item;
    }

    /** The SID for this message, if no other message of the tenant holds it: one Twilio message, one of ours. */
    static TransactWriteItem claimSid(String table, String tenantId, String messageSid, String messageId) {
        return Expression.when("attribute_not_exists(pk) OR messageId = :id").with(":id", messageId)
                .put(table, sidItem(tenantId, messageSid, messageId));
    }

    /** The party opted out of the tenant's messages or back in, through {@code number}. */
    static Expression optOutChange(String tenantId, String number, String party, boolean optedOut, Instant at) {
        return Expression.of().set("tenantId", tenantId).set("party", party)
                .set("optedOut", AttributeValue.fromBool(optedOut)).set("number", number)
                .set("changedAt", at.toString());
    }
}
