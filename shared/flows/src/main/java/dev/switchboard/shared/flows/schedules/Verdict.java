package dev.switchboard.shared.flows.schedules;

/** A state and its reason: what a status says before its next change is known. */
record Verdict(OpenState state, String reason) {
    static final Verdict OPEN = new Verdict(OpenState.OPEN, null);
    static final Verdict CLOSED = new Verdict(OpenState.CLOSED, null);

    /**
     * The closure by these overrides, all of which close the moment in question: a holiday when
     * any is one, named after the first in the schedule's order of the kind that decides.
     */
    static Verdict closedBy(Iterable<Override> closers) {
        Override first = null;
        for (Override closer : closers) {
            if (closer.holiday()) {
                return new Verdict(OpenState.HOLIDAY, closer.name());
            }
            if (first == null) {
                first = closer;
            }
        }
        if (first == null) {
            throw new IllegalArgumentException("No override closes");
        }
        return new Verdict(OpenState.CLOSED, first.name());
    }
}
