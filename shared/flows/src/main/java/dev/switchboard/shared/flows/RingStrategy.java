package dev.switchboard.shared.flows;

/** How a ring group reaches its agents. */
public enum RingStrategy {
    /** Every agent at once; the first to answer takes the call. */
    SIMULTANEOUS("simultaneous"),
    /** One agent after another, in the group's order, each for the group's timeout. */
    IN_ORDER("in-order");

    private final String wireName;

    RingStrategy(String wireName) {
        this.wireName = wireName;
    }

    /** The name in a flow's JSON. */
    public String wireName() {
        return wireName;
    }

    /** The strategy of that JSON name, or null when there is none. */
    public static RingStrategy fromWireName(String name) {
        for (RingStrategy strategy : values()) {
            if (strategy.wireName.equals(name)) {
                return strategy;
            }
        }
        return null;
    }
}
