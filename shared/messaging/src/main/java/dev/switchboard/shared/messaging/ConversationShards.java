package dev.switchboard.shared.messaging;

import dev.switchboard.shared.store.Shards;

import java.util.List;

/**
 * Where a tenant's conversations lie in MessagesTable's byTenantActivityShard index: each
 * conversation carries {@code tenantShard = <tenantId>#<k>}, k from its id; the sort key is
 * {@code activityAt}.
 *
 * <p>Why 8: at 500 messages a second, each message moves its conversation's {@code activityAt}, and
 * a moved sort key is a delete and a put in the index: 2 WCU for an item under 1 KB (the last
 * message's preview is at most 160 characters); marking read, auto-replies and unread counts add
 * about one more: 1,500 WCU a second, 5 shards at a third of DynamoDB's 1,000 WCU a second per
 * partition; 8 leave each under 190. The list reads all 8 on each page, side by side. The count may
 * only grow (see {@link Shards}).
 */
public final class ConversationShards {
    public static final String INDEX = "byTenantActivityShard";
    public static final String ATTRIBUTE = "tenantShard";
    static final Shards SHARDS = new Shards(8);

    private ConversationShards() {
    }

    public static String of(String tenantId, String conversationId) {
        return SHARDS.key(tenantId, conversationId);
    }

    public static List<String> of(String tenantId) {
        return SHARDS.keys(tenantId);
    }
}
