package dev.switchboard.messaging.scheduled;

import dev.switchboard.shared.log.Log;
import dev.switchboard.shared.twilio.MessageStatus;
import dev.switchboard.shared.messaging.ScheduledMessages;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs every minute. Each scheduled message due within the next minute goes onto the send queue,
 * delayed to its sendAt, so that it leaves on time rather than up to a minute late; one whose
 * sending was taken but never finished goes back too, to be checked at Twilio. Sweeps may overlap
 * and a message may be put on the queue twice: the sender's claim lets only one send it.
 */
public final class ScheduleSweep {
    private static final Log LOG = Log.of(ScheduleSweep.class);
    /** How far ahead a sweep looks: the schedule's rate. */
    static final Duration LOOK_AHEAD = Duration.ofMinutes(1);
    /** A sending claim older than this was lost (the sender died or got no answer). */
    static final Duration STUCK = Duration.ofMinutes(2);
    /** SQS delays a message by at most 15 minutes. */
    static final long MAX_DELAY_SECONDS = 900;
    /** Per sweep; what is left waits a minute for the next. */
    static final int MAX_PER_SWEEP = 5000;

    /** A message to send, and how long the queue holds it first. */
    public record Send(String tenantId, String messageId, long delaySeconds) {
    }

    /** Where the sweep puts what comes due: the send queue. */
    @FunctionalInterface
    public interface SendQueue {
        void put(List<Send> sends);
    }

    private final ScheduledMessages scheduled;
    private final SendQueue queue;
    private final Clock clock;

    public ScheduleSweep(ScheduledMessages scheduled, SendQueue queue, Clock clock) {
        this.scheduled = scheduled;
        this.queue = queue;
        this.clock = clock;
    }

    /** @return what went onto the queue */
    public List<Send> sweep() {
        Instant now = clock.instant();
        List<Send> sends = new ArrayList<>();
        for (var due : scheduled.due(now.plus(LOOK_AHEAD), MAX_PER_SWEEP)) {
            boolean lost = due.status() == MessageStatus.SENDING && due.claimedAt() != null
                    && due.claimedAt().isBefore(now.minus(STUCK));
            if (due.status() != MessageStatus.SCHEDULED && !lost) {
                continue;
            }
            long delay = Math.max(0, Duration.between(now, due.sendAt()).toMillis() + 999) / 1000;
            sends.add(new Send(due.tenantId(), due.messageId(), Math.min(delay, MAX_DELAY_SECONDS)));
        }
        if (!sends.isEmpty()) {
            queue.put(sends);
        }
        LOG.info("schedule swept", "queued", sends.size());
        return sends;
    }
}
