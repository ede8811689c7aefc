package dev.switchboard.local;

import dev.switchboard.local.SyntheticScript.Follow;
import dev.switchboard.local.SyntheticScript.Move;
import dev.switchboard.local.SyntheticScript.Post;
import dev.switchboard.local.SyntheticTenant.Line;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The Twilio requests of one call of each kind, in the order and at the moments Twilio makes them,
 * with what really happened on it: what was answered when, how it ended, whether it was missed,
 * left a voicemail, came after hours, which menu options it took. Which events Switchboard
 * publishes for each is docs/events.md's: a number's {@code <Dial>} that nobody answers (or the
 * caller hangs up on) is a {@code call.missed}; a flow's ring group is not.
 */
final class CallScripts {
    /** Twilio's Timestamp: RFC 2822 / RFC 1123. */
    private static final DateTimeFormatter RFC_1123 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    enum Kind {
        // A number that forwards to a phone or rings a browser.
        ANSWERED, SHORT, NO_ANSWER_VOICEMAIL, NO_ANSWER_SILENT, BUSY_VOICEMAIL, NO_ANSWER, BUSY, CANCELED,
        // The flow's number.
        AFTER_HOURS_VOICEMAIL, AFTER_HOURS_SILENT, SALES_ANSWERED, SUPPORT_ANSWERED, SUPPORT_SECOND_ANSWERED,
        OPTION_VOICEMAIL, OPTION_SILENT, MENU_GONE, RING_GONE, NO_INPUT, INVALID,
        // An agent's browser calls a phone.
        OUTBOUND
    }

    record Played(SyntheticTruth.Call truth, List<Move> moves) {
    }

    private final Random random;

    CallScripts(Random random) {
        this.random = random;
    }

    String callSid() {
        return "CA" + hex(16);
    }

    // --- inbound ---------------------------------------------------------------------------------

    /**
     * @param lostEnd Twilio's final status callback never arrives: the call is never known to have ended
     */
    Played inbound(SyntheticTenant tenant, Line line, Kind kind, Instant start, String caller, boolean lostEnd) {
        var call = new Call(tenant, line, kind, start, caller);
        switch (kind) {
            case ANSWERED, SHORT -> {
                call.ring(between(1, 18)).answer(line.routing() == SyntheticTenant.Routing.BROWSER_VOICEMAIL
                        ? "client:" + tenant.agent(line.agentId()).identity() : phoneOf(tenant, line))
                        .talk(kind == Kind.SHORT ? between(1, 9) : talkSeconds()).dial("completed", "in-progress");
            }
            case NO_ANSWER_VOICEMAIL, NO_ANSWER_SILENT -> {
                call.ring(line.routing() == SyntheticTenant.Routing.FORWARD ? 25 : 20).dial("no-answer", "in-progress")
                        .missed().voicemail(kind == Kind.NO_ANSWER_VOICEMAIL);
            }
            case BUSY_VOICEMAIL -> call.ring(between(1, 3)).dial("busy", "in-progress").missed().voicemail(true);
            case NO_ANSWER -> call.ring(25).dial("no-answer", "in-progress").missed();
            case BUSY -> call.ring(between(1, 3)).dial("busy", "in-progress").missed();
            // The caller hangs up while it rings: Twilio still requests the <Dial> action.
            case CANCELED -> call.ring(between(1, 17)).dial("canceled", "completed").missed();
            default -> throw new IllegalArgumentException(kind + " is not a call to " + line.routing());
        }
        return call.end(lostEnd);
    }

    /** A call to the flow's number; its kind as the schedule allows (closed: after hours). */
    Played flow(SyntheticTenant tenant, Line line, Kind kind, Instant start, String caller, boolean lostEnd) {
        var call = new Call(tenant, line, kind, start, caller);
        String alice = tenant.agent("alice").phone();
        String bob = tenant.agent("bob").phone();
        String carol = tenant.agent("carol").phone();
        String dave = tenant.agent("dave").phone();
        switch (kind) {
            case AFTER_HOURS_VOICEMAIL, AFTER_HOURS_SILENT -> call.afterHours().listen(6)
                    .voicemail(kind == Kind.AFTER_HOURS_VOICEMAIL);
            case SALES_ANSWERED -> call.listen(between(3, 8)).press("1", SyntheticTenant.SALES).ring(between(1, 19))
                    .answer(random.nextBoolean() ? alice : bob).talk(talkSeconds()).dial("completed", "in-progress");
            case SUPPORT_ANSWERED -> call.listen(between(3, 8)).press("2", SyntheticTenant.SUPPORT).ring(between(1, 14))
                    .answer(carol).talk(talkSeconds()).dial("completed", "in-progress");
            case SUPPORT_SECOND_ANSWERED -> call.listen(between(3, 8)).press("2", SyntheticTenant.SUPPORT).ring(15)
                    .dial("no-answer", "in-progress").ring(between(1, 14)).answer(dave).talk(talkSeconds())
                    .dial("completed", "in-progress");
            case OPTION_VOICEMAIL, OPTION_SILENT -> {
                if (random.nextBoolean()) {
                    call.listen(between(3, 8)).press("1", SyntheticTenant.SALES).ring(20).dial("no-answer", "in-progress");
                } else {
                    call.listen(between(3, 8)).press("2", SyntheticTenant.SUPPORT).ring(15).dial("no-answer", "in-progress")
                            .ring(15).dial("no-answer", "in-progress");
                }
                call.listen(3).voicemail(kind == Kind.OPTION_VOICEMAIL);
            }
            // Gone at the menu: Twilio still requests the <Gather> action, with CallStatus completed.
            case MENU_GONE -> call.listen(between(1, 8)).hangUpAtMenu();
            case RING_GONE -> call.listen(between(3, 8)).press("1", SyntheticTenant.SALES).ring(between(1, 19))
                    .dial("canceled", "completed");
            // The prompt, three retries, then the menu's exit: the voicemail box.
            case NO_INPUT -> call.silence(4, "no-input").listen(3).voicemail(random.nextBoolean());
            case INVALID -> call.wrongKeys(4, "invalid").listen(3).voicemail(random.nextBoolean());
            default -> throw new IllegalArgumentException(kind + " is not a call to the flow");
        }
        return call.end(lostEnd);
    }

    // --- outbound --------------------------------------------------------------------------------

    /**
     * An agent's browser calls a phone through the tenant's TwiML App. Only its end comes back (the
     * app's status callback and the {@code <Dial>} action): nothing reports when the callee answered.
     */
    Played outbound(SyntheticTenant tenant, SyntheticTenant.Agent agent, Instant start, String callee,
                    boolean lostEnd) {
        String callSid = callSid();
        List<Move> moves = new ArrayList<>();
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", tenant.account());
        params.put("ApiVersion", "2010-04-01");
        params.put("ApplicationSid", tenant.twimlApp());
        params.put("CallSid", callSid);
        params.put("CallStatus", "ringing");
        params.put("Called", "");
        params.put("Caller", "client:" + agent.identity());
        params.put("Direction", "inbound");
        params.put("From", "client:" + agent.identity());
        params.put("To", callee);
        moves.add(new Move(start, new Post("/twilio/voice/outbound", params, true)));
        Instant now = start.truncatedTo(ChronoUnit.SECONDS);
        int roll = random.nextInt(10);
        String dialStatus = roll < 7 ? "completed" : roll < 9 ? "no-answer" : "busy";
        int rang = dialStatus.equals("completed") ? between(2, 20) : dialStatus.equals("busy") ? 2 : 30;
        int talked = dialStatus.equals("completed") ? talkSeconds() : 0;
        now = now.plusSeconds(rang + talked);
        var dial = new LinkedHashMap<>(params);
        dial.put("CallStatus", "in-progress");
        dial.put("DialCallSid", callSid());
        dial.put("DialCallStatus", dialStatus);
        dial.put("DialCallDuration", Integer.toString(talked));
        dial.put("DialBridged", Boolean.toString(talked > 0));
        moves.add(new Move(jitter(now), new Follow("Dial", dial)));
        Instant ended = null;
        Integer duration = null;
        if (!lostEnd) {
            ended = now.plusSeconds(1);
            duration = seconds(start, ended);
            var status = new LinkedHashMap<>(params);
            status.put("CallStatus", "completed");
            status.put("CallbackSource", "call-progress-events");
            status.put("SequenceNumber", "0");
            status.put("Timestamp", RFC_1123.format(ended));
            status.put("CallDuration", Integer.toString(duration));
            moves.add(new Move(jitter(ended), new Post("/twilio/voice/status", status, false)));
        }
        var truth = new SyntheticTruth.Call(tenant.id(), callSid, Kind.OUTBOUND.name(), "outbound", agent.number(),
                agent.id(), false, start, null, ended, duration, false, false, false, List.of());
        return new Played(truth, moves);
    }

    // --- one call, step by step -----------------------------------------------------------------

    /** An inbound call being written: its requests so far, and what is known of it. */
    private final class Call {
        final SyntheticTenant tenant;
        final Line line;
        final Kind kind;
        final Instant start;
        final String callSid = callSid();
        final String caller;
        final List<Move> moves = new ArrayList<>();
        final List<String> options = new ArrayList<>();
        /** Twilio's clock on the call: whole seconds. */
        Instant now;
        Instant answeredAt;
        boolean missed;
        boolean voicemail;
        boolean afterHours;

        Call(SyntheticTenant tenant, Line line, Kind kind, Instant start, String caller) {
            this.tenant = tenant;
            this.line = line;
            this.kind = kind;
            this.start = start;
            this.caller = caller;
            this.now = start.truncatedTo(ChronoUnit.SECONDS);
            moves.add(new Move(start, new Post("/twilio/voice/inbound", params("ringing"), true)));
        }

        Map<String, String> params(String status) {
            Map<String, String> p = new LinkedHashMap<>();
            p.put("AccountSid", tenant.account());
            p.put("ApiVersion", "2010-04-01");
            p.put("CallSid", callSid);
            p.put("CallStatus", status);
            p.put("Called", line.phone());
            p.put("Caller", caller);
            p.put("Direction", "inbound");
            p.put("From", caller);
            p.put("To", line.phone());
            return p;
        }

        Call listen(int seconds) {
            now = now.plusSeconds(seconds);
            return this;
        }

        Call ring(int seconds) {
            return listen(seconds);
        }

        Call afterHours() {
            afterHours = true;
            return this;
        }

        Call missed() {
            missed = true;
            return this;
        }

        /** The phone or browser picks up: the dialed leg's {@code answered} callback. */
        Call answer(String to) {
            answeredAt = now;
            Map<String, String> p = new LinkedHashMap<>();
            p.put("AccountSid", tenant.account());
            p.put("ApiVersion", "2010-04-01");
            p.put("CallSid", callSid());
            p.put("CallStatus", "in-progress");
            p.put("CallbackSource", "call-progress-events");
            p.put("Called", to);
            p.put("Caller", caller);
            p.put("Direction", "outbound-dial");
            p.put("From", caller);
            p.put("ParentCallSid", callSid);
            p.put("SequenceNumber", "0");
            p.put("Timestamp", RFC_1123.format(answeredAt));
            p.put("To", to);
            moves.add(new Move(jitter(now), new Post("/twilio/voice/status", p, false)));
            return this;
        }

        Call talk(int seconds) {
            return listen(seconds);
        }

        /** The {@code <Dial>} ends: Twilio requests its action. */
        Call dial(String dialStatus, String callStatus) {
            var p = params(callStatus);
            int talked = answeredAt == null ? 0 : (int) (now.getEpochSecond() - answeredAt.getEpochSecond());
            p.put("DialCallSid", callSid());
            p.put("DialCallStatus", dialStatus);
            p.put("DialCallDuration", Integer.toString(talked));
            p.put("DialBridged", Boolean.toString(answeredAt != null));
            moves.add(new Move(jitter(now), new Follow("Dial", p)));
            return this;
        }

        Call press(String digits, String label) {
            var p = params("in-progress");
            p.put("Digits", digits);
            p.put("FinishedOnKey", "");
            moves.add(new Move(jitter(now), new Follow("Gather", p)));
            options.add(tenant.flowId() + "|" + SyntheticTenant.MENU + "|" + label);
            return this;
        }

        /** Nothing pressed at the prompt and each retry, then the menu's exit. */
        Call silence(int times, String exit) {
            for (int i = 0; i < times; i++) {
                now = now.plusSeconds(i == 0 ? 6 : 10);
                moves.add(new Move(jitter(now), new Follow("Gather", params("in-progress"))));
            }
            options.add(tenant.flowId() + "|" + SyntheticTenant.MENU + "|" + exit);
            return this;
        }

        /** A key no option has, at the prompt and each retry, then the menu's exit. */
        Call wrongKeys(int times, String exit) {
            for (int i = 0; i < times; i++) {
                now = now.plusSeconds(i == 0 ? 5 : 7);
                var p = params("in-progress");
                p.put("Digits", "7");
                p.put("FinishedOnKey", "");
                moves.add(new Move(jitter(now), new Follow("Gather", p)));
            }
            options.add(tenant.flowId() + "|" + SyntheticTenant.MENU + "|" + exit);
            return this;
        }

        Call hangUpAtMenu() {
            moves.add(new Move(jitter(now), new Follow("Gather", params("completed"))));
            return this;
        }

        /**
         * The voicemail {@code <Record>}: a message left, or the caller gone before the beep (Twilio
         * then sometimes requests the action with nothing recorded, sometimes not at all).
         */
        Call voicemail(boolean leaves) {
            now = now.plusSeconds(4);
            if (leaves) {
                int length = between(3, 60);
                now = now.plusSeconds(length);
                var p = params("completed");
                String recording = "RE" + hex(16);
                p.put("RecordingUrl", "https://api.twilio.com/2010-04-01/Accounts/" + tenant.account()
                        + "/Recordings/" + recording);
                p.put("RecordingSid", recording);
                p.put("RecordingDuration", Integer.toString(length));
                p.put("Digits", "hangup");
                moves.add(new Move(jitter(now), new Follow("Record", p)));
                voicemail = true;
            } else if (random.nextBoolean()) {
                var p = params("completed");
                p.put("RecordingDuration", "0");
                p.put("Digits", "hangup");
                moves.add(new Move(jitter(now), new Follow("Record", p)));
            }
            return this;
        }

        Played end(boolean lost) {
            Instant ended = null;
            Integer duration = null;
            if (!lost) {
                ended = now.plusSeconds(1);
                duration = seconds(start, ended);
                var p = params("completed");
                p.put("CallbackSource", "call-progress-events");
                p.put("SequenceNumber", "0");
                p.put("Timestamp", RFC_1123.format(ended));
                p.put("CallDuration", Integer.toString(duration));
                p.put("Duration", Integer.toString((duration + 59) / 60));
                moves.add(new Move(jitter(ended), new Post("/twilio/voice/status", p, false)));
            }
            boolean flow = line.routing() == SyntheticTenant.Routing.FLOW;
            var truth = new SyntheticTruth.Call(tenant.id(), callSid, kind.name(), "inbound", line.phone(),
                    line.agentId(), flow, start, answeredAt, ended, duration, missed, voicemail, afterHours,
                    List.copyOf(options));
            return new Played(truth, List.copyOf(moves));
        }
    }

    // --- values ---------------------------------------------------------------------------------

    private static String phoneOf(SyntheticTenant tenant, Line line) {
        return tenant.agent(line.agentId()).phone();
    }

    /** Most calls a few minutes, some seconds, a few over two hours (the last bin). */
    int talkSeconds() {
        int roll = random.nextInt(100);
        if (roll < 45) {
            return between(10, 119);
        }
        if (roll < 82) {
            return between(120, 899);
        }
        if (roll < 97) {
            return between(900, 3599);
        }
        return between(3600, 9000);
    }

    int between(int from, int to) {
        return from + random.nextInt(to - from + 1);
    }

    /** A webhook arrives within the second after Twilio's moment. */
    Instant jitter(Instant at) {
        return at.plusMillis(50 + random.nextInt(900));
    }

    /** Whole seconds from a (fractional) start to a whole-second end, rounded up as Twilio bills. */
    private static int seconds(Instant start, Instant end) {
        long millis = java.time.Duration.between(start, end).toMillis();
        return (int) ((millis + 999) / 1000);
    }

    String hex(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
