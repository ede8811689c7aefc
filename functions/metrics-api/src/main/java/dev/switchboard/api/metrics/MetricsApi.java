package dev.switchboard.api.metrics;

import dev.switchboard.shared.analytics.ingest.Recount;
import dev.switchboard.shared.analytics.report.MetricsQuery;
import dev.switchboard.shared.analytics.report.MetricsReader;
import dev.switchboard.shared.analytics.report.MetricsReport;
import dev.switchboard.shared.api.ApiError;
import dev.switchboard.shared.api.ApiRequest;
import dev.switchboard.shared.api.ApiResponse;
import dev.switchboard.shared.api.ApiRoutes;
import dev.switchboard.shared.events.LogPosition;
import dev.switchboard.shared.tenancy.TenantAccess;
import dev.switchboard.shared.tenancy.Tenants;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.List;
import java.util.Map;

/** {@code GET /v1/tenants/{tenantId}/metrics}: a tenant's metrics, as JSON or, asked for, CSV. */
public final class MetricsApi {
    /** How long one recount request works before it answers with where to go on from. */
    static final Duration RECOUNT_BUDGET = Duration.ofSeconds(6);

    private final MetricsReader reader;
    private final Recount recount;
    private final Tenants tenants;
    private final TenantAccess access;
    private final Clock clock;

    public MetricsApi(MetricsReader reader, Recount recount, Tenants tenants, TenantAccess access, Clock clock) {
        this.reader = reader;
        this.recount = recount;
        this.tenants = tenants;
        this.access = access;
        this.clock = clock;
    }

    public ApiRoutes routes() {
        return new ApiRoutes().on("GET /v1/tenants/{tenantId}/metrics", this::report)
                .on("POST /v1/tenants/{tenantId}/metrics/recount", this::recount);
    }

    ApiResponse report(ApiRequest request) {
        String tenantId = access.tenant(request);
        MetricsQuery query = MetricsQueries.read(tenantId, request, tenants.timeZone(tenantId), clock.instant());
        MetricsReport report;
        try {
            report = reader.report(query);
        } catch (IllegalArgumentException e) {
            throw ApiError.badField("bucket", e.getMessage());
        }
        if (wantsCsv(request)) {
            return ApiResponse.text("text/csv; charset=utf-8", MetricsCsv.write(report), Map.of("Content-Disposition",
                    "attachment; filename=\"metrics-" + tenantId + ".csv\""));
        }
        return ApiResponse.ok(ReportView.of(report));
    }

    /**
     * The platform operator's: feeds the tenant's events after {@code after} (a log cursor or an
     * instant; the oldest kept when absent) to the counter again. Events counted already change
     * nothing; call again with {@code nextCursor} until {@code done}.
     */
    ApiResponse recount(ApiRequest request) {
        // Another tenant's key learns nothing (404); the tenant's own is not enough (403).
        String tenantId = access.tenant(request);
        request.principal().requireAdmin();
        String after = request.body().isPresent()
                ? request.json().only(Set.of("after")).string("after", 200).orElse(null) : null;
        if (after != null) {
            try {
                LogPosition.stampedAt(after);
            } catch (RuntimeException e) {
                throw ApiError.badField("after", "after must be a nextCursor a recount gave, or an instant"
                        + " (2026-11-01T00:00:00Z)");
            }
        }
        var result = recount.run(tenantId, after, RECOUNT_BUDGET);
        return ApiResponse.ok(new RecountView(result.events(), result.nextCursor(), result.done()));
    }

    /** @param events how many events were fed to the counter by this request */
    record RecountView(int events, String nextCursor, boolean done) {
    }

    private static boolean wantsCsv(ApiRequest request) {
        return request.header("accept").map(a -> a.toLowerCase(java.util.Locale.ROOT).contains("text/csv")).orElse(false);
    }

    /** A report as the API shows it. */
    record ReportView(String tenantId, String from, String to, String timeZone, String bucket, String groupBy,
                      int serviceLevelSeconds, List<String> metrics, List<MetricsReport.Row> rows) {
        static ReportView of(MetricsReport report) {
            var q = report.query();
            return new ReportView(q.tenantId(), q.from().atZone(q.zone()).toOffsetDateTime().toString(),
                    q.until().atZone(q.zone()).toOffsetDateTime().toString(), q.zone().getId(),
                    q.bucket().map(g -> g.wireName()).orElse("none"), q.groupBy().wire(), q.serviceLevelSeconds(),
                    q.metrics().stream().map(m -> m.wire()).toList(), report.rows());
        }
    }
}
