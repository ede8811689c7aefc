package dev.switchboard.shared.events;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an event says: one record per event type, its fields in the order docs/events.md lists
 * them (a test holds the two together). Producers build these; the workers read theirs back with
 * {@link EventPayloads}. Written by hand into the event's JSON ({@link #fields()}): the webhooks
 * that produce events do not load a JSON library.
 */
public sealed interface EventPayload {

    /** The event's type, e.g. {@code call.started}. */
    String type();

    /** The payload's fields, in order, as the event's JSON carries them; a field not known is null. */
    Map<String, Object> fields();

    private static Map<String, Object> ordered(Object... namesAndValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            fields.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return fields;
    }

    private static String time(Instant at) {
        return at == null ? null : at.toString();
    }

    /** @param number the tenant's number the call is on: the one called, or the caller ID a browser call goes out with */
    record CallStarted(String callSid, String accountSid, String direction, String from, String to, String agentId,
                       String routing, String number) implements EventPayload {
        public String type() {
            return DomainEvent.CALL_STARTED;
        }

        public Map<String, Object> fields() {
            return ordered("callSid", callSid, "accountSid", accountSid, "direction", direction, "from", from,
                    "to", to, "agentId", agentId, "routing", routing, "number", number);
        }
    }

    record CallStatusChanged(String callSid, String status, Long sequenceNumber, String direction, String from,
                             String to, String agentId, Instant answeredAt, Instant endedAt,
                             Integer durationSeconds) implements EventPayload {
        public String type() {
            return DomainEvent.CALL_STATUS_CHANGED;
        }

        public Map<String, Object> fields() {
            return ordered("callSid", callSid, "status", status, "sequenceNumber", sequenceNumber,
                    "direction", direction, "from", from, "to", to, "agentId", agentId,
                    "answeredAt", time(answeredAt), "endedAt", time(endedAt), "durationSeconds", durationSeconds);
        }
    }

    record CallMissed(String callSid, String from, String to, String agentId, String reason, String dialCallStatus)
            implements EventPayload {
        public String type() {
            return DomainEvent.CALL_MISSED;
        }

        public Map<String, Object> fields() {
            return ordered("callSid", callSid, "from", from, "to", to, "agentId", agentId, "reason", reason,
                    "dialCallStatus", dialCallStatus);
        }
    }

    /**
     * A caller's way out of one of a flow's menus: an option, the operator, back, or the menu's exit
     * once its no-input or invalid retries ran out.
     */
    record IvrSelection(String callSid, String from, String to, String flowId, String menu, int step, String choice,
                        String label, String digits, String speech, String next) implements EventPayload {
        public String type() {
            return DomainEvent.IVR_SELECTION;
        }

        public Map<String, Object> fields() {
            return ordered("callSid", callSid, "from", from, "to", to, "flowId", flowId, "menu", menu, "step", step,
                    "choice", choice, "label", label, "digits", digits, "speech", speech, "next", next);
        }
    }

    record IvrHours(String callSid, String from, String to, String flowId, String node, int step, String status)
            implements EventPayload {
        public String type() {
            return DomainEvent.IVR_HOURS;
        }

        public Map<String, Object> fields() {
            return ordered("callSid", callSid, "from", from, "to", to, "flowId", flowId, "node", node, "step", step,
                    "status", status);
        }
    }

    /**
     * A tenant's figures for today so far, in its time zone, sent each time they change.
     *
     * @param figures metric name to value (docs/metrics.md), in the order the metrics are listed there
     */
    record MetricsToday(String date, String timeZone, String from, String until, Map<String, Object> figures)
            implements EventPayload {
        public String type() {
            return DomainEvent.METRICS_TODAY;
        }

        public Map<String, Object> fields() {
            return ordered("date", date, "timeZone", timeZone, "from", from, "until", until, "figures", figures);
        }
    }

    record RecordingCompleted(String callSid, String recordingSid, String accountSid, Integer durationSeconds,
                              Integer channels, String source) implements EventPayload {
        public String type() {
            return DomainEvent.RECORDING_COMPLETED;
        }

        public Map<String, Object> fields() {
            return ordered("callSid", callSid, "recordingSid", recordingSid, "accountSid", accountSid,
                    "durationSeconds", durationSeconds, "channels", channels, "source", source);
        }
    }

    record RecordingStored(String callSid, String recordingSid, String key, long bytes, String contentType)
            implements EventPayload {
        public String type() {
            return DomainEvent.RECORDING_STORED;
        }

        public Map<String, Object> fields() {
            return ordered("callSid", callSid, "recordingSid", recordingSid, "key", key, "bytes", bytes,
                    "contentType", contentType);
        }
    }

    record RecordingCopyFailed(String callSid, String recordingSid, String reason, String detail, int attempts,
                               Integer durationSeconds) implements EventPayload {
        public String type() {
            return DomainEvent.RECORDING_COPY_FAILED;
        }

        public Map<String, Object> fields() {
            return ordered("callSid", callSid, "recordingSid", recordingSid, "reason", reason, "detail", detail,
                    "attempts", attempts, "durationSeconds", durationSeconds);
        }
    }

    record VoicemailReceived(String callSid, String recordingSid, String from, String to, String agentId,
                             int durationSeconds) implements EventPayload {
        public String type() {
            return DomainEvent.VOICEMAIL_RECEIVED;
        }

        public Map<String, Object> fields() {
            return ordered("callSid", callSid, "recordingSid", recordingSid, "from", from, "to", to,
                    "agentId", agentId, "durationSeconds", durationSeconds);
        }
    }

    record VoicemailTranscribed(String callSid, String recordingSid, String status, String text)
            implements EventPayload {
        public String type() {
            return DomainEvent.VOICEMAIL_TRANSCRIBED;
        }

        public Map<String, Object> fields() {
            return ordered("callSid", callSid, "recordingSid", recordingSid, "status", status, "text", text);
        }
    }

    /** One media item of a received message, as the event names it. */
    record ReceivedMedia(int index, String contentType) {
    }

    record MessageReceived(String messageId, String conversationId, String messageSid, String accountSid,
                           String messagingServiceSid, String from, String to, String body, int numMedia,
                           List<ReceivedMedia> media) implements EventPayload {
        public String type() {
            return DomainEvent.MESSAGE_RECEIVED;
        }

        public Map<String, Object> fields() {
            return ordered("messageId", messageId, "conversationId", conversationId, "messageSid", messageSid,
                    "accountSid", accountSid, "messagingServiceSid", messagingServiceSid, "from", from, "to", to,
                    "body", body, "numMedia", numMedia, "media", media.stream()
                            .map(i -> Map.of("index", i.index(), "contentType", i.contentType())).toList());
        }
    }

    /** One stored media item of a message, as the event names it. */
    record StoredMedia(int index, String contentType, String key, Long bytes) {
    }

    record MessageMediaStored(String messageId, String conversationId, String messageSid, List<StoredMedia> media)
            implements EventPayload {
        public String type() {
            return DomainEvent.MESSAGE_MEDIA_STORED;
        }

        public Map<String, Object> fields() {
            return ordered("messageId", messageId, "conversationId", conversationId, "messageSid", messageSid,
                    "media", media.stream().map(i -> ordered("index", i.index(), "contentType", i.contentType(),
                            "key", i.key(), "bytes", i.bytes())).toList());
        }
    }

    record MessageMediaCopyFailed(String messageId, String conversationId, String messageSid, String reason,
                                  String detail, int attempts) implements EventPayload {
        public String type() {
            return DomainEvent.MESSAGE_MEDIA_COPY_FAILED;
        }

        public Map<String, Object> fields() {
            return ordered("messageId", messageId, "conversationId", conversationId, "messageSid", messageSid,
                    "reason", reason, "detail", detail, "attempts", attempts);
        }
    }

    record MessageStatusChanged(String messageId, String conversationId, String messageSid, String number, String status,
                                String errorCode, String errorMessage, Instant sentAt, Instant deliveredAt)
            implements EventPayload {
        public String type() {
            return DomainEvent.MESSAGE_STATUS_CHANGED;
        }

        public Map<String, Object> fields() {
            return ordered("messageId", messageId, "conversationId", conversationId, "messageSid", messageSid,
                    "number", number, "status", status, "errorCode", errorCode, "errorMessage", errorMessage,
                    "sentAt", time(sentAt), "deliveredAt", time(deliveredAt));
        }
    }

    /** A party opted out of the tenant's messages: a keyword, or Twilio refusing a send with 21610. */
    record ContactOptedOut(String conversationId, String number, String party, String reason)
            implements EventPayload {
        public String type() {
            return DomainEvent.CONTACT_OPTED_OUT;
        }

        public Map<String, Object> fields() {
            return ordered("conversationId", conversationId, "number", number, "party", party, "reason", reason);
        }
    }

    /** A party opted back in (START and its like). */
    record ContactOptedIn(String conversationId, String number, String party, String reason)
            implements EventPayload {
        public String type() {
            return DomainEvent.CONTACT_OPTED_IN;
        }

        public Map<String, Object> fields() {
            return ordered("conversationId", conversationId, "number", number, "party", party, "reason", reason);
        }
    }

    /**
     * A webhook endpoint has failed every attempt for a day less than it may before it is disabled;
     * sent to the tenant's other channels (never to the endpoint itself).
     */
    record EndpointFailing(String endpointId, String url, Instant failingSince, Instant disableAt)
            implements EventPayload {
        public String type() {
            return DomainEvent.ENDPOINT_FAILING;
        }

        public Map<String, Object> fields() {
            return ordered("endpointId", endpointId, "url", url, "failingSince", time(failingSince),
                    "disableAt", time(disableAt));
        }
    }

    /** A webhook endpoint was disabled by delivery: it answered 410, or failed every attempt for days. */
    record EndpointDisabled(String endpointId, String url, String reason, Instant failingSince)
            implements EventPayload {
        public String type() {
            return DomainEvent.ENDPOINT_DISABLED;
        }

        public Map<String, Object> fields() {
            return ordered("endpointId", endpointId, "url", url, "reason", reason,
                    "failingSince", time(failingSince));
        }
    }
}
