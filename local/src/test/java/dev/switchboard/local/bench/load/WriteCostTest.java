package dev.switchboard.local.bench.load;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** DynamoDB's write-unit rules as the load run applies them, one write at a time. */
class WriteCostTest {
    /** Calls by SID, with a sparse index by tenant and time and a keys-only one by tenant and status. */
    private static final TableKeys CALLS = new TableKeys("Calls", "callSid", "sk", List.of(
            new TableKeys.Index("byTenantCreated", true, "tenantId", "createdAt", ProjectionType.ALL, Set.of()),
            new TableKeys.Index("byStatus", true, "status", null, ProjectionType.KEYS_ONLY, Set.of())));

    private static Map<String, AttributeValue> call(String tenant, String createdAt, String status, int padding) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("callSid", AttributeValue.fromS("CA1"));
        item.put("sk", AttributeValue.fromS("CALL"));
        if (tenant != null) {
            item.put("tenantId", AttributeValue.fromS(tenant));
        }
        if (createdAt != null) {
            item.put("createdAt", AttributeValue.fromS(createdAt));
        }
        item.put("status", AttributeValue.fromS(status));
        item.put("padding", AttributeValue.fromS("x".repeat(padding)));
        return item;
    }

    private static ItemWrite write(ItemWrite.Kind kind, Map<String, AttributeValue> put, boolean transactional) {
        return new ItemWrite("Calls", Map.of("callSid", AttributeValue.fromS("CA1"), "sk", AttributeValue.fromS("CALL")),
                kind, put, transactional);
    }

    private static Map<String, Long> charged(List<WriteCost.Charge> charges) {
        Map<String, Long> units = new LinkedHashMap<>();
        charges.forEach(c -> units.merge(c.key().toString(), c.units(), Long::sum));
        return units;
    }

    @Test
    void aPutCostsAUnitAKilobyteOnTheTableAndOnEachIndexItEnters() {
        var item = call("acme", "2026-12-01T00:00:00Z", "ringing", 1500);
        assertEquals(Map.of("Calls CA1", 2L, "Calls/byTenantCreated acme", 2L, "Calls/byStatus ringing", 1L),
                charged(WriteCost.of(CALLS, write(ItemWrite.Kind.PUT, item, false), null, item, true)));
    }

    @Test
    void anIndexIsSparseAndATransactionDoublesOnlyTheTable() {
        var item = call(null, null, "ringing", 100);
        assertEquals(Map.of("Calls CA1", 2L, "Calls/byStatus ringing", 1L),
                charged(WriteCost.of(CALLS, write(ItemWrite.Kind.PUT, item, true), null, item, true)));
    }

    @Test
    void anUpdateCostsTheLargerItemAndAnIndexKeyChangeADeleteAndAPut() {
        var before = call("acme", "2026-12-01T00:00:00Z", "ringing", 1900);
        var after = call("acme", "2026-12-01T00:00:01Z", "completed", 100);
        // The table: 2 KB before, doubled. byTenantCreated: its sort key moved, so out and in again
        // under the same partition key (2 KB out, 1 in). byStatus: out of "ringing", into "completed".
        assertEquals(Map.of("Calls CA1", 4L, "Calls/byTenantCreated acme", 3L, "Calls/byStatus ringing", 1L,
                        "Calls/byStatus completed", 1L),
                charged(WriteCost.of(CALLS, write(ItemWrite.Kind.UPDATE, null, true), before, after, true)));
    }

    @Test
    void anUpdateInPlaceWritesAnIndexOnlyWhenWhatItProjectsChanged() {
        var before = call("acme", "2026-12-01T00:00:00Z", "ringing", 100);
        var after = call("acme", "2026-12-01T00:00:00Z", "ringing", 1100);
        // byTenantCreated projects everything: one write, the larger size; byStatus only keys: none.
        assertEquals(Map.of("Calls CA1", 2L, "Calls/byTenantCreated acme", 2L),
                charged(WriteCost.of(CALLS, write(ItemWrite.Kind.UPDATE, null, false), before, after, true)));
    }

    @Test
    void aRefusedWriteCostsTheTableItsUnitsAndWritesNoIndex() {
        var existing = call("acme", "2026-12-01T00:00:00Z", "ringing", 1500);
        var attempted = call("acme", "2026-12-01T00:00:00Z", "ringing", 100);
        assertEquals(Map.of("Calls CA1", 4L),
                charged(WriteCost.of(CALLS, write(ItemWrite.Kind.PUT, attempted, true), existing, null, false)));
        // A put refused because of another item of its transaction: nothing there, one unit, doubled.
        assertEquals(Map.of("Calls CA1", 2L),
                charged(WriteCost.of(CALLS, write(ItemWrite.Kind.UPDATE, null, true), null, null, false)));
    }

    @Test
    void aDeleteCostsTheItemItDeletesAndAConditionCheckTheItemItChecks() {
        var existing = call("acme", "2026-12-01T00:00:00Z", "ringing", 1500);
        assertEquals(Map.of("Calls CA1", 2L, "Calls/byTenantCreated acme", 2L, "Calls/byStatus ringing", 1L),
                charged(WriteCost.of(CALLS, write(ItemWrite.Kind.DELETE, null, false), existing, null, true)));
        assertEquals(Map.of("Calls CA1", 4L),
                charged(WriteCost.of(CALLS, write(ItemWrite.Kind.CHECK, null, true), existing, existing, true)));
    }

    @Test
    void sizesFollowDynamoDbsRules() {
        // Name and value: "ab" + "héllo" (6 bytes in UTF-8).
        assertEquals(8, ItemSize.of(Map.of("ab", AttributeValue.fromS("héllo"))));
        // Numbers: one byte per two significant digits, plus one; zeros at either end do not count.
        assertEquals(1 + 3, ItemSize.of(Map.of("n", AttributeValue.fromN("12.5"))));
        assertEquals(1 + 2, ItemSize.of(Map.of("n", AttributeValue.fromN("-1000"))));
        assertEquals(1 + 2, ItemSize.of(Map.of("n", AttributeValue.fromN("0.001"))));
        // A map: 3 bytes, and each element its name, its value and 1; a list the same without names.
        assertEquals(1 + 3 + (1 + 1 + 1) + (1 + 2 + 1), ItemSize.of(Map.of("m", AttributeValue.fromM(
                Map.of("a", AttributeValue.fromBool(true), "b", AttributeValue.fromS("xy"))))));
        assertEquals(1 + 3 + (1 + 1) + (2 + 1), ItemSize.of(Map.of("l", AttributeValue.fromL(
                List.of(AttributeValue.fromNul(true), AttributeValue.fromN("7"))))));
        assertEquals(1, ItemSize.writeUnits(0));
        assertEquals(1, ItemSize.writeUnits(1024));
        assertEquals(2, ItemSize.writeUnits(1025));
    }
}
