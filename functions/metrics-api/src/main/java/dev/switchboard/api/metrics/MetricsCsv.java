package dev.switchboard.api.metrics;

import dev.switchboard.shared.analytics.report.MetricsReport;

import java.util.List;

/**
 * A report as CSV (RFC 4180): a header of start, end, the grouping and the metrics, then one line
 * per row. A group's text that a spreadsheet would take for a formula (an option label starting
 * with =, +, - or @) is prefixed with an apostrophe, so opening the file never runs it.
 */
final class MetricsCsv {
    private MetricsCsv() {
    }

    static String write(MetricsReport report) {
        StringBuilder csv = new StringBuilder();
        var q = report.query();
        boolean grouped = q.groupBy() != dev.switchboard.shared.analytics.report.GroupBy.NONE;
        line(csv, header(q.groupBy().wire(), grouped, q.metrics().stream().map(m -> m.wire()).toList()));
        for (MetricsReport.Row row : report.rows()) {
            List<String> cells = new java.util.ArrayList<>(List.of(row.start(), row.end()));
            if (grouped) {
                cells.add(defused(row.group()));
            }
            row.values().values().forEach(v -> cells.add(v == null ? "" : v.toString()));
            line(csv, cells);
        }
        return csv.toString();
    }

    private static List<String> header(String group, boolean grouped, List<String> metrics) {
        List<String> header = new java.util.ArrayList<>(List.of("start", "end"));
        if (grouped) {
            header.add(group);
        }
        header.addAll(metrics);
        return header;
    }

    private static void line(StringBuilder csv, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(quoted(cells.get(i)));
        }
        csv.append("\r\n");
    }

    static String quoted(String cell) {
        if (cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")) {
            return "\"" + cell.replace("\"", "\"\"") + "\"";
        }
        return cell;
    }

    static String defused(String text) {
        if (text == null) {
            return "";
        }
        return !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }
}
