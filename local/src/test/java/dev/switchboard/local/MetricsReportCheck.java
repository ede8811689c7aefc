package dev.switchboard.local;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Asks the API for a report and holds it to the oracle's: the same buckets (with their offsets),
 * the same groups, the same figure for every metric. Differences are collected, not thrown, so
 * that one run shows all of them.
 */
final class MetricsReportCheck {
    private final MetricsOracle oracle;
    private final Map<String, SyntheticTenant> tenants;
    final List<String> differences = new ArrayList<>();
    final Set<String> metricsChecked = new TreeSet<>();
    int reports;
    int rows;
    int figures;

    MetricsReportCheck(MetricsOracle oracle, List<SyntheticTenant> tenants) {
        this.oracle = oracle;
        this.tenants = new LinkedHashMap<>();
        tenants.forEach(t -> this.tenants.put(t.id(), t));
    }

    /**
     * @param asDates the range as dates (from's day to until's eve, whole days) rather than times with their offsets
     * @param zoneParam whether to name the zone (else the tenant's is the default)
     */
    void check(String name, MetricsOracle.Query q, boolean asDates, boolean zoneParam) {
        SyntheticTenant tenant = tenants.get(q.tenant());
        StringBuilder query = new StringBuilder("?metrics=").append(String.join(",", q.metrics()))
                .append("&bucket=").append(q.bucket()).append("&groupBy=").append(q.groupBy());
        if (asDates) {
            query.append("&from=").append(q.from().toLocalDate()).append("&to=").append(q.until().toLocalDate().minusDays(1));
        } else {
            query.append("&from=").append(encode(q.from().toOffsetDateTime().toString()))
                    .append("&to=").append(encode(q.until().toOffsetDateTime().toString()));
        }
        if (zoneParam) {
            query.append("&tz=").append(encode(q.zone().getId()));
        }
        if (q.serviceLevelSeconds() != 20) {
            query.append("&serviceLevelSeconds=").append(q.serviceLevelSeconds());
        }
        String label = tenant.zone().getId() + " " + name;
        reports++;
        var response = Api.call("GET", "/v1/tenants/{tenantId}/metrics", Map.of("tenantId", q.tenant()), query.toString(),
                tenant.key(), null);
        if (response.status() != 200) {
            differences.add(label + ": " + query + " answered " + response.status() + " " + response.body());
            return;
        }
        JsonNode json = response.json();
        if (!q.zone().getId().equals(json.path("timeZone").asText())) {
            differences.add(label + ": timeZone " + json.path("timeZone").asText() + ", expected " + q.zone().getId());
        }
        List<MetricsOracle.Row> expected = oracle.report(q);
        JsonNode actual = json.path("rows");
        if (expected.size() != actual.size()) {
            differences.add(label + ": " + actual.size() + " rows, expected " + expected.size() + " (groups "
                    + groups(actual) + ", expected " + expected.stream().map(MetricsOracle.Row::group).distinct().toList() + ")");
        }
        Map<String, JsonNode> byKey = new LinkedHashMap<>();
        actual.forEach(row -> byKey.put(key(OffsetDateTime.parse(row.path("start").asText()), text(row.path("group"))), row));
        for (MetricsOracle.Row row : expected) {
            JsonNode got = byKey.get(key(row.start(), row.group()));
            String where = label + " " + row.start() + (row.group() == null ? "" : " [" + row.group() + "]");
            if (got == null) {
                differences.add(where + ": no such row");
                continue;
            }
            rows++;
            if (!row.end().equals(OffsetDateTime.parse(got.path("end").asText()))) {
                differences.add(where + ": ends " + got.path("end").asText() + ", expected " + row.end());
            }
            for (var value : row.values().entrySet()) {
                figures++;
                metricsChecked.add(value.getKey());
                JsonNode figure = got.path("values").path(value.getKey());
                BigDecimal actualValue = figure.isNumber() ? new BigDecimal(figure.asText()) : null;
                if (!same(value.getValue(), actualValue) || figure.isMissingNode()) {
                    differences.add(where + ": " + value.getKey() + " = " + (figure.isMissingNode() ? "missing" : figure)
                            + ", expected " + value.getValue());
                }
            }
        }
    }

    private static boolean same(BigDecimal expected, BigDecimal actual) {
        return expected == null ? actual == null : actual != null && expected.compareTo(actual) == 0;
    }

    private static String key(OffsetDateTime start, String group) {
        return start + "|" + Objects.requireNonNullElse(group, "");
    }

    private static String text(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : node.asText();
    }

    private static List<String> groups(JsonNode rows) {
        List<String> groups = new ArrayList<>();
        rows.forEach(r -> {
            String g = text(r.path("group"));
            if (!groups.contains(g)) {
                groups.add(g);
            }
        });
        return groups;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The differences, grouped by report and metric, a few examples of each. */
    String summary() {
        Map<String, List<String>> byKind = new LinkedHashMap<>();
        for (String d : differences) {
            String metric = d.replaceAll("^(\\S+ \\S+).*?: (\\S+) = .*$", "$1 $2");
            byKind.computeIfAbsent(metric.equals(d) ? d.replaceAll(":.*", "") : metric, k -> new ArrayList<>()).add(d);
        }
        StringBuilder out = new StringBuilder(differences.size() + " differences:\n");
        byKind.forEach((kind, list) -> {
            out.append("  ").append(kind).append(": ").append(list.size()).append('\n');
            list.stream().limit(3).forEach(d -> out.append("      ").append(d).append('\n'));
        });
        return out.toString();
    }
}
