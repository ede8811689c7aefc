package dev.switchboard.shared.analytics.report;

import java.util.List;
import java.util.Map;

/** Where a report reads the tenant's cells from (the aggregates table; in tests, sums made another way). */
public interface CellSource {

    /** A cell as stored: its slot (UTC epoch minutes) and its sums. */
    record Stored(long slot, Map<String, Long> sums) {
    }

    /** The cells of one slice and kind at one level whose slots lie in [fromSlot, untilSlot), in slot order. */
    List<Stored> read(String tenantId, Level level, String kind, String dimension, long fromSlot, long untilSlot);

    /** The values a slice ({@code agent}, {@code number} …) has had in the tenant's cells. */
    List<String> values(String tenantId, String slice);
}
