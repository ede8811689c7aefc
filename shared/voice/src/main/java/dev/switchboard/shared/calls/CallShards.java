package dev.switchboard.shared.calls;

import dev.switchboard.shared.store.Shards;

import java.util.List;

/**
 * Where a tenant's calls and voicemails lie in the calls table's list indexes: the call item and
 * the voicemail item of a call carry {@code tenantShard = <tenantId>#<k>}, k from the CallSid, the
 * partition key of byTenantCreatedShard (sort key {@code createdAt}, call items only) and of
 * byTenantVoicemailShard (sort key {@code voicemailAt}, voicemails only).
 *
 * <p>Why 16: at 500 inbound calls a second, each call item is written about four times (answered,
 * status callbacks, the dial's end) and, at under 1 KB, each write rewrites its index entry for
 * 1 WCU: 2,000 WCU a second, 6 shards at a third of DynamoDB's 1,000 WCU a second per partition.
 * Were every call to reach voicemail, its item is written about three times (the message, its
 * transcription, listened or archived) at up to 3 KB with the text: 4,500 WCU a second, 14 shards.
 * Both indexes share the attribute, so one count: 16, at most about 280 WCU a second each. The
 * lists read all 16 on each page, side by side. The count may only grow (see {@link Shards}).
 */
public final class CallShards {
    /** The partition key of both indexes. */
    public static final String ATTRIBUTE = "tenantShard";
    /** A tenant's calls by createdAt. */
    public static final String CALLS_INDEX = "byTenantCreatedShard";
    /** A tenant's voicemails by voicemailAt: the inbox. */
    public static final String VOICEMAIL_INDEX = "byTenantVoicemailShard";
    static final Shards SHARDS = new Shards(16);

    private CallShards() {
    }

    /** The partition key of the tenant's call {@code callSid} and of its voicemail. */
    public static String of(String tenantId, String callSid) {
        return SHARDS.key(tenantId, callSid);
    }

    /** Every partition key of the tenant's calls and voicemails. */
    public static List<String> of(String tenantId) {
        return SHARDS.keys(tenantId);
    }
}
