package dev.switchboard.shared.delivery;

import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The delivery worker's queue, for jobs: each delayed until its attempt is due, at most the 15
 * minutes SQS can delay a message; a job due later arrives early and is sent on again for what
 * remains.
 */
public final class DeliveryQueue {
    static final Duration MAX_DELAY = Duration.ofMinutes(15);

    private final SqsClient sqs;
    private final String queueUrl;
    private final Clock clock;

    public DeliveryQueue(SqsClient sqs, String queueUrl, Clock clock) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.clock = clock;
    }

    public void send(DeliveryJob job) {
        int delay = job instanceof DeliveryJob.Attempt a ? delaySeconds(a.notBefore(), clock.instant()) : 0;
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(DeliveryJob.write(job)).delaySeconds(delay));
    }

    /** A job that is to wait a while first (a recovery waiting for the log to settle). */
    public void sendAfter(DeliveryJob job, Duration wait) {
        int delay = delaySeconds(clock.instant().plus(wait), clock.instant());
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(DeliveryJob.write(job)).delaySeconds(delay));
    }

    /**
     * Whole seconds to hold a job due at {@code due}: rounded up, so that a receiver's Retry-After is
     * never met early; a job due within the second is not held (the worker waits out the rest).
     */
    static int delaySeconds(Instant due, Instant now) {
        long millis = Duration.between(now, due).toMillis();
        if (millis < 1000) {
            return 0;
        }
        return (int) Math.min(MAX_DELAY.toSeconds(), (millis + 999) / 1000);
    }
}
