package dev.switchboard.shared.analytics.report;

import java.util.List;
import java.util.Map;

/**
 * A report's figures: one row per bucket and group, buckets in order, groups in order within a
 * bucket. Every bucket of the range has its rows, zero where nothing was counted; a group has a
 * row in every bucket once it has figures anywhere in the range.
 *
 * @param group  the group's value ({@code null} when not grouped; {@code MON-09} for an hour of the week)
 * @param values metric name to figure, in the order asked
 */
public record MetricsReport(MetricsQuery query, List<Row> rows) {

    public record Row(String start, String end, String group, Map<String, Number> values) {
    }
}
