package dev.switchboard.shared.messaging;

import dev.switchboard.shared.store.KeyCursor;
import dev.switchboard.shared.store.Page;
import dev.switchboard.shared.events.DomainEvent;
import dev.switchboard.shared.events.EventOutbox;
import dev.switchboard.shared.store.Batches;
import dev.switchboard.shared.store.Item;
import dev.switchboard.shared.store.Transactions;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * MessagesTable (key pk, sk). A message at (MSG#id, MSG) with its status callbacks at
 * (MSG#id, LOG#digest); a conversation at (CONV#id, CONV); the tenant's outbound message with a
 * MessageSid at (SID#tenantId#sid, SID); whether a party opted out of the tenant's messages at
 * (OPTOUT#tenantId#party, OPTOUT).
 * Indexes, all sparse: byConversation (conversationId, position) over messages, byTenantActivity
 * (tenantId, activityAt) over conversations with activity, byDue (dueShard, dueAt) over messages
 * waiting to be sent. See docs/data-model.md.
 */
public final class DynamoMessageStore implements MessageStore {
    private static final String MSG = "MSG";
    private static final String CONV = "CONV";
    private static final String SID = "SID";
    private static final String OPTOUT = "OPTOUT";
    /** One partition for every scheduled message: the sweep reads it in sendAt order. */
    private static final String DUE = "due";
    private static final String SAME_TENANT = "(attribute_not_exists(tenantId) OR tenantId = :t)";
    /** Fixed width, so that times sort as strings (Instant.toString drops zero fractions). */
    private static final DateTimeFormatter SORTABLE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final int PREVIEW = 160;

    private final DynamoDbClient dynamo;
    private final String table;
    private final EventOutbox outbox;

    public DynamoMessageStore(DynamoDbClient dynamo, String table, EventOutbox outbox) {
        this.dynamo = dynamo;
        this.table = table;
        this.outbox = outbox;
    }

    static String sortable(Instant at) {
        return SORTABLE.format(at);
    }

    // --- Inbound -----------------------------------------------------------------------------------

    @Override
    public Outcome received(Message m, Optional<Boolean> optedOut, List<DomainEvent> events) {
        List<TransactWriteItem> items = new ArrayList<>();
        // The message's id is the tenant's and the MessageSid's: writing it is the delivery's claim.
        items.add(put(messageItem(m), "attribute_not_exists(pk)"));
        UpdateExpression conversation = conversationActivity(m);
        conversation.add("unreadCount", n(1));
        items.add(conversation.update(key(CONV + "#" + m.conversationId(), CONV), SAME_TENANT,
                Map.of(":t", s(m.tenantId()))));
        // The last keyword wins, whichever of the tenant's senders it reached.
        optedOut.ifPresent(out -> items.add(optOutChange(m.tenantId(), m.number(), m.party(), out, m.createdAt())
                .update(optOutKey(m.tenantId(), m.party()), null, Map.of())));
        events.forEach(e -> items.add(outbox.put(e)));
        var reasons = outbox.commit(items);
        if (reasons.isEmpty()) {
            return Outcome.APPLIED;
        }
        return Transactions.failed(reasons.get(), 1) ? Outcome.FOREIGN : Outcome.REPEAT;
    }

    @Override
    public boolean claimAutoReply(String tenantId, String conversationId, Instant now, Duration window) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(CONV + "#" + conversationId, CONV))
                    .updateExpression("SET autoRepliedAt = :now")
                    .conditionExpression("tenantId = :t AND (attribute_not_exists(autoRepliedAt) OR autoRepliedAt <= :cutoff)")
                    .expressionAttributeValues(Map.of(":now", n(now.toEpochMilli()), ":t", s(tenantId),
                            ":cutoff", n(now.minus(window).toEpochMilli()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public Optional<String> messageIdOf(String tenantId, String messageSid) {
        var item = dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(sidKey(tenantId, messageSid)))
                .item();
        if (item == null || item.isEmpty() || !tenantId.equals(Item.string(item, "tenantId"))) {
            return Optional.empty();
        }
        return Optional.of(Item.string(item, "messageId"));
    }

    // --- Status callbacks --------------------------------------------------------------------------

    @Override
    public StatusResult applyStatus(MessageCallback cb, Function<Message, DomainEvent> changed) {
        for (int attempt = 1; attempt <= Transactions.ATTEMPTS; attempt++) {
            Message before = read(cb.messageId()).orElse(null);
            if (before == null || before.direction() != Message.Direction.OUTBOUND) {
                // Nothing is created for it: an id no message has yet stays free for the message that
                // gets it. (An outbound message is written before Twilio is asked: its callbacks find it.)
                return new StatusResult(Outcome.UNKNOWN, null);
            }
            if (!cb.tenantId().equals(before.tenantId()) || !Objects.equals(cb.accountSid(), before.accountSid())
                    || (before.messageSid() != null && !before.messageSid().equals(cb.messageSid()))) {
                return new StatusResult(Outcome.FOREIGN, before);
            }
            MessageProgress.Change change = MessageProgress.apply(before, cb);
            boolean moves = change.moves();
            // Twilio's answer is late or lost: the callback (naming the message) tells it its SID.
            boolean attaches = change.attaches();
            UpdateExpression update = new UpdateExpression(table)
                    .setIfAbsent("messageSid", s(cb.messageSid()))
                    .set("updatedAt", s(cb.receivedAt().toString()));
            if (attaches) {
                update.remove("dueShard").remove("dueAt");
            }
            Map<String, AttributeValue> values = new HashMap<>(Map.of(":t", s(cb.tenantId()),
                    ":sid", s(cb.messageSid())));
            String condition = "tenantId = :t AND (attribute_not_exists(messageSid) OR messageSid = :sid)";
            if (moves) {
                update.set("status", s(cb.status().wire())).set("statusRank", n(cb.status().rank()));
                values.put(":max", n(cb.status().replacesAtMost()));
                condition += " AND statusRank <= :max";
                if (cb.status() == MessageStatus.CANCELED && !attaches) {
                    update.remove("dueShard").remove("dueAt");
                }
            }
            // Facts are kept whatever the order: an error code is never erased by a callback without one.
            if (cb.errorCode() != null) {
                update.set("errorCode", s(cb.errorCode()));
            }
            if (cb.errorMessage() != null) {
                update.set("errorMessage", s(cb.errorMessage()));
            }
            if (cb.status() == MessageStatus.SENT) {
                update.setIfAbsent("sentAt", s(cb.receivedAt().toString()));
            }
            if (cb.status() == MessageStatus.DELIVERED) {
                update.setIfAbsent("deliveredAt", s(cb.receivedAt().toString()));
            }
            Message after = change.after();
            List<TransactWriteItem> items = new ArrayList<>();
            items.add(update.update(key(MSG + "#" + cb.messageId(), MSG), condition, values));
            items.add(put(Item.create().put("pk", MSG + "#" + cb.messageId()).put("sk", "LOG#" + Item.digest(cb.params(), 12))
                    .put("tenantId", cb.tenantId()).put("receivedAt", cb.receivedAt().toString())
                    .put("at", sortable(cb.receivedAt()))
                    .putStrings("params", cb.params()).build(), "attribute_not_exists(sk)"));
            if (moves) {
                items.add(outbox.put(changed.apply(after)));
            }
            int sidClaim = items.size();
            if (attaches) {
                items.add(claimSid(cb.tenantId(), cb.messageSid(), before.id()));
                if (before.conversationId() != null) {
                    items.add(conversationActivity(after).update(key(CONV + "#" + before.conversationId(), CONV),
                            SAME_TENANT, Map.of(":t", s(cb.tenantId()))));
                }
            }
            var reasons = outbox.commit(items);
            if (reasons.isEmpty()) {
                return new StatusResult(moves ? Outcome.APPLIED : Outcome.STALE, after);
            }
            if (Transactions.failed(reasons.get(), 1) || (moves && Transactions.failed(reasons.get(), 2))) {
                return new StatusResult(Outcome.REPEAT, before);
            }
            if (attaches && Transactions.failed(reasons.get(), sidClaim)) {
                // Another of the tenant's messages holds this SID: one Twilio message is one of ours.
                return new StatusResult(Outcome.FOREIGN, before);
            }
            // The message changed between the read and the write (a concurrent callback): read again.
            Transactions.backOff(attempt);
        }
        throw new IllegalStateException("message " + cb.messageId() + " kept changing under "
                + Transactions.ATTEMPTS + " attempts");
    }

    @Override
    public List<Map<String, String>> log(String tenantId, String messageId) {
        List<Map<String, AttributeValue>> entries = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            var from = start;
            var page = dynamo.query(b -> b.tableName(table).consistentRead(true)
                    .keyConditionExpression("pk = :p AND begins_with(sk, :l)")
                    .expressionAttributeValues(Map.of(":p", s(MSG + "#" + messageId), ":l", s("LOG#")))
                    .exclusiveStartKey(from));
            page.items().stream().filter(i -> tenantId.equals(Item.string(i, "tenantId"))).forEach(entries::add);
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return entries.stream().sorted(java.util.Comparator.comparing((Map<String, AttributeValue> i) ->
                        Item.string(i, "at")))
                .map(i -> Item.strings(i, "params")).toList();
    }

    // --- Outbound ----------------------------------------------------------------------------------

    @Override
    public void outgoing(Message m) {
        create(m, messageItem(m));
    }

    @Override
    public void discard(Message m) {
        try {
            dynamo.deleteItem(b -> b.tableName(table).key(key(MSG + "#" + m.id(), MSG))
                    .conditionExpression("tenantId = :t AND attribute_not_exists(messageSid)")
                    .expressionAttributeValues(Map.of(":t", s(m.tenantId()))));
        } catch (ConditionalCheckFailedException e) {
            // Twilio has it after all (a callback named it): it stays.
        }
    }

    @Override
    public void accepted(Message m) {
        // Twilio's own answer: the SID is this message's, whatever held it before.
        var update = new UpdateExpression(table).set("messageSid", s(m.messageSid())).setIfAbsent("from", s(m.from()))
                .remove("dueShard").remove("dueAt");
        var reasons = outbox.commit(List.of(
                update.update(key(MSG + "#" + m.id(), MSG), "tenantId = :t", Map.of(":t", s(m.tenantId()))),
                put(sidItem(m.tenantId(), m.messageSid(), m.id()), null),
                conversationActivity(m).update(key(CONV + "#" + m.conversationId(), CONV), SAME_TENANT,
                        Map.of(":t", s(m.tenantId())))));
        if (reasons.isPresent()) {
            throw new IllegalStateException("message " + m.id() + " is gone or its conversation is another tenant's");
        }
    }

    @Override
    public void schedule(Message m) {
        Map<String, AttributeValue> item = new HashMap<>(messageItem(m));
        item.put("dueShard", s(DUE));
        item.put("dueAt", s(sortable(m.sendAt()) + "#" + m.id()));
        create(m, item);
    }

    /** A new outbound message, and who its conversation is between. */
    private void create(Message m, Map<String, AttributeValue> item) {
        var reasons = outbox.commit(List.of(put(item, "attribute_not_exists(pk)"),
                conversationIdentity(m).update(key(CONV + "#" + m.conversationId(), CONV), SAME_TENANT,
                        Map.of(":t", s(m.tenantId())))));
        if (reasons.isPresent()) {
            throw new IllegalStateException("message " + m.id() + " exists or its conversation is another tenant's");
        }
    }

    @Override
    public Optional<Message> get(String tenantId, String messageId) {
        return read(messageId).filter(m -> tenantId.equals(m.tenantId()) && m.conversationId() != null);
    }

    private Optional<Message> read(String messageId) {
        var item = dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(key(MSG + "#" + messageId, MSG)))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(message(item));
    }

    @Override
    public Optional<Message> cancel(String tenantId, String messageId, Instant now, DomainEvent event) {
        var update = new UpdateExpression(table).set("status", s(MessageStatus.CANCELED.wire()))
                .set("statusRank", n(MessageStatus.CANCELED.rank())).set("updatedAt", s(now.toString()))
                .remove("dueShard").remove("dueAt");
        var reasons = outbox.commit(List.of(update.update(key(MSG + "#" + messageId, MSG),
                "tenantId = :t AND #c0 = :scheduled", Map.of(":t", s(tenantId),
                        ":scheduled", s(MessageStatus.SCHEDULED.wire())), Map.of("#c0", "status")),
                outbox.put(event)));
        return get(tenantId, messageId);
    }

    // --- Lists -------------------------------------------------------------------------------------

    @Override
    public Page<Message> messages(String tenantId, String conversationId, String cursor, int limit) {
        var start = KeyCursor.decodeKey(cursor, "pk", "sk", "conversationId", "position");
        var page = dynamo.query(b -> b.tableName(table).indexName("byConversation")
                .keyConditionExpression("conversationId = :c")
                .filterExpression("tenantId = :t")
                .expressionAttributeValues(Map.of(":c", s(conversationId), ":t", s(tenantId)))
                .scanIndexForward(false).exclusiveStartKey(start).limit(limit));
        return new Page<>(page.items().stream().map(DynamoMessageStore::message).toList(),
                page.hasLastEvaluatedKey() ? KeyCursor.encode(page.lastEvaluatedKey()) : null);
    }

    @Override
    public Page<Conversation> conversations(String tenantId, String cursor, int limit) {
        var start = KeyCursor.decode(cursor, tenantId, "pk", "sk", "tenantId", "activityAt");
        var page = dynamo.query(b -> b.tableName(table).indexName("byTenantActivity")
                .keyConditionExpression("tenantId = :t")
                .expressionAttributeValues(Map.of(":t", s(tenantId)))
                .scanIndexForward(false).exclusiveStartKey(start).limit(limit));
        Set<String> out = optedOutOf(tenantId, page.items().stream().map(i -> Item.string(i, "party")).toList());
        return new Page<>(page.items().stream().map(i -> conversation(i, out.contains(Item.string(i, "party"))))
                .toList(), page.hasLastEvaluatedKey() ? KeyCursor.encode(page.lastEvaluatedKey()) : null);
    }

    /** Which of these parties have opted out of the tenant's messages: one BatchGetItem for a page. */
    private Set<String> optedOutOf(String tenantId, List<String> parties) {
        List<Map<String, AttributeValue>> keys = parties.stream().filter(Objects::nonNull).distinct()
                .map(p -> optOutKey(tenantId, p)).toList();
        return Batches.get(dynamo, table, keys).stream()
                .filter(i -> tenantId.equals(Item.string(i, "tenantId")) && Item.bool(i, "optedOut"))
                .map(i -> Item.string(i, "party")).collect(Collectors.toSet());
    }

    @Override
    public Optional<Conversation> conversation(String tenantId, String conversationId) {
        var item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(key(CONV + "#" + conversationId, CONV))).item();
        if (item == null || item.isEmpty() || !tenantId.equals(Item.string(item, "tenantId"))) {
            return Optional.empty();
        }
        String party = Item.string(item, "party");
        return Optional.of(conversation(item, party != null
                && optOut(tenantId, party).map(OptOut::optedOut).orElse(false)));
    }

    @Override
    public boolean markRead(String tenantId, String conversationId, Instant now) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(CONV + "#" + conversationId, CONV))
                    .updateExpression("SET unreadCount = :zero, lastReadAt = :now")
                    .conditionExpression("tenantId = :t")
                    .expressionAttributeValues(Map.of(":zero", n(0), ":now", s(now.toString()), ":t", s(tenantId))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public Outcome setOptedOut(String tenantId, String number, String party, boolean optedOut, Instant now,
                               DomainEvent event) {
        var reasons = outbox.commit(List.of(optOutChange(tenantId, number, party, optedOut, now)
                        .update(optOutKey(tenantId, party), "attribute_not_exists(optedOut) OR optedOut <> :o",
                                Map.of(":o", AttributeValue.fromBool(optedOut))),
                outbox.put(event)));
        return reasons.isEmpty() ? Outcome.APPLIED : Outcome.REPEAT;
    }

    @Override
    public Optional<OptOut> optOut(String tenantId, String party) {
        var item = dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(optOutKey(tenantId, party))).item();
        if (item == null || item.isEmpty() || !tenantId.equals(Item.string(item, "tenantId"))) {
            return Optional.empty();
        }
        return Optional.of(new OptOut(tenantId, party, Item.bool(item, "optedOut"), Item.string(item, "number"),
                instant(item, "changedAt")));
    }

    /** One state per (tenant, party), whichever sender changed it last. */
    private static Map<String, AttributeValue> optOutKey(String tenantId, String party) {
        return key(OPTOUT + "#" + tenantId + "#" + party, OPTOUT);
    }

    private UpdateExpression optOutChange(String tenantId, String number, String party, boolean optedOut, Instant at) {
        return new UpdateExpression(table).set("tenantId", s(tenantId)).set("party", s(party))
                .set("optedOut", AttributeValue.fromBool(optedOut)).set("number", s(number))
                .set("changedAt", s(at.toString()));
    }

    // --- Scheduled messages ------------------------------------------------------------------------

    @Override
    public List<Due> due(Instant until, int limit) {
        List<Due> due = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            var from = start;
            var page = dynamo.query(b -> b.tableName(table).indexName("byDue")
                    .keyConditionExpression("dueShard = :d AND dueAt <= :u")
                    .expressionAttributeValues(Map.of(":d", s(DUE), ":u", s(sortable(until) + "#~")))
                    .exclusiveStartKey(from).limit(Math.min(limit, 100)));
            for (var i : page.items()) {
                if (due.size() < limit) {
                    due.add(new Due(Item.string(i, "tenantId"), Item.string(i, "messageId"),
                            Instant.parse(Item.string(i, "sendAt")),
                            MessageStatus.fromWire(Item.string(i, "status")).orElse(null),
                            Optional.ofNullable(Item.number(i, "claimedAt")).map(Instant::ofEpochMilli).orElse(null)));
                }
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null && due.size() < limit);
        return due;
    }

    @Override
    public Optional<Claimed> claim(String tenantId, String messageId, Instant now, Instant stuckBefore) {
        try {
            var old = dynamo.updateItem(b -> b.tableName(table).key(key(MSG + "#" + messageId, MSG))
                    .updateExpression("SET #st = :sending, statusRank = :rank, claimedAt = :now,"
                            + " sendingSince = if_not_exists(sendingSince, :now)")
                    .conditionExpression("tenantId = :t AND (#st = :scheduled OR (#st = :sending"
                            + " AND attribute_not_exists(messageSid) AND claimedAt < :stuck))")
                    .expressionAttributeNames(Map.of("#st", "status"))
                    .expressionAttributeValues(Map.of(":sending", s(MessageStatus.SENDING.wire()),
                            ":rank", n(MessageStatus.SENDING.rank()), ":now", n(now.toEpochMilli()),
                            ":t", s(tenantId), ":scheduled", s(MessageStatus.SCHEDULED.wire()),
                            ":stuck", n(stuckBefore.toEpochMilli())))
                    .returnValues(ReturnValue.ALL_OLD)).attributes();
            Message taken = message(old);
            Long last = taken.status() == MessageStatus.SENDING ? Item.number(old, "claimedAt") : null;
            if (last == null) {
                return Optional.of(new Claimed(taken, null, null));
            }
            Long first = Optional.ofNullable(Item.number(old, "sendingSince")).orElse(last);
            return Optional.of(new Claimed(taken, Instant.ofEpochMilli(first), Instant.ofEpochMilli(last)));
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    @Override
    public Outcome attribute(Message claimed, String messageSid) {
        Message m = claimed.withSid(messageSid, null);
        var update = new UpdateExpression(table).set("messageSid", s(messageSid)).remove("dueShard").remove("dueAt");
        var reasons = outbox.commit(List.of(
                update.update(key(MSG + "#" + m.id(), MSG), "tenantId = :t AND #c0 = :sending"
                                + " AND attribute_not_exists(messageSid)", Map.of(":t", s(m.tenantId()),
                                ":sending", s(MessageStatus.SENDING.wire())), Map.of("#c0", "status")),
                claimSid(m.tenantId(), messageSid, m.id()),
                conversationActivity(m).update(key(CONV + "#" + m.conversationId(), CONV), SAME_TENANT,
                        Map.of(":t", s(m.tenantId())))));
        if (reasons.isEmpty()) {
            return Outcome.APPLIED;
        }
        return Transactions.failed(reasons.get(), 0) ? Outcome.REPEAT : Outcome.FOREIGN;
    }

    @Override
    public void failedToSend(Message claimed, String errorCode, String errorMessage, DomainEvent event) {
        var update = new UpdateExpression(table).set("status", s(MessageStatus.FAILED.wire()))
                .set("statusRank", n(MessageStatus.FAILED.rank())).remove("dueShard").remove("dueAt");
        if (errorCode != null) {
            update.set("errorCode", s(errorCode));
        }
        if (errorMessage != null) {
            update.set("errorMessage", s(errorMessage));
        }
        outbox.commit(List.of(update.update(key(MSG + "#" + claimed.id(), MSG),
                "tenantId = :t AND #c0 = :sending", Map.of(":t", s(claimed.tenantId()),
                        ":sending", s(MessageStatus.SENDING.wire())), Map.of("#c0", "status")), outbox.put(event)));
    }

    @Override
    public void release(Message claimed) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(MSG + "#" + claimed.id(), MSG))
                    .updateExpression("SET #st = :scheduled, statusRank = :rank REMOVE claimedAt, sendingSince")
                    .conditionExpression("#st = :sending AND attribute_not_exists(messageSid)")
                    .expressionAttributeNames(Map.of("#st", "status"))
                    .expressionAttributeValues(Map.of(":scheduled", s(MessageStatus.SCHEDULED.wire()),
                            ":rank", n(MessageStatus.SCHEDULED.rank()), ":sending", s(MessageStatus.SENDING.wire()))));
        } catch (ConditionalCheckFailedException e) {
            // Already moved on (sent after all, or canceled): nothing to give back.
        }
    }

    @Override
    public Outcome mediaStored(String tenantId, String messageId, List<Message.MediaItem> media, Instant now,
                               DomainEvent event) {
        var update = new UpdateExpression(table).set("media", AttributeValue.fromL(media.stream()
                        .map(i -> AttributeValue.fromM(mediaItem(i))).toList()))
                .set("mediaStoredAt", s(now.toString()));
        var reasons = outbox.commit(List.of(update.update(key(MSG + "#" + messageId, MSG),
                "tenantId = :t AND attribute_not_exists(mediaStoredAt)", Map.of(":t", s(tenantId))),
                outbox.put(event)));
        return reasons.isEmpty() ? Outcome.APPLIED : Outcome.REPEAT;
    }

    @Override
    public Outcome mediaCopyFailed(String tenantId, String messageId, String reason, String detail, Instant now,
                                   DomainEvent event) {
        var update = new UpdateExpression(table).set("mediaCopyError", s(reason)).set("mediaCopyErrorDetail", s(detail))
                .set("mediaCopyFailedAt", s(now.toString()));
        var reasons = outbox.commit(List.of(update.update(key(MSG + "#" + messageId, MSG),
                "tenantId = :t AND attribute_not_exists(mediaStoredAt) AND attribute_not_exists(mediaCopyFailedAt)",
                Map.of(":t", s(tenantId))), outbox.put(event)));
        return reasons.isEmpty() ? Outcome.APPLIED : Outcome.REPEAT;
    }

    // --- Items -------------------------------------------------------------------------------------

    private static Map<String, AttributeValue> messageItem(Message m) {
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
            values.put("media", AttributeValue.fromL(m.media().stream().map(i -> AttributeValue.fromM(mediaItem(i)))
                    .toList()));
        }
        return values;
    }

    private static Map<String, AttributeValue> mediaItem(Message.MediaItem i) {
        Item item = Item.create().put("index", i.index()).put("url", i.url()).put("contentType", i.contentType())
                .put("key", i.key());
        if (i.bytes() != null) {
            item.put("bytes", i.bytes().longValue());
        }
        return item.build();
    }

    private static Message message(Map<String, AttributeValue> i) {
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
                Item.string(i, "errorMessage"), Item.string(i, "contactId"), instant(i, "createdAt"),
                instant(i, "sendAt"), instant(i, "sentAt"), instant(i, "deliveredAt"), instant(i, "mediaStoredAt"));
    }

    private static Conversation conversation(Map<String, AttributeValue> i, boolean optedOut) {
        var last = Item.map(i, "lastMessage");
        Conversation.LastMessage lastMessage = last.isEmpty() ? null : new Conversation.LastMessage(
                Item.string(last, "messageId"), Item.string(last, "direction"), Item.string(last, "body"),
                Optional.ofNullable(Item.number(last, "numMedia")).orElse(0L).intValue(), instant(last, "at"));
        Long unread = Item.number(i, "unreadCount");
        return new Conversation(Item.string(i, "conversationId"), Item.string(i, "tenantId"), Item.string(i, "number"),
                Item.string(i, "party"), lastMessage, instant(i, "lastActivityAt"), unread == null ? 0 : unread,
                optedOut);
    }

    /** Who the conversation is between: set once, whichever message makes it. */
    private UpdateExpression conversationIdentity(Message m) {
        return new UpdateExpression(table).set("tenantId", s(m.tenantId()))
                .setIfAbsent("conversationId", s(m.conversationId()))
                .setIfAbsent("number", s(m.number())).setIfAbsent("party", s(m.party()));
    }

    /** The conversation's newest message: what its list shows, and its place in the tenant's list. */
    private UpdateExpression conversationActivity(Message m) {
        // A scheduled message is activity when it goes, not when it was written.
        Instant at = m.sendAt() != null ? m.sendAt() : m.createdAt();
        String body = m.body() == null ? null : m.body().length() > PREVIEW ? m.body().substring(0, PREVIEW) : m.body();
        Item last = Item.create().put("messageId", m.id()).put("direction", m.direction().wire()).put("body", body)
                .put("numMedia", m.media().size()).put("at", at.toString());
        return conversationIdentity(m)
                .set("lastMessage", AttributeValue.fromM(last.build()))
                .set("lastActivityAt", s(at.toString()))
                .set("activityAt", s(sortable(at) + "#" + m.conversationId()));
    }

    /** The tenant's SID index: another tenant's use of a SID never meets it. */
    private static Map<String, AttributeValue> sidKey(String tenantId, String messageSid) {
        return key(SID + "#" + tenantId + "#" + messageSid, SID);
    }

    /** The SID for this message, if no other message of the tenant holds it: one Twilio message, one of ours. */
    private TransactWriteItem claimSid(String tenantId, String messageSid, String messageId) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table)
                .item(sidItem(tenantId, messageSid, messageId))
                .conditionExpression("attribute_not_exists(pk) OR messageId = :id")
                .expressionAttributeValues(Map.of(":id", s(messageId))).build()).build();
    }

    private static Map<String, AttributeValue> sidItem(String tenantId, String messageSid, String messageId) {
        Map<String, AttributeValue> item = new HashMap<>(sidKey(tenantId, messageSid));
        item.put("messageId", s(messageId));
        item.put("tenantId", s(tenantId));
        return item;
    }

    private TransactWriteItem put(Map<String, AttributeValue> item, String condition) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                .conditionExpression(condition).build()).build();
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", s(pk), "sk", s(sk));
    }

    private static Instant instant(Map<String, AttributeValue> item, String name) {
        String value = Item.string(item, name);
        return value == null ? null : Instant.parse(value);
    }

    private static AttributeValue s(String value) {
        return value == null ? null : AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
