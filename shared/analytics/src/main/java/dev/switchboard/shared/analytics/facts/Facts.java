package dev.switchboard.shared.analytics.facts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which events the metrics count, what each is about, and the fact its events make. Folding sorts
 * the events first (by when they occurred, then by id), so a fact never depends on the order the
 * stream delivered them in, and keeps each event id once, so never on how often.
 */
public final class Facts {
    /** Statuses after which a call is over (docs/events.md, call.status-changed). */
    private static final Set<String> FINAL = Set.of("completed", "busy", "failed", "no-answer", "canceled");
    /** How far a sent message got; a later callback never takes a message back. */
    private static final Map<String, Integer> MESSAGE_RANK = Map.ofEntries(
            Map.entry("accepted", 0), Map.entry("queued", 0), Map.entry("scheduled", 1), Map.entry("sending", 2),
            Map.entry("sent", 3), Map.entry("delivered", 4), Map.entry("undelivered", 4), Map.entry("failed", 4),
            Map.entry("partially_delivered", 4), Map.entry("read", 5), Map.entry("canceled", 9));
    /** The payload fields the folds read, per type: all a fact keeps of its events. */
    private static final Map<String, List<String>> KEPT = Map.of(
            "call.started", List.of("callSid", "direction", "from", "to", "agentId", "routing", "number"),
            "call.status-changed", List.of("callSid", "status", "direction", "from", "agentId", "answeredAt", "endedAt",
                    "durationSeconds"),
            "call.missed", List.of("callSid", "reason"),
            "voicemail.received", List.of("callSid"),
            "ivr.hours", List.of("callSid", "status"),
            "ivr.selection", List.of("callSid", "flowId", "menu", "step", "choice", "label"),
            "message.received", List.of("messageId", "to"),
            "message.status-changed", List.of("messageId", "number", "status", "errorCode"),
            "contact.opted-out", List.of("number"));

    private Facts() {
    }

    /** The types the metrics count; every other event passes them by. */
    public static boolean counted(String type) {
        return KEPT.containsKey(type);
    }

    /** The event as a fact keeps it: only the fields its fold reads. */
    public static MetricEvent kept(MetricEvent event) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String name : KEPT.getOrDefault(event.type(), List.of())) {
            String value = event.text(name);
            if (value != null) {
                fields.put(name, value);
            }
        }
        return new MetricEvent(event.id(), event.tenantId(), event.type(), event.occurredAt(), fields);
    }

    /** What a counted event is about: its call, its message, or itself (an opt-out); empty when it names none. */
    public static Optional<String> subject(MetricEvent event) {
        String type = event.type();
        if (type.startsWith("call.") || type.startsWith("ivr.") || type.equals("voicemail.received")) {
            return Optional.ofNullable(event.text("callSid")).filter(s -> !s.isBlank()).map(s -> "call#" + s);
        }
        if (type.startsWith("message.")) {
            return Optional.ofNullable(event.text("messageId")).filter(s -> !s.isBlank()).map(s -> "message#" + s);
        }
        if (type.equals("contact.opted-out")) {
            return Optional.of("opt-out#" + event.id());
        }
        return Optional.empty();
    }

    /** The fact the events make, each event id once, in their fold order. */
    public static Fact fold(String tenantId, String subject, List<MetricEvent> events) {
        Map<String, MetricEvent> unique = new LinkedHashMap<>();
        events.forEach(e -> unique.putIfAbsent(e.id(), kept(e)));
        List<MetricEvent> ordered = new ArrayList<>(unique.values());
        ordered.sort(Comparator.comparing(MetricEvent::occurredAt).thenComparing(MetricEvent::id));
        List<MetricEvent> sorted = List.copyOf(ordered);
        if (subject.startsWith("call#")) {
            return call(tenantId, subject, sorted);
        }
        if (subject.startsWith("message#")) {
            return message(tenantId, subject, sorted);
        }
        MetricEvent first = sorted.getFirst();
        return new OptOutFact(tenantId, subject, sorted, first.occurredAt(), first.text("number"));
    }

    private static CallFact call(String tenantId, String subject, List<MetricEvent> events) {
        Instant startedAt = null, answeredAt = null, endedAt = null;
        String direction = null, number = null, agentId = null, routing = null, finalStatus = null, missed = null;
        Integer duration = null;
        boolean voicemail = false, afterHours = false;
        List<CallFact.Selection> selections = new ArrayList<>();
        for (MetricEvent e : events) {
            switch (e.type()) {
                case "call.started" -> {
                    startedAt = e.occurredAt();
                    direction = e.text("direction");
                    // The tenant's number the call is on: the one called, or the caller ID a browser
                    // call went out with (none to another agent). Events from before call.started
                    // named it had only the called number to go by.
                    number = e.text("number") != null ? e.text("number") : "inbound".equals(direction) ? e.text("to") : null;
                    agentId = e.text("agentId");
                    routing = e.text("routing");
                }
                case "call.status-changed" -> {
                    answeredAt = earliest(answeredAt, e.instant("answeredAt"));
                    endedAt = latest(endedAt, e.instant("endedAt"));
                    if (e.integer("durationSeconds") != null) {
                        duration = e.integer("durationSeconds");
                    }
                    if (FINAL.contains(e.text("status"))) {
                        finalStatus = e.text("status");
                    }
                }
                case "call.missed" -> missed = e.text("reason") == null ? "unknown" : e.text("reason");
                case "voicemail.received" -> voicemail = true;
                case "ivr.hours" -> afterHours |= !"open".equals(e.text("status"));
                case "ivr.selection" -> selections.add(new CallFact.Selection(
                        e.integer("step") == null ? 0 : e.integer("step"), e.text("flowId"), e.text("menu"),
                        e.text("choice"), e.text("label")));
                default -> {
                }
            }
        }
        if (startedAt == null && !events.isEmpty()) {
            // A call the API placed (click-to-call) has no call.started: it is known from its
            // status events, which say it is outbound, from the tenant's number, for which agent.
            MetricEvent first = events.getFirst();
            for (MetricEvent e : events) {
                if (e.type().equals("call.status-changed") && "outbound".equals(e.text("direction"))) {
                    startedAt = first.occurredAt();
                    direction = "outbound";
                    number = e.text("from");
                    agentId = e.text("agentId");
                    break;
                }
            }
        }
        selections.sort(Comparator.comparingInt(CallFact.Selection::step));
        return new CallFact(tenantId, subject, events, subject.substring("call#".length()), startedAt, direction,
                number, agentId, routing, answeredAt, endedAt, duration, finalStatus, missed, voicemail, afterHours,
                List.copyOf(selections));
    }

    private static MessageFact message(String tenantId, String subject, List<MetricEvent> events) {
        String direction = null, number = null, status = null, errorCode = null;
        Instant at = null;
        int rank = -1;
        for (MetricEvent e : events) {
            if (e.type().equals("message.received")) {
                direction = "inbound";
                number = e.text("to");
                at = e.occurredAt();
            } else if (!"inbound".equals(direction)) {
                direction = "outbound";
                at = earliest(at, e.occurredAt());
                if (e.text("number") != null) {
                    number = e.text("number");
                }
                int r = MESSAGE_RANK.getOrDefault(e.text("status"), -1);
                if (r >= rank && e.text("status") != null) {
                    rank = r;
                    status = e.text("status");
                }
                if (e.text("errorCode") != null) {
                    errorCode = e.text("errorCode");
                }
            }
        }
        return new MessageFact(tenantId, subject, events, direction, at, number,
                "inbound".equals(direction) ? null : status, errorCode);
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null || a.isBefore(b) ? a : b;
    }

    private static Instant latest(Instant a, Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }
}
