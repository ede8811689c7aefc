package dev.switchboard.shared.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.switchboard.shared.log.ColdStart;
import dev.switchboard.shared.log.Log;
import dev.switchboard.shared.log.LogScope;
import dev.switchboard.shared.queue.MessageHandler;
import dev.switchboard.shared.queue.QueueMessage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one adapter between an SQS event source mapping (with ReportBatchItemFailures) and a
 * worker's {@link MessageHandler}. Each record is handled on its own: one that fails is reported
 * as a batch item failure, so only it returns to the queue (and, after maxReceiveCount, to its
 * DLQ) while the rest of the batch is deleted. Nothing a message holds can fail the invocation.
 *
 * <p>On a FIFO queue, order within a message group must hold, so once a record fails every later
 * record of the batch is reported failed too, unhandled (Lambda returns them all to the queue).
 */
public final class QueueAdapter {
    private static final Log LOG = Log.of(QueueAdapter.class);

    private final MessageHandler handler;
    private final boolean sideBySide;
    private final ColdStart coldStart = new ColdStart();

    public QueueAdapter(MessageHandler handler) {
        this(handler, false);
    }

    private QueueAdapter(MessageHandler handler, boolean sideBySide) {
        this.handler = handler;
        this.sideBySide = sideBySide;
    }

    /**
     * Handles a batch's records side by side, each on its own virtual thread, for a worker whose
     * messages wait on others' servers: one slow record holds none of the rest. Not for FIFO queues.
     */
    public static QueueAdapter sideBySide(MessageHandler handler) {
        return new QueueAdapter(handler, true);
    }

    /** A batch with no Lambda context: a test's. */
    public SQSBatchResponse handle(SQSEvent event) {
        return handle(event, null);
    }

    public SQSBatchResponse handle(SQSEvent event, Context lambda) {
        try (LogScope ignored = LogScope.open(lambda, coldStart.first(lambda), null)) {
            return batch(event);
        }
    }

    private SQSBatchResponse batch(SQSEvent event) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        if (event == null || event.getRecords() == null) {
            return new SQSBatchResponse(failures);
        }
        if (sideBySide) {
            return new SQSBatchResponse(sideBySide(event.getRecords()));
        }
        boolean holdTheRest = false;
        for (SQSEvent.SQSMessage record : event.getRecords()) {
            if (holdTheRest) {
                failures.add(new SQSBatchResponse.BatchItemFailure(record.getMessageId()));
                continue;
            }
            if (!handleOne(record)) {
                failures.add(new SQSBatchResponse.BatchItemFailure(record.getMessageId()));
                holdTheRest = isFifo(record);
            }
        }
        return new SQSBatchResponse(failures);
    }

    private List<SQSBatchResponse.BatchItemFailure> sideBySide(List<SQSEvent.SQSMessage> records) {
        LogScope invocation = LogScope.currentScope();
        List<SQSBatchResponse.BatchItemFailure> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Runnable> tasks = new ArrayList<>();
        for (SQSEvent.SQSMessage record : records) {
            tasks.add(() -> {
                boolean handled = false;
                try (LogScope ignored = LogScope.nestedIn(invocation)) {
                    handled = handleOne(record);
                } catch (Throwable e) {
                    // An Error too: the record goes back to its queue rather than being deleted unhandled.
                    LOG.error("queue message failed, returned to its queue", e, "messageId", record.getMessageId());
                } finally {
                    if (!handled) {
                        failures.add(new SQSBatchResponse.BatchItemFailure(record.getMessageId()));
                    }
                }
            });
        }
        dev.switchboard.shared.concurrent.SideBySide.run(tasks);
        return failures;
    }

    /**
     * @return whether the record was handled; false when it goes back to its queue. Its lines carry
     * its own ids (the event it is about and its tenant), and a failure only ids and the reason: a
     * body can carry a tenant's data.
     */
    private boolean handleOne(SQSEvent.SQSMessage record) {
        QueueMessage message = message(record);
        try (LogScope scope = LogScope.nested()) {
            scope.with("correlationId", record.getMessageId()).with("eventId", message.attribute("eventId"))
                    .with("tenantId", message.attribute("tenantId"));
            try {
                handler.handle(message);
                return true;
            } catch (Exception e) {
                LOG.error("queue message failed, returned to its queue", e, "messageId", record.getMessageId(),
                        "receiveCount", receiveCount(record));
                return false;
            }
        }
    }

    private static QueueMessage message(SQSEvent.SQSMessage record) {
        Map<String, String> attributes = new LinkedHashMap<>();
        if (record.getMessageAttributes() != null) {
            record.getMessageAttributes().forEach((name, value) -> {
                if (value != null && value.getStringValue() != null) {
                    attributes.put(name, value.getStringValue());
                }
            });
        }
        return new QueueMessage(record.getMessageId(), record.getBody() == null ? "" : record.getBody(),
                receiveCount(record), attributes);
    }

    private static int receiveCount(SQSEvent.SQSMessage record) {
        String count = record.getAttributes() == null ? null : record.getAttributes().get("ApproximateReceiveCount");
        try {
            return count == null ? 1 : Integer.parseInt(count);
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static boolean isFifo(SQSEvent.SQSMessage record) {
        return record.getEventSourceArn() != null && record.getEventSourceArn().endsWith(".fifo");
    }
}
