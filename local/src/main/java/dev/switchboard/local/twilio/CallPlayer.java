package dev.switchboard.local.twilio;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plays a call as Twilio does: status callbacks with {@code SequenceNumber} in firing order, the
 * TwiML fetched from the Url (or given inline) and run verb by verb — Say, Play, Pause, Gather
 * (no input), Dial with Number or Client and the chosen outcome and its action request, Record
 * with a real recording and its recording-status and transcription callbacks, Connect or Start
 * with Stream (reported), Redirect, Reject, Hangup. Time is simulated, nothing waits, unless the
 * call is paced ({@link Pacing}): then the dialed party really rings and talks for as long as
 * asked, on the call's own thread.
 */
final class CallPlayer {
    /** The verbs a call's TwiML may use; anything else fails the call as Twilio's 12100 would. */
    private static final Set<String> VERBS = Set.of("Say", "Play", "Pause", "Gather", "Dial", "Record", "Connect",
            "Start", "Stop", "Redirect", "Reject", "Hangup", "Enqueue", "Leave", "Sms", "Pay", "Refer");
    private static final String DEFAULT_SPEECH = "Hello, this is a simulated caller leaving a message.";

    private final TwilioSimulator sim;

    CallPlayer(TwilioSimulator sim) {
        this.sim = sim;
    }

    /** One call being played: its parameters, its progress and whether every webhook answered. */
    private final class Played {
        final ObjectNode call;
        final String account;
        final String token;
        final Timeline timeline;
        final String dialOutcome;
        final String speech;
        final Pacing pacing;
        /** What the caller does at each <Gather>, in order. */
        final java.util.Deque<CallerInput> inputs = new java.util.ArrayDeque<>();
        final AtomicInteger sequence = new AtomicInteger();
        int seconds;
        boolean ok = true;
        boolean hungUp;

        Played(ObjectNode call, String dialOutcome, String speech, Pacing pacing, Timeline timeline) {
            this.call = call;
            this.pacing = pacing;
            this.account = call.path("account_sid").asText();
            this.token = sim.token(account);
            this.timeline = timeline;
            this.dialOutcome = dialOutcome;
            this.speech = speech == null || speech.isBlank() ? DEFAULT_SPEECH : speech;
        }

        Map<String, String> params(String status) {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("AccountSid", account);
            params.put("ApiVersion", "2010-04-01");
            params.put("CallSid", call.path("sid").asText());
            params.put("CallStatus", status);
            params.put("Called", call.path("to").asText());
            params.put("Caller", call.path("from").asText());
            params.put("Direction", call.path("direction").asText());
            params.put("From", call.path("from").asText());
            params.put("To", call.path("to").asText());
            return params;
        }

        /** A callback: Twilio acts on nothing it answers, and may deliver it twice. */
        void callback(String what, String url, String method, Map<String, String> params) {
            ok &= sim.webhooks.callback(timeline, what, url, method == null ? "POST" : method, params, token).ok();
        }

        Webhooks.Answer post(String what, String url, String method, Map<String, String> params) {
            Webhooks.Answer answer = sim.webhooks.report(timeline, what, url, method == null ? "POST" : method, params,
                    token);
            ok &= answer.ok();
            return answer;
        }
    }

    // --- entry points ----------------------------------------------------------------------------

    /** A call placed through the REST API: ring, answer, run its TwiML, complete. */
    void outbound(ObjectNode call, Map<String, String> form, List<String> events, Timeline timeline) {
        var ended = sim.ended(call.path("sid").asText());
        try {
            ended.complete(playOutbound(call, form, events, timeline));
        } catch (RuntimeException e) {
            timeline.failure("the simulator failed: " + e);
            ended.complete(false);
        }
    }

    private boolean playOutbound(ObjectNode call, Map<String, String> form, List<String> events, Timeline timeline) {
        Played played = new Played(call, sim.outcomes.get(call.path("to").asText()), null, Pacing.INSTANT, timeline);
        String callback = form.get("StatusCallback");
        String callbackMethod = form.get("StatusCallbackMethod");
        List<String> requested = events.isEmpty() ? List.of("completed") : events;
        String outcome = played.dialOutcome == null ? "answered" : played.dialOutcome;
        timeline.step("placed " + call.path("from").asText() + " -> " + call.path("to").asText());
        status(played, callback, callbackMethod, requested, "initiated", "queued");
        status(played, callback, callbackMethod, requested, "ringing", "ringing");
        if (!outcome.equals("answered")) {
            end(played, callback, callbackMethod, requested, outcome);
            return played.ok;
        }
        call.put("start_time", TwilioSimulator.now());
        status(played, callback, callbackMethod, requested, "answered", "in-progress");
        Document twiml = form.containsKey("Twiml") ? parse(played, "Twiml", form.get("Twiml"))
                : fetch(played, "TwiML", form.get("Url"), form.getOrDefault("Method", "POST"), played.params("in-progress"));
        if (twiml != null) {
            run(played, twiml);
        }
        if ("true".equalsIgnoreCase(form.get("Record"))) {
            // The whole call, recorded as the API asked: the recording completes as the call ends.
            int channels = "dual".equals(form.get("RecordingChannels")) ? 2 : 1;
            ObjectNode recording = Rest.newRecording(sim, played.account, call.path("sid").asText(),
                    Math.max(1, played.seconds), channels, "OutboundAPI");
            played.timeline.step("recorded the call: " + recording.path("sid").asText());
            String recordingCallback = form.get("RecordingStatusCallback");
            if (recordingCallback != null && !recordingCallback.isBlank()) {
                Map<String, String> params = new LinkedHashMap<>();
                params.put("AccountSid", played.account);
                params.put("CallSid", call.path("sid").asText());
                params.put("RecordingSid", recording.path("sid").asText());
                params.put("RecordingUrl", recording.path("media_url").asText());
                params.put("RecordingStatus", "completed");
                params.put("RecordingDuration", recording.path("duration").asText());
                params.put("RecordingChannels", Integer.toString(channels));
                params.put("RecordingStartTime", recording.path("start_time").asText());
                params.put("RecordingSource", "OutboundAPI");
                params.put("RecordingTrack", "both");
                params.put("ErrorCode", "0");
                played.callback("recording completed", recordingCallback,
                        form.getOrDefault("RecordingStatusCallbackMethod", "POST"), params);
            }
        }
        end(played, callback, callbackMethod, requested, "completed");
        return played.ok;
    }

    /** A call to one of the simulator's numbers, from the command line. */
    boolean inbound(String from, String to, String outcome, String say, Pacing pacing, List<CallerInput> inputs,
                    Timeline timeline) {
        ObjectNode number = sim.numberByPhone(to).orElse(null);
        if (number == null) {
            timeline.failure("no number " + to + " in the simulator: import or buy it through Switchboard first");
            return false;
        }
        String account = number.path("account_sid").asText();
        String sid = TwilioSimulator.sid("CA");
        ObjectNode call = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                .put("sid", sid).put("account_sid", account).put("to", to).put("from", from)
                .put("status", "ringing").put("direction", "inbound").put("api_version", "2010-04-01")
                .put("date_created", TwilioSimulator.now()).put("date_updated", TwilioSimulator.now())
                .put("start_time", TwilioSimulator.now()).putNull("end_time").putNull("duration")
                .put("uri", TwilioSimulator.API + "/Accounts/" + account + "/Calls/" + sid + ".json");
        sim.calls.put(sid, call);
        Played played = new Played(call, outcome, say, pacing, timeline);
        played.inputs.addAll(inputs);
        timeline.step("call " + sid + " " + from + " -> " + to + " (account " + account + ")");
        String voiceUrl = number.path("voice_url").asText(null);
        if (voiceUrl == null || voiceUrl.isBlank()) {
            timeline.failure("number " + to + " has no Voice URL");
            return false;
        }
        Document twiml = fetch(played, "voice", voiceUrl, number.path("voice_method").asText("POST"),
                played.params("ringing"));
        if (twiml != null) {
            run(played, twiml);
        }
        call.put("status", "completed").put("end_time", TwilioSimulator.now())
                .put("duration", Integer.toString(played.seconds));
        String statusCallback = number.path("status_callback").asText(null);
        if (statusCallback != null && !statusCallback.isBlank() && !"null".equals(statusCallback)) {
            Map<String, String> params = played.params("completed");
            params.put("CallDuration", Integer.toString(played.seconds));
            params.put("CallbackSource", "call-progress-events");
            params.put("SequenceNumber", Integer.toString(played.sequence.getAndIncrement()));
            params.put("Timestamp", TwilioSimulator.now());
            played.callback("status completed", statusCallback, number.path("status_callback_method").asText("POST"), params);
        }
        timeline.step("ended after " + played.seconds + " s" + (played.ok ? "" : ", with failed webhooks"));
        return played.ok;
    }

    // --- status ----------------------------------------------------------------------------------

    private void status(Played played, String callback, String method, List<String> requested, String event,
                        String callStatus) {
        played.call.put("status", callStatus).put("date_updated", TwilioSimulator.now());
        if (callback == null || !requested.contains(event)) {
            played.timeline.step("status " + callStatus + " (no callback requested)");
            return;
        }
        Map<String, String> params = played.params(callStatus);
        params.put("CallbackSource", "call-progress-events");
        params.put("SequenceNumber", Integer.toString(played.sequence.getAndIncrement()));
        params.put("Timestamp", TwilioSimulator.now());
        if (event.equals("completed")) {
            params.put("CallDuration", Integer.toString(played.seconds));
            params.put("Duration", Integer.toString(Math.max(1, (played.seconds + 59) / 60)));
        }
        played.callback("status " + callStatus, callback, method, params);
    }

    private void end(Played played, String callback, String method, List<String> requested, String outcome) {
        String status = switch (outcome) {
            case "busy", "failed", "no-answer", "canceled" -> outcome;
            default -> "completed";
        };
        played.call.put("end_time", TwilioSimulator.now()).put("duration", Integer.toString(played.seconds));
        status(played, callback, method, requested, "completed", status);
        played.timeline.step("ended " + status + " after " + played.seconds + " s");
    }

    // --- TwiML ----------------------------------------------------------------------------------

    private Document fetch(Played played, String what, String url, String method, Map<String, String> params) {
        if (url == null || url.isBlank()) {
            played.ok = false;
            played.timeline.failure(what + ": no URL to fetch TwiML from");
            return null;
        }
        Webhooks.Answer answer = played.post(what, url, method, params);
        if (!answer.ok()) {
            played.timeline.failure("Twilio would say \"An application error has occurred\" and hang up (11200)");
            return null;
        }
        return parse(played, what, answer.body());
    }

    private static final DocumentBuilderFactory XML = DocumentBuilderFactory.newInstance();

    static {
        try {
            XML.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            XML.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        } catch (javax.xml.parsers.ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    private Document parse(Played played, String what, String body) {
        try {
            Document document = XML.newDocumentBuilder().parse(new ByteArrayInputStream(
                    body.getBytes(StandardCharsets.UTF_8)));
            if (!document.getDocumentElement().getTagName().equals("Response")) {
                throw new IllegalArgumentException("the root is not <Response>");
            }
            return document;
        } catch (Exception e) {
            played.ok = false;
            played.timeline.failure(what + ": not TwiML (12100): " + e.getMessage());
            return null;
        }
    }

    private void run(Played played, Document twiml) {
        for (Element verb : children(twiml.getDocumentElement())) {
            if (played.hungUp) {
                return;
            }
            String name = verb.getTagName();
            if (!VERBS.contains(name)) {
                played.ok = false;
                played.timeline.failure("<" + name + "> is not a TwiML verb (12100)");
                return;
            }
            Document next = switch (name) {
                case "Say" -> {
                    String text = verb.getTextContent().trim();
                    played.seconds += Math.max(1, text.split("\\s+").length / 2);
                    played.timeline.step("<Say" + attr(verb, "voice") + "> \"" + text + "\"");
                    yield null;
                }
                case "Play" -> {
                    played.seconds += 3;
                    played.timeline.step("<Play> " + verb.getTextContent().trim());
                    yield null;
                }
                case "Pause" -> {
                    played.seconds += intAttr(verb, "length", 1);
                    played.timeline.step("<Pause length=" + intAttr(verb, "length", 1) + ">");
                    yield null;
                }
                case "Gather" -> gather(played, verb);
                case "Dial" -> dial(played, verb);
                case "Record" -> record(played, verb);
                case "Connect", "Start" -> {
                    stream(played, verb);
                    if (name.equals("Connect")) {
                        played.hungUp = true;
                    }
                    yield null;
                }
                case "Redirect" -> fetch(played, "<Redirect>", verb.getTextContent().trim(),
                        verb.getAttribute("method").isEmpty() ? "POST" : verb.getAttribute("method"),
                        played.params("in-progress"));
                case "Reject" -> {
                    played.timeline.step("<Reject reason=" + (verb.getAttribute("reason").isEmpty() ? "rejected"
                            : verb.getAttribute("reason")) + ">");
                    played.hungUp = true;
                    yield null;
                }
                case "Hangup" -> {
                    played.timeline.step("<Hangup>");
                    played.hungUp = true;
                    yield null;
                }
                default -> {
                    played.timeline.step("<" + name + "> (not simulated)");
                    yield null;
                }
            };
            if (next != null) {
                // An action's or a redirect's TwiML replaces the rest of this document.
                run(played, next);
                return;
            }
        }
    }

    /**
     * A {@code <Gather>} as Twilio plays it: its nested {@code <Say>}s, then the caller's next input.
     * Keys go to the action as {@code Digits} (cut at numDigits), words as {@code SpeechResult} with
     * a {@code Confidence}, each only if the Gather's {@code input} takes it; anything else is no
     * input, which requests the action only with {@code actionOnEmptyResult="true"} and otherwise
     * goes on to the next verb.
     */
    private Document gather(Played played, Element gather) {
        for (Element nested : children(gather)) {
            if (nested.getTagName().equals("Say")) {
                String text = nested.getTextContent().trim();
                played.seconds += Math.max(1, text.split("\\s+").length / 2);
                played.timeline.step("  <Say> \"" + text + "\"");
            } else if (nested.getTagName().equals("Play") || nested.getTagName().equals("Pause")) {
                played.timeline.step("  <" + nested.getTagName() + ">");
            } else {
                played.ok = false;
                played.timeline.failure("<Gather> cannot nest <" + nested.getTagName() + "> (12200)");
                return null;
            }
        }
        String input = gather.getAttribute("input").isEmpty() ? "dtmf" : gather.getAttribute("input");
        CallerInput given = played.inputs.isEmpty() ? CallerInput.SILENCE : played.inputs.removeFirst();
        boolean keys = given.digits() != null && input.contains("dtmf");
        boolean words = given.speech() != null && input.contains("speech");
        String numDigits = gather.getAttribute("numDigits");
        String digits = keys && !numDigits.isEmpty() && given.digits().length() > Integer.parseInt(numDigits)
                ? given.digits().substring(0, Integer.parseInt(numDigits)) : keys ? given.digits() : null;
        played.seconds += keys || words ? 2 : intAttr(gather, "timeout", 5);
        played.timeline.step("<Gather input=" + input + attr(gather, "numDigits") + " timeout="
                + intAttr(gather, "timeout", 5) + "> " + (keys || words ? given.describe()
                : given.silent() ? "no input" : given.describe() + ", which this <Gather> does not take: no input"));
        boolean empty = !keys && !words;
        String action = gather.getAttribute("action");
        if (empty && !"true".equals(gather.getAttribute("actionOnEmptyResult"))) {
            return null;
        }
        if (action.isEmpty()) {
            played.ok = false;
            played.timeline.failure("<Gather> without an action: Twilio would request this document again");
            return null;
        }
        Map<String, String> params = played.params("in-progress");
        if (digits != null) {
            params.put("Digits", digits);
            params.put("FinishedOnKey", "");
        }
        if (words) {
            params.put("SpeechResult", given.speech());
            params.put("Confidence", "0.92");
        }
        return fetch(played, "<Gather action>", action, method(gather), params);
    }

    private Document dial(Played played, Element dial) {
        List<String> targets = new ArrayList<>();
        for (Element noun : children(dial)) {
            String target = noun.getTagName().equals("Client") ? clientIdentity(noun) : noun.getTextContent().trim();
            targets.add(noun.getTagName() + " " + target);
        }
        if (targets.isEmpty() && !dial.getTextContent().isBlank()) {
            targets.add("Number " + dial.getTextContent().trim());
        }
        String target = targets.isEmpty() ? "" : targets.getFirst().substring(targets.getFirst().indexOf(' ') + 1);
        // A call played with an outcome other than answered forces it on every dial; else each party
        // answers as the test set it (answered unless told otherwise), and a dial of several parties
        // at once is answered if any of them answers.
        String outcome = played.dialOutcome != null && !played.dialOutcome.equals("answered") ? played.dialOutcome
                : targets.stream().map(t -> sim.outcomes.getOrDefault(t.substring(t.indexOf(' ') + 1), "answered"))
                        .filter("answered"::equals).findFirst()
                        .orElse(sim.outcomes.getOrDefault(target, "answered"));
        int timeout = intAttr(dial, "timeout", 30);
        Pacing pacing = played.pacing;
        String note = "";
        int rang;
        if (pacing.realRinging()) {
            // Twilio stops ringing at the <Dial>'s timeout: a party that would answer later never does.
            rang = Math.min(pacing.ringSeconds(), timeout);
            if (outcome.equals("answered") && pacing.ringSeconds() > timeout) {
                outcome = "no-answer";
                note = " (it would answer after " + pacing.ringSeconds() + " s)";
            }
        } else {
            rang = outcome.equals("answered") ? Pacing.SIMULATED_RING_SECONDS : outcome.equals("no-answer") ? timeout : 2;
        }
        boolean answered = outcome.equals("answered");
        String dialSid = TwilioSimulator.sid("CA");
        String dialStatus = answered ? "completed" : outcome;
        int talked = answered ? pacing.talk() : 0;
        played.seconds += rang + talked;
        played.timeline.step("<Dial" + attr(dial, "callerId") + attr(dial, "record") + " timeout=" + timeout + "> "
                + String.join(", ", targets) + " -> " + outcome + note);
        if (pacing.realRinging() && !pause(played, rang)) {
            return null;
        }
        if (answered) {
            dialedLegAnswered(played, dial, dialSid);
            if (pacing.realTalk() && !pause(played, talked)) {
                return null;
            }
        }
        Map<String, String> params = played.params("in-progress");
        params.put("DialCallSid", dialSid);
        params.put("DialCallStatus", dialStatus);
        params.put("DialCallDuration", Integer.toString(talked));
        params.put("DialBridged", Boolean.toString(answered));
        String record = dial.getAttribute("record");
        if (answered && record.startsWith("record-from")) {
            ObjectNode recording = Rest.newRecording(sim, played.account, played.call.path("sid").asText(), talked,
                    record.endsWith("dual") ? 2 : 1, "DialVerb");
            params.put("RecordingUrl", recording.path("media_url").asText());
            params.put("RecordingSid", recording.path("sid").asText());
            params.put("RecordingDuration", Integer.toString(talked));
            recordingStatus(played, dial, recording, "DialVerb");
        }
        String action = dial.getAttribute("action");
        if (action.isEmpty()) {
            return null;
        }
        return fetch(played, "<Dial action>", action, method(dial), params);
    }

    /**
     * The dialed leg's {@code answered} status callback, when its noun asked for it
     * (statusCallbackEvent with answered, and a statusCallback): as Twilio sends it, the leg's own
     * CallSid with the caller's call as ParentCallSid, Direction outbound-dial, and the leg's first
     * SequenceNumber, since it is the first callback the leg sends.
     */
    private void dialedLegAnswered(Played played, Element dial, String legSid) {
        Element noun = children(dial).stream().findFirst().orElse(null);
        if (noun == null) {
            return;
        }
        String callback = noun.getAttribute("statusCallback");
        List<String> events = List.of(noun.getAttribute("statusCallbackEvent").trim().split("[\\s,]+"));
        if (callback.isEmpty() || !events.contains("answered")) {
            return;
        }
        // The leg is placed from the Dial's callerId, by default the caller's own.
        String from = dial.getAttribute("callerId").isEmpty() ? played.call.path("from").asText()
                : dial.getAttribute("callerId");
        String to = noun.getTagName().equals("Client") ? "client:" + clientIdentity(noun) : noun.getTextContent().trim();
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", played.account);
        params.put("ApiVersion", "2010-04-01");
        params.put("CallSid", legSid);
        params.put("CallStatus", "in-progress");
        params.put("CallbackSource", "call-progress-events");
        params.put("Called", to);
        params.put("Caller", from);
        params.put("Direction", "outbound-dial");
        params.put("From", from);
        params.put("ParentCallSid", played.call.path("sid").asText());
        params.put("SequenceNumber", "0");
        params.put("Timestamp", TwilioSimulator.now());
        params.put("To", to);
        String method = noun.getAttribute("statusCallbackMethod");
        played.callback("status in-progress (dialed leg " + legSid + ")", callback, method.isEmpty() ? "POST" : method,
                params);
    }

    /** Waits as the call is paced; false (the call ends where it is) when the simulator is closing. */
    private static boolean pause(Played played, int seconds) {
        if (Pacing.sleep(seconds)) {
            return true;
        }
        played.ok = false;
        played.hungUp = true;
        played.timeline.failure("interrupted: the simulator is closing");
        return false;
    }

    private static String clientIdentity(Element client) {
        for (Element child : children(client)) {
            if (child.getTagName().equals("Identity")) {
                return child.getTextContent().trim();
            }
        }
        return client.getTextContent().trim();
    }

    private Document record(Played played, Element record) {
        int max = intAttr(record, "maxLength", 3600);
        int seconds = Math.min(max, Math.max(3, played.speech.split("\\s+").length / 2));
        played.seconds += seconds;
        ObjectNode recording = Rest.newRecording(sim, played.account, played.call.path("sid").asText(), seconds, 1,
                "RecordVerb");
        played.timeline.step("<Record maxLength=" + max + attr(record, "transcribe") + "> caller says \""
                + played.speech + "\" (" + seconds + " s), then hangs up");
        played.hungUp = true;
        String action = record.getAttribute("action");
        if (!action.isEmpty()) {
            Map<String, String> params = played.params("completed");
            params.put("RecordingUrl", recording.path("media_url").asText());
            params.put("RecordingSid", recording.path("sid").asText());
            params.put("RecordingDuration", Integer.toString(seconds));
            params.put("Digits", "hangup");
            // The caller has hung up: the action is requested, and its TwiML is not run.
            fetch(played, "<Record action>", action, method(record), params);
        }
        recordingStatus(played, record, recording, "RecordVerb");
        String transcribeCallback = record.getAttribute("transcribeCallback");
        if (record.getAttribute("transcribe").equals("true") || !transcribeCallback.isEmpty()) {
            ObjectNode transcription = Rest.newTranscription(sim, played.account, recording.path("sid").asText(),
                    played.speech, seconds);
            if (!transcribeCallback.isEmpty()) {
                Map<String, String> params = played.params("completed");
                params.put("TranscriptionSid", transcription.path("sid").asText());
                params.put("TranscriptionText", played.speech);
                params.put("TranscriptionStatus", "completed");
                params.put("TranscriptionUrl", sim.baseUrl() + transcription.path("uri").asText().replace(".json", ""));
                params.put("TranscriptionType", "fast");
                params.put("RecordingSid", recording.path("sid").asText());
                params.put("RecordingUrl", recording.path("media_url").asText());
                played.callback("transcription", transcribeCallback, "POST", params);
            }
        }
        return null;
    }

    private void recordingStatus(Played played, Element verb, ObjectNode recording, String source) {
        String callback = verb.getAttribute("recordingStatusCallback");
        if (callback.isEmpty()) {
            return;
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", played.account);
        params.put("CallSid", played.call.path("sid").asText());
        params.put("RecordingSid", recording.path("sid").asText());
        params.put("RecordingUrl", recording.path("media_url").asText());
        params.put("RecordingStatus", "completed");
        params.put("RecordingDuration", recording.path("duration").asText());
        params.put("RecordingChannels", Integer.toString(recording.path("channels").asInt()));
        params.put("RecordingStartTime", recording.path("start_time").asText());
        params.put("RecordingSource", source);
        params.put("ErrorCode", "0");
        String method = verb.getAttribute("recordingStatusCallbackMethod");
        played.callback("recording completed", callback, method.isEmpty() ? "POST" : method, params);
    }

    private void stream(Played played, Element parent) {
        for (Element stream : children(parent)) {
            Map<String, String> parameters = new LinkedHashMap<>();
            for (Element parameter : children(stream)) {
                parameters.put(parameter.getAttribute("name"), parameter.getAttribute("value"));
            }
            played.seconds += 10;
            played.timeline.step("<" + parent.getTagName() + "><" + stream.getTagName() + "> " + stream.getAttribute("url")
                    + (parameters.isEmpty() ? "" : " parameters " + parameters)
                    + " (the media stream is not opened; the caller hangs up after 10 s)");
        }
    }

    // --- helpers -------------------------------------------------------------------------------

    private static List<Element> children(Element parent) {
        List<Element> elements = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element) {
                elements.add(element);
            }
        }
        return elements;
    }

    private static String attr(Element element, String name) {
        return element.hasAttribute(name) ? " " + name + "=" + element.getAttribute(name) : "";
    }

    private static int intAttr(Element element, String name, int fallback) {
        try {
            return element.hasAttribute(name) ? Integer.parseInt(element.getAttribute(name)) : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static String method(Element verb) {
        return verb.getAttribute("method").isEmpty() ? "POST" : verb.getAttribute("method");
    }
}
