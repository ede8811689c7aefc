package dev.switchboard.shared.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A partition key written in {@code count} shards, so that one owner's writes (a tenant's, the
 * platform's scheduled messages) spread over that many partitions: an item lies in shard
 * {@code k = hash(its own id) mod count} of its owner, under the key {@code <owner>#<k>}. Readers
 * query every shard and merge them ({@link ShardedQuery}).
 *
 * <p>The hash is the first four bytes of the SHA-256 of the id's UTF-8, as an unsigned big-endian
 * number: the same in every JVM and every language, unlike {@code String.hashCode}, whose values no
 * specification outside Java fixes. An item's shard is thus stable for its whole life, and any
 * tool (a backfill, an operator's script) computes it the same way.
 *
 * <p>A count may only grow, never shrink: readers query shards 0 to count - 1, and an item written
 * under a higher shard than that would no longer be listed. Growing it is safe for readers (the new
 * shards are empty until written) but moves the shard of the items written after it; items already
 * written keep theirs.
 *
 * <p>The key is injective: the shard number is the last {@code #}-separated part and holds no
 * {@code #}, so two owners never share a partition, whatever their ids contain.
 */
public record Shards(int count) {
    public Shards {
        if (count < 1) {
            throw new IllegalArgumentException("a key needs at least one shard");
        }
    }

    /** The shard of the item whose own id is {@code id}. */
    public int of(String id) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            long first = ((digest[0] & 0xFFL) << 24) | ((digest[1] & 0xFFL) << 16) | ((digest[2] & 0xFFL) << 8)
                    | (digest[3] & 0xFFL);
            return (int) (first % count);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** The partition key of the item {@code id} of {@code owner}. */
    public String key(String owner, String id) {
        return key(owner, of(id));
    }

    /** Every partition key of {@code owner}, shard 0 first: what a reader queries. */
    public List<String> keys(String owner) {
        return IntStream.range(0, count).mapToObj(k -> key(owner, k)).toList();
    }

    private static String key(String owner, int shard) {
        return owner + "#" + shard;
    }
}
