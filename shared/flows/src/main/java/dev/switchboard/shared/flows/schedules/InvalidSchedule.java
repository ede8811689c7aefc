package dev.switchboard.shared.flows.schedules;

/**
 * A schedule's JSON refused. {@link #path()} names the field the way the JSON nests it
 * ({@code weekly.mon[1].to}, {@code overrides[2].date}, {@code timeZone}; empty for the document
 * itself), so the API can point the client at it; {@link #detail()} says what is wrong with it.
 */
public final class InvalidSchedule extends IllegalArgumentException {
    private final String path;
    private final String detail;

    public InvalidSchedule(String path, String detail) {
        super(path.isEmpty() ? detail : path + ": " + detail);
        this.path = path;
        this.detail = detail;
    }

    public String path() {
        return path;
    }

    public String detail() {
        return detail;
    }
}
