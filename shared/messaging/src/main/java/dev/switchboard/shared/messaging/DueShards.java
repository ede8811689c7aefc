package dev.switchboard.shared.messaging;

import dev.switchboard.shared.store.Shards;

import java.util.ArrayList;
import java.util.List;

/**
 * Where scheduled messages wait in MessagesTable's byDue index: {@code dueShard = due#<k>}, k from
 * the message's id. The index is the whole platform's, every tenant's scheduled messages in it.
 *
 * <p>Why 16: were 500 messages a second scheduled, each is written into the index when scheduled,
 * rewritten when the sender claims it and removed when it is sent, at up to 2 KB with its body:
 * about 3,000 WCU a second, 9 shards at a third of DynamoDB's 1,000 WCU a second per partition; 16
 * leave each under 190, and room for the platform's other tenants. The sweep reads all 16 each
 * minute. The count may only grow (see {@link Shards}).
 */
public final class DueShards {
    public static final String ATTRIBUTE = "dueShard";
    /**
     * Where every scheduled message waited before the index was sharded: still read, so that a
     * message scheduled then (up to 35 days ahead) is sent. Empty once those are sent.
     */
    public static final String UNSHARDED = "due";
    static final Shards SHARDS = new Shards(16);

    private DueShards() {
    }

    public static String of(String messageId) {
        return SHARDS.key(UNSHARDED, messageId);
    }

    /** Every partition the sweep reads. */
    public static List<String> all() {
        List<String> all = new ArrayList<>(SHARDS.keys(UNSHARDED));
        all.add(UNSHARDED);
        return List.copyOf(all);
    }
}
