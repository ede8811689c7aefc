package dev.switchboard.shared.analytics.counting;

import dev.switchboard.shared.analytics.facts.CallFact;
import dev.switchboard.shared.analytics.facts.Fact;
import dev.switchboard.shared.analytics.facts.MessageFact;
import dev.switchboard.shared.analytics.facts.OptOutFact;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What each fact counts, and where: the definitions of docs/metrics.md, in code. A call is
 * counted in the quarter hour it started, a message in the one it was received or first reported
 * in, an opt-out in the one it happened; a call is counted only once its {@code call.started} is
 * known.
 */
public final class Counting {
    /** Answered calls shorter than this are short calls. */
    public static final int SHORT_SECONDS = 10;
    private static final Set<String> SENT = Set.of("sent", "delivered", "undelivered", "read", "partially_delivered");
    private static final Set<String> DELIVERED = Set.of("delivered", "read");
    private static final Set<String> FAILED = Set.of("failed", "undelivered");

    private Counting() {
    }

    public static Contribution of(Fact fact) {
        return switch (fact) {
            case CallFact call -> call(call);
            case MessageFact message -> message(message);
            case OptOutFact optOut -> optOut(optOut);
        };
    }

    private static Contribution call(CallFact f) {
        Contribution c = new Contribution();
        if (f.startedAt() == null || f.direction() == null) {
            return c;
        }
        long quarter = Cell.quarterOf(f.startedAt());
        List<String> slices = new ArrayList<>(List.of(Cell.ALL, "direction:" + f.direction(),
                "agent:" + (f.agentId() == null ? "-" : f.agentId())));
        if (f.number() != null) {
            slices.add("number:" + f.number());
        }
        for (String slice : slices) {
            Cell cell = new Cell(slice, Cell.COUNTS, quarter);
            count(c, cell, f.inbound() ? Counter.INBOUND : Counter.OUTBOUND, 1);
            if (f.inbound()) {
                count(c, cell, Counter.ANSWERED_INBOUND, f.answered() ? 1 : 0);
                count(c, cell, Counter.MISSED, f.missedReason() != null && !f.answered() ? 1 : 0);
                count(c, cell, Counter.VOICEMAIL, f.voicemail() ? 1 : 0);
                count(c, cell, Counter.AFTER_HOURS, f.afterHours() ? 1 : 0);
                count(c, cell, Counter.ABANDONED, abandoned(f) ? 1 : 0);
                if (f.answered()) {
                    long answer = seconds(f.startedAt(), f.answeredAt());
                    count(c, cell, Counter.ANSWER_SECONDS, answer);
                    count(c, cell, Counter.ANSWER_TIMED, 1);
                    histogram(c, slice, quarter, Histogram.ANSWER, answer);
                }
            }
            if (f.answered()) {
                count(c, cell, Counter.ANSWERED, 1);
                if (f.endedAt() != null) {
                    long talk = seconds(f.answeredAt(), f.endedAt());
                    count(c, cell, Counter.TALK_SECONDS, talk);
                    count(c, cell, Counter.TALKED, 1);
                    count(c, cell, Counter.SHORT, talk < SHORT_SECONDS ? 1 : 0);
                    histogram(c, slice, quarter, Histogram.TALK, talk);
                }
                if (f.ended() && f.durationSeconds() != null) {
                    count(c, cell, Counter.HANDLE_SECONDS, f.durationSeconds());
                    count(c, cell, Counter.HANDLED, 1);
                    histogram(c, slice, quarter, Histogram.HANDLE, f.durationSeconds());
                }
            }
        }
        for (CallFact.Selection s : f.selections()) {
            count(c, new Cell("option:" + s.flowId() + "|" + s.menu() + "|" + s.option(), Cell.COUNTS, quarter),
                    Counter.SELECTIONS, 1);
            // And the tenant's total, which an ungrouped report shows.
            count(c, new Cell(Cell.ALL, Cell.COUNTS, quarter), Counter.SELECTIONS, 1);
        }
        return c;
    }

    /**
     * A caller who went into a flow and was gone before an agent answered: the call is over,
     * nobody answered, no voicemail was left, it was not after hours and nothing reported it missed
     * (a number's own routing reports that; a flow's ring group that nobody answers does not).
     */
    static boolean abandoned(CallFact f) {
        return "flow".equals(f.routing()) && f.ended() && !f.answered() && !f.voicemail() && !f.afterHours()
                && f.missedReason() == null;
    }

    private static Contribution message(MessageFact f) {
        Contribution c = new Contribution();
        if (f.at() == null || f.direction() == null) {
            return c;
        }
        long quarter = Cell.quarterOf(f.at());
        List<String> slices = new ArrayList<>(List.of(Cell.ALL, "direction:" + f.direction()));
        if (f.number() != null) {
            slices.add("number:" + f.number());
        }
        // A received message has no status (and Set.of's sets refuse to look for null).
        String status = f.status() == null ? "" : f.status();
        boolean failed = !f.inbound() && FAILED.contains(status);
        for (String slice : slices) {
            Cell cell = new Cell(slice, Cell.COUNTS, quarter);
            if (f.inbound()) {
                count(c, cell, Counter.RECEIVED, 1);
            } else {
                count(c, cell, Counter.SENT, SENT.contains(status) ? 1 : 0);
                count(c, cell, Counter.DELIVERED, DELIVERED.contains(status) ? 1 : 0);
                count(c, cell, Counter.FAILED, failed ? 1 : 0);
            }
        }
        if (failed) {
            count(c, new Cell("error:" + (f.errorCode() == null ? "-" : f.errorCode()), Cell.COUNTS, quarter),
                    Counter.FAILED, 1);
        }
        return c;
    }

    private static Contribution optOut(OptOutFact f) {
        Contribution c = new Contribution();
        long quarter = Cell.quarterOf(f.at());
        count(c, new Cell(Cell.ALL, Cell.COUNTS, quarter), Counter.OPT_OUTS, 1);
        if (f.number() != null) {
            count(c, new Cell("number:" + f.number(), Cell.COUNTS, quarter), Counter.OPT_OUTS, 1);
        }
        return c;
    }

    private static void count(Contribution c, Cell cell, Counter counter, long amount) {
        c.add(cell, counter.wire(), amount);
    }

    /**
     * Distributions are kept for the whole tenant and per direction, where percentiles are asked
     * for; speed to answer also per agent and number, whose service level (a rate) is read from it.
     */
    private static void histogram(Contribution c, String slice, long quarter, Histogram h, long seconds) {
        if (slice.equals(Cell.ALL) || slice.startsWith("direction:") || h == Histogram.ANSWER) {
            c.add(new Cell(slice, h.wire(), quarter), Histogram.attribute(h.bin(seconds)), 1);
        }
    }

    /** Whole seconds from one instant to a later one (0 if the later came first). */
    static long seconds(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toMillis() / 1000);
    }
}
