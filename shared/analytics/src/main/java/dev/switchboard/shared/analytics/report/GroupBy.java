package dev.switchboard.shared.analytics.report;

import java.util.Arrays;
import java.util.Optional;

/**
 * How a report's figures are split: not at all, or by a slice the cells are kept by, or by the
 * hour of the week on the tenant's clock (a heat map's 7 × 24 cells, summed over the range).
 */
public enum GroupBy {
    NONE("none", null), DIRECTION("direction", "direction"), AGENT("agent", "agent"), NUMBER("number", "number"),
    OPTION("option", "option"), ERROR_CODE("errorCode", "error"), HOUR_OF_WEEK("hourOfWeek", null);

    private final String wire;
    private final String slice;

    GroupBy(String wire, String slice) {
        this.wire = wire;
        this.slice = slice;
    }

    public String wire() {
        return wire;
    }

    /** The cells' slice this grouping reads ({@code agent} …), or empty when it reads the tenant's totals. */
    public Optional<String> slice() {
        return Optional.ofNullable(slice);
    }

    public static Optional<GroupBy> fromWire(String wire) {
        return Arrays.stream(values()).filter(g -> g.wire.equals(wire)).findFirst();
    }
}
