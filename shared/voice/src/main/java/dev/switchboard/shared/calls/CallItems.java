package dev.switchboard.shared.calls;

import dev.switchboard.shared.twilio.CallStatus;
import dev.switchboard.shared.store.Expression;
import dev.switchboard.shared.store.Item;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.util.Map;

/**
 * The calls table's items, for the repositories that share it: the call at (callSid, "CALL"),
 * the callbacks of its timeline at (callSid, "EVENT#..."), its recordings at
 * (callSid, "RECORDING#sid") and its voicemail at (callSid, "VOICEMAIL"). See docs/data-model.md.
 * Public for the recordings capability, whose items live beside the calls they belong to and
 * whose writes are owned by the call and logged on its timeline in the same transaction.
 */
public final class CallItems {
    public static final String CALL = "CALL";
    public static final String EVENT = "EVENT#";
    public static final String RECORDING = "RECORDING#";
    public static final String VOICEMAIL = "VOICEMAIL";
    public static final String PATH = "PATH#";

    private CallItems() {
    }

    public static Map<String, AttributeValue> key(String callSid, String sk) {
        return Map.of("callSid", AttributeValue.fromS(callSid), "sk", AttributeValue.fromS(sk));
    }

    /**
     * A callback in its call's timeline. The key is derived from the signed parameters, never
     * from unsigned headers, so this put is also the delivery's claim: a retry, a duplicate or a
     * replay under another I-Twilio-Idempotency-Token finds it there and is refused.
     */
    public static TransactWriteItem logEntry(String table, CallEvent event) {
        String seq = event.sequenceNumber() == null ? "x" : String.format("%010d", event.sequenceNumber());
        String sk = EVENT + seq + "#" + event.kind() + "#" + Item.digest(event.params(), 8);
        return Expression.when("attribute_not_exists(sk)").put(table, Item.create()
                .put("callSid", event.callSid())
                .put("sk", sk)
                .put("tenantId", event.tenantId())
                .put("kind", event.kind())
                .put("receivedAt", event.receivedAt().toString())
                .putStrings("params", event.params())
                .build());
    }

    /** A step of the call's flow at (callSid, "PATH#0007"): put once, so a repeated webhook adds none. */
    public static TransactWriteItem pathStep(String table, String callSid, String tenantId, Calls.FlowStep step) {
        return Expression.when("attribute_not_exists(sk)").put(table, Item.create()
                .put("callSid", callSid)
                .put("sk", PATH + String.format("%04d", step.step()))
                .put("tenantId", tenantId)
                .put("node", step.node())
                .put("type", step.type())
                .put("branch", step.branch())
                .put("at", step.at().toString())
                .build());
    }

    /** The call must exist and be this tenant's and this account's: what every media callback is about. */
    public static TransactWriteItem ownedBy(String table, String callSid, String tenantId, String accountSid) {
        return Expression.when("tenantId = :tenant AND accountSid = :account")
                .with(":tenant", tenantId).with(":account", accountSid)
                .check(table, key(callSid, CALL));
    }

    public static Call call(Map<String, AttributeValue> item) {
        return new Call(Item.string(item, "callSid"), Item.string(item, "tenantId"), Item.string(item, "accountSid"),
                CallDirection.fromWire(Item.string(item, "direction")).orElse(null), Item.string(item, "from"), Item.string(item, "to"),
                Item.string(item, "agentId"), Item.string(item, "routing"),
                CallStatus.fromWire(Item.string(item, "status")).orElse(null),
                Item.number(item, "sequenceNumber"), Item.instant(item, "createdAt"), Item.instant(item, "answeredAt"),
                Item.instant(item, "endedAt"), Item.integer(item, "durationSeconds"), Item.string(item, "dialStatus"),
                Item.integer(item, "dialDurationSeconds"), Item.string(item, "contactId"));
    }
}
