package dev.switchboard.local.bench.load;

/**
 * One partition key value of a table, or of one of its global secondary indexes: what DynamoDB's
 * per-partition limit applies to, since every item with that value is in the same partition.
 *
 * @param index "" for the table itself
 */
public record PartitionKey(String table, String index, String value) implements Comparable<PartitionKey> {
    public static final String TABLE = "";

    @Override
    public int compareTo(PartitionKey other) {
        return toString().compareTo(other.toString());
    }

    @Override
    public String toString() {
        return table + (index.isEmpty() ? "" : "/" + index) + " " + value;
    }
}
