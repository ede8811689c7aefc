package dev.switchboard.local.twilio;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Messages as Twilio moves them. An outbound one gets its status callbacks (sent, then delivered;
 * to a number ending in 0009 undelivered with 30003, in 0008 failed with 30008). An inbound one
 * posts to the number's SmsUrl with every media item as {@code MediaUrl{N}}, served here behind
 * the account's credentials.
 */
public final class MessagePlayer {
    /** An attachment of an inbound MMS. */
    public record Media(String contentType, byte[] bytes) {
    }

    private final TwilioSimulator sim;

    MessagePlayer(TwilioSimulator sim) {
        this.sim = sim;
    }

    void outbound(ObjectNode message, String statusCallback, Timeline timeline) {
        String account = message.path("account_sid").asText();
        String to = message.path("to").asText();
        String[] steps = to.endsWith("0009") ? new String[]{"sent", "undelivered"}
                : to.endsWith("0008") ? new String[]{"failed"} : new String[]{"sent", "delivered"};
        for (String status : steps) {
            message.put("status", status).put("date_updated", TwilioSimulator.now());
            if (status.equals("sent")) {
                message.put("date_sent", TwilioSimulator.now());
            }
            Map<String, String> params = new LinkedHashMap<>();
            params.put("AccountSid", account);
            params.put("ApiVersion", "2010-04-01");
            params.put("MessageSid", message.path("sid").asText());
            params.put("SmsSid", message.path("sid").asText());
            params.put("MessageStatus", status);
            params.put("SmsStatus", status);
            params.put("From", message.path("from").asText());
            params.put("To", to);
            if (status.equals("undelivered") || status.equals("failed")) {
                int code = status.equals("failed") ? 30008 : 30003;
                message.put("error_code", code).put("error_message", status.equals("failed")
                        ? "Unknown error" : "Unreachable destination handset");
                params.put("ErrorCode", Integer.toString(code));
            }
            if (statusCallback == null || statusCallback.isBlank()) {
                timeline.step("status " + status + " (no callback requested)");
                continue;
            }
            if (sim.messageCallbacksHeld) {
                timeline.step("status " + status + " (callback held back by the test)");
                continue;
            }
            sim.webhooks.callback(timeline, "status " + status, statusCallback, "POST", params, sim.token(account));
        }
    }

    /** Twilio's default opt-out and opt-in keywords: the whole body, any case. */
    private static final java.util.Set<String> STOP_WORDS = java.util.Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL",
            "END", "QUIT", "REVOKE", "OPTOUT");
    private static final java.util.Set<String> START_WORDS = java.util.Set.of("START", "YES", "UNSTOP");

    boolean inbound(String from, String to, String body, List<Media> media, Timeline timeline) {
        ObjectNode number = sim.numberByPhone(to).orElse(null);
        if (number == null) {
            timeline.failure("no number " + to + " in the simulator: import or buy it through Switchboard first");
            return false;
        }
        String account = number.path("account_sid").asText();
        String sid = TwilioSimulator.sid(media.isEmpty() ? "SM" : "MM");
        ObjectNode message = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                .put("sid", sid).put("account_sid", account).put("from", from).put("to", to).put("body", body)
                .put("status", "received").put("direction", "inbound").put("num_media", Integer.toString(media.size()))
                .put("num_segments", "1").put("api_version", "2010-04-01")
                .put("date_created", TwilioSimulator.now()).put("date_updated", TwilioSimulator.now())
                .put("uri", TwilioSimulator.API + "/Accounts/" + account + "/Messages/" + sid + ".json");
        sim.messages.put(sid, message);
        // As Twilio does whatever the webhook answers: a STOP blocks later sends from this number to
        // the sender (21610); START lifts it.
        String word = body == null ? "" : body.strip().toUpperCase(java.util.Locale.ROOT);
        if (STOP_WORDS.contains(word)) {
            sim.stopped.add(to + "|" + from);
            timeline.step(from + " opted out of " + to + ": sending to it from there is now refused (21610)");
        } else if (START_WORDS.contains(word)) {
            sim.stopped.remove(to + "|" + from);
            sim.optedOut.remove(from);
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", account);
        params.put("ApiVersion", "2010-04-01");
        params.put("MessageSid", sid);
        params.put("SmsMessageSid", sid);
        params.put("SmsSid", sid);
        params.put("SmsStatus", "received");
        params.put("From", from);
        params.put("To", to);
        params.put("Body", body == null ? "" : body);
        params.put("NumSegments", "1");
        params.put("NumMedia", Integer.toString(media.size()));
        for (int i = 0; i < media.size(); i++) {
            String mediaSid = TwilioSimulator.sid("ME");
            sim.media.put(mediaSid, new String[]{media.get(i).contentType(),
                    Base64.getEncoder().encodeToString(media.get(i).bytes())});
            params.put("MediaUrl" + i, sim.baseUrl() + TwilioSimulator.API + "/Accounts/" + account + "/Messages/" + sid
                    + "/Media/" + mediaSid);
            params.put("MediaContentType" + i, media.get(i).contentType());
        }
        timeline.step("message " + sid + " " + from + " -> " + to + (media.isEmpty() ? "" : " with " + media.size()
                + " media item(s)"));
        String smsUrl = number.path("sms_url").asText(null);
        if (smsUrl == null || smsUrl.isBlank() || smsUrl.equals("null")) {
            timeline.failure("number " + to + " has no SMS URL: nothing receives its messages yet");
            return false;
        }
        return sim.webhooks.report(timeline, "inbound", smsUrl, number.path("sms_method").asText("POST"), params,
                sim.token(account)).ok();
    }
}
