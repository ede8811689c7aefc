package dev.switchboard.messaging.scheduled;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.switchboard.shared.Platform;
import dev.switchboard.shared.messaging.MessagingWiring;
import dev.switchboard.shared.tenancy.TenancyWiring;
import dev.switchboard.shared.priming.Priming;
import dev.switchboard.shared.json.Json;
import dev.switchboard.shared.log.ColdStart;
import dev.switchboard.shared.log.LogScope;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import java.util.List;
import java.util.Map;

/**
 * The schedule's sweep, run every minute by an EventBridge schedule. The scheduled event itself
 * says nothing the sweep needs (it reads the clock), so it is taken as a plain map.
 */
public final class ScheduleSweepHandler implements RequestHandler<Map<String, Object>, Integer> {
    private final ScheduleSweep sweep;
    private final ColdStart coldStart = new ColdStart();

    public ScheduleSweepHandler() {
        this(Platform.fromEnvironment());
    }

    /**
     * The function over a given platform: what the no-argument constructor builds on, and how the
     * local stack builds it over a platform of its own (LambdaFunctions).
     */
    public ScheduleSweepHandler(Platform p) {
        var tenancy = new TenancyWiring(p);
        var messaging = new MessagingWiring(p);
        this(new ScheduleSweep(messaging.scheduledMessages(), sqsQueue(p.sqs(), p.settings().sendQueueUrl().orElseThrow(
                () -> new IllegalStateException("Missing configuration SEND_QUEUE_URL"))), p.clock()));
        // SnapStart primes what this function answers before its snapshot.
        Priming.register(tenancy.priming());
    }

    public ScheduleSweepHandler(ScheduleSweep sweep) {
        this.sweep = sweep;
    }

    /** The send queue: ten to a batch, each message delayed to its sendAt. */
    public static ScheduleSweep.SendQueue sqsQueue(SqsClient sqs, String queueUrl) {
        return sends -> {
            for (int start = 0; start < sends.size(); start += 10) {
                List<SendMessageBatchRequestEntry> entries = sends.subList(start, Math.min(sends.size(), start + 10))
                        .stream().map(send -> SendMessageBatchRequestEntry.builder()
                                .id(send.messageId())
                                .messageBody(Json.write(Map.of("tenantId", send.tenantId(),
                                        "messageId", send.messageId())))
                                .delaySeconds((int) send.delaySeconds())
                                .build()).toList();
                var response = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
                if (response.hasFailed() && !response.failed().isEmpty()) {
                    // The rest go on the next sweep: a due message stays due until it is claimed.
                    throw new IllegalStateException(response.failed().size() + " scheduled messages not queued: "
                            + response.failed().getFirst().message());
                }
            }
        };
    }

    @Override
    public Integer handleRequest(Map<String, Object> event, Context context) {
        try (LogScope ignored = LogScope.open(context, coldStart.first(context), null)) {
            return sweep.sweep().size();
        }
    }
}
