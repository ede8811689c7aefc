package dev.switchboard.local.twilio;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.switchboard.shared.json.Json;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.switchboard.local.twilio.TwilioSimulator.API;
import static dev.switchboard.local.twilio.TwilioSimulator.error;
import static dev.switchboard.local.twilio.TwilioSimulator.isE164;
import static dev.switchboard.local.twilio.TwilioSimulator.notFound;
import static dev.switchboard.local.twilio.TwilioSimulator.now;
import static dev.switchboard.local.twilio.TwilioSimulator.page;
import static dev.switchboard.local.twilio.TwilioSimulator.respond;
import static dev.switchboard.local.twilio.TwilioSimulator.sid;

/** The REST resources, validated as Twilio validates them and answered in Twilio's shapes. */
final class Rest {
    private static final Set<String> METHODS = Set.of("GET", "POST");
    private static final Set<String> CALL_EVENTS = Set.of("initiated", "ringing", "answered", "completed");

    private Rest() {
    }

    // --- Applications ----------------------------------------------------------------------------

    static void applications(TwilioSimulator sim, HttpExchange exchange, String method, String account, String id,
                             Map<String, String> query, Map<String, String> form) throws IOException {
        String path = API + "/Accounts/" + account + "/Applications";
        if (id == null && method.equals("GET")) {
            respond(exchange, 200, page("applications", path + ".json", sim.applications.values().stream()
                    .filter(a -> a.path("account_sid").asText().equals(account))
                    .filter(a -> !query.containsKey("FriendlyName")
                            || a.path("friendly_name").asText().equals(query.get("FriendlyName"))).toList()));
            return;
        }
        if (id == null && method.equals("POST")) {
            if (!validMethods(exchange, form, "VoiceMethod", "StatusCallbackMethod", "SmsMethod")) {
                return;
            }
            String sid = sid("AP");
            ObjectNode app = Json.MAPPER.createObjectNode().put("sid", sid).put("account_sid", account)
                    .put("api_version", "2010-04-01").put("date_created", now()).put("date_updated", now())
                    .put("friendly_name", sid).put("voice_method", "POST").put("status_callback_method", "POST")
                    .put("sms_method", "POST").put("voice_caller_id_lookup", false)
                    .put("public_application_connect_enabled", true)
                    .put("uri", path + "/" + sid + ".json");
            apply(app, form);
            sim.applications.put(sid, app);
            respond(exchange, 201, app);
            return;
        }
        ObjectNode app = id == null ? null : sim.applications.get(id);
        if (app == null || !app.path("account_sid").asText().equals(account)) {
            notFound(exchange, exchange.getRequestURI().getPath());
        } else if (method.equals("POST")) {
            if (validMethods(exchange, form, "VoiceMethod", "StatusCallbackMethod", "SmsMethod")) {
                apply(app, form);
                app.put("date_updated", now());
                respond(exchange, 200, app);
            }
        } else if (method.equals("DELETE")) {
            sim.applications.remove(id);
            exchange.sendResponseHeaders(204, -1);
        } else {
            respond(exchange, 200, app);
        }
    }

    private static void apply(ObjectNode app, Map<String, String> form) {
        Map<String, String> fields = Map.of("FriendlyName", "friendly_name", "VoiceUrl", "voice_url",
                "VoiceMethod", "voice_method", "StatusCallback", "status_callback",
                "StatusCallbackMethod", "status_callback_method", "SmsUrl", "sms_url", "SmsMethod", "sms_method");
        fields.forEach((param, field) -> {
            if (form.containsKey(param)) {
                app.put(field, form.get(param));
            }
        });
    }

    private static boolean validMethods(HttpExchange exchange, Map<String, String> form, String... names)
            throws IOException {
        for (String name : names) {
            if (form.containsKey(name) && !METHODS.contains(form.get(name).toUpperCase(java.util.Locale.ROOT))) {
                error(exchange, 400, 21601, name + " is not valid: use GET or POST");
                return false;
            }
        }
        return true;
    }

    // --- Phone numbers ---------------------------------------------------------------------------

    static void numbers(TwilioSimulator sim, HttpExchange exchange, String method, String account, String id,
                        Map<String, String> query, Map<String, String> form) throws IOException {
        if (id == null && method.equals("GET")) {
            respond(exchange, 200, page("incoming_phone_numbers", exchange.getRequestURI().getPath(),
                    sim.numbers.values().stream()
                            .filter(n -> n.path("account_sid").asText().equals(account))
                            .filter(n -> !query.containsKey("PhoneNumber")
                                    || n.path("phone_number").asText().equals(query.get("PhoneNumber"))).toList()));
            return;
        }
        if (id == null && method.equals("POST")) {
            String phone = form.get("PhoneNumber");
            if (phone == null && !form.containsKey("AreaCode")) {
                error(exchange, 400, 21421, "PhoneNumber or AreaCode is required");
                return;
            }
            if (phone == null) {
                phone = "+1" + form.get("AreaCode") + String.format("%07d", Math.floorMod(System.nanoTime(), 10_000_000));
            }
            if (!isE164(phone)) {
                error(exchange, 400, 21421, "PhoneNumber " + phone + " is invalid");
                return;
            }
            String wanted = phone;
            // A number someone already has cannot be bought.
            if (sim.numberByPhone(wanted).isPresent()) {
                error(exchange, 400, 21422, "PhoneNumber " + phone + " is not available");
                return;
            }
            if (!validMethods(exchange, form, "VoiceMethod", "StatusCallbackMethod", "SmsMethod")) {
                return;
            }
            String sid = sim.addNumber(account, phone, null, null, null);
            ObjectNode number = sim.numbers.get(sid);
            updateNumber(number, form);
            respond(exchange, 201, number);
            return;
        }
        ObjectNode number = id == null ? null : sim.numbers.get(id);
        if (number == null || !number.path("account_sid").asText().equals(account)) {
            notFound(exchange, exchange.getRequestURI().getPath());
        } else if (method.equals("DELETE")) {
            sim.numbers.remove(id);
            exchange.sendResponseHeaders(204, -1);
        } else if (method.equals("POST")) {
            if (validMethods(exchange, form, "VoiceMethod", "StatusCallbackMethod", "SmsMethod")) {
                updateNumber(number, form);
                respond(exchange, 200, number);
            }
        } else {
            respond(exchange, 200, number);
        }
    }

    private static void updateNumber(ObjectNode number, Map<String, String> form) {
        Map<String, String> fields = Map.of("VoiceUrl", "voice_url", "VoiceMethod", "voice_method",
                "StatusCallback", "status_callback", "StatusCallbackMethod", "status_callback_method",
                "SmsUrl", "sms_url", "SmsMethod", "sms_method", "FriendlyName", "friendly_name",
                "VoiceApplicationSid", "voice_application_sid");
        fields.forEach((param, field) -> {
            if (form.containsKey(param)) {
                String value = form.get(param);
                number.put(field, field.endsWith("_method") ? value.toUpperCase(java.util.Locale.ROOT) : value);
            }
        });
        number.put("date_updated", now());
    }

    static void available(TwilioSimulator sim, HttpExchange exchange, String account, String country, String type,
                          Map<String, String> query) throws IOException {
        if (country == null || !"Local".equals(type)) {
            notFound(exchange, exchange.getRequestURI().getPath());
            return;
        }
        String area = query.getOrDefault("AreaCode", "415");
        if (!area.matches("[2-9][0-9]{2}")) {
            error(exchange, 400, 21452, "No phone numbers found for area code " + area);
            return;
        }
        int size = 3;
        try {
            size = Math.max(1, Math.min(30, Integer.parseInt(query.getOrDefault("PageSize", "3"))));
        } catch (NumberFormatException e) {
            error(exchange, 400, 20001, "PageSize must be a number");
            return;
        }
        List<ObjectNode> list = new ArrayList<>();
        for (int i = 1; list.size() < size && i < 100; i++) {
            String phone = "+1" + area + "55501" + String.format("%02d", i);
            if (sim.numberByPhone(phone).isPresent()) {
                continue;
            }
            ObjectNode n = Json.MAPPER.createObjectNode().put("phone_number", phone)
                    .put("friendly_name", "(" + area + ") 555-01" + String.format("%02d", i))
                    .put("locality", "San Francisco").put("region", "CA").put("iso_country", country)
                    .put("postal_code", "94105").put("rate_center", "SNFC CNTRL").put("lata", "722")
                    .put("latitude", 37.7749).put("longitude", -122.4194)
                    .put("address_requirements", "none").put("beta", false);
            n.putObject("capabilities").put("voice", true).put("SMS", true).put("MMS", true);
            list.add(n);
        }
        ObjectNode page = Json.MAPPER.createObjectNode();
        page.putArray("available_phone_numbers").addAll(list);
        page.put("uri", exchange.getRequestURI().getPath());
        respond(exchange, 200, page);
    }

    // --- API keys --------------------------------------------------------------------------------

    static void keys(TwilioSimulator sim, HttpExchange exchange, String method, String account, String id,
                     Map<String, String> form) throws IOException {
        if (id == null && method.equals("POST")) {
            String sid = sid("SK");
            // A 32-character secret, as Twilio issues.
            String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(TwilioSimulator.randomBytes(24));
            sim.keys.put(sid, new String[]{account, secret});
            respond(exchange, 201, Json.MAPPER.createObjectNode().put("sid", sid)
                    .put("friendly_name", form.getOrDefault("FriendlyName", ""))
                    .put("date_created", now()).put("date_updated", now()).put("secret", secret));
        } else if (id != null && method.equals("DELETE")) {
            if (sim.keys.remove(id) == null) {
                notFound(exchange, exchange.getRequestURI().getPath());
            } else {
                exchange.sendResponseHeaders(204, -1);
            }
        } else {
            notFound(exchange, exchange.getRequestURI().getPath());
        }
    }

    // --- Calls -----------------------------------------------------------------------------------

    static void calls(TwilioSimulator sim, HttpExchange exchange, String method, String account, String id,
                      Map<String, String> query, Map<String, String> form, String rawForm) throws IOException {
        if (id == null && method.equals("POST")) {
            String to = form.get("To");
            String from = form.get("From");
            if (to == null || from == null) {
                error(exchange, 400, 21201, "No 'To' or 'From' number is specified");
                return;
            }
            if (!(form.containsKey("Url") || form.containsKey("Twiml") || form.containsKey("ApplicationSid"))) {
                error(exchange, 400, 21205, "Url, Twiml or ApplicationSid is required");
                return;
            }
            if (!isE164(to) && !to.startsWith("client:") && !to.startsWith("sip:")) {
                error(exchange, 400, 21211, "Invalid 'To' Phone Number: " + to);
                return;
            }
            if (!isE164(from) && !from.startsWith("client:")) {
                error(exchange, 400, 21212, "Invalid 'From' Phone Number: " + from);
                return;
            }
            if (isE164(from) && sim.numbers.values().stream().noneMatch(n -> n.path("phone_number").asText().equals(from)
                    && ownedBy(sim, n.path("account_sid").asText(), account))) {
                error(exchange, 400, 21210, "'From' phone number not verified: " + from);
                return;
            }
            if (form.containsKey("Twiml") && form.get("Twiml").length() > 4000) {
                error(exchange, 400, 21236, "Twiml parameter is too long: at most 4000 characters");
                return;
            }
            List<String> events = TwilioSimulator.parse(rawForm).stream()
                    .filter(p -> p[0].equals("StatusCallbackEvent")).map(p -> p[1]).toList();
            for (String event : events) {
                for (String one : event.split(" ")) {
                    if (!CALL_EVENTS.contains(one)) {
                        error(exchange, 400, 21626, "Invalid StatusCallbackEvent: " + one);
                        return;
                    }
                }
            }
            if (!validMethods(exchange, form, "Method", "StatusCallbackMethod")) {
                return;
            }
            String sid = sid("CA");
            ObjectNode call = Json.MAPPER.createObjectNode().put("sid", sid).put("account_sid", account)
                    .put("to", to).put("to_formatted", to).put("from", from).put("from_formatted", from)
                    .put("status", "queued").put("direction", "outbound-api").put("api_version", "2010-04-01")
                    .put("date_created", now()).put("date_updated", now()).putNull("start_time").putNull("end_time")
                    .putNull("duration").putNull("parent_call_sid").putNull("price").put("price_unit", "USD")
                    .putNull("answered_by").putNull("forwarded_from").putNull("caller_name").putNull("group_sid")
                    .put("queue_time", "0")
                    .put("uri", API + "/Accounts/" + account + "/Calls/" + sid + ".json");
            call.putObject("subresource_uris").put("recordings", API + "/Accounts/" + account + "/Calls/" + sid
                    + "/Recordings.json");
            sim.calls.put(sid, call);
            respond(exchange, 201, call);
            if (sim.held.contains(to)) {
                sim.ended(sid).complete(true);
                return;
            }
            List<String> requested = new ArrayList<>();
            events.forEach(e -> requested.addAll(List.of(e.split(" "))));
            sim.async(() -> new CallPlayer(sim).outbound(call, form, requested,
                    sim.apiTimeline("call " + sid + " " + from + " -> " + to)));
            return;
        }
        if (id == null) {
            respond(exchange, 200, page("calls", exchange.getRequestURI().getPath(), sim.calls.values().stream()
                    .filter(c -> c.path("account_sid").asText().equals(account)).toList()));
            return;
        }
        ObjectNode call = sim.calls.get(id);
        if (call == null || !call.path("account_sid").asText().equals(account)) {
            notFound(exchange, exchange.getRequestURI().getPath());
        } else if (method.equals("POST")) {
            String status = form.get("Status");
            if (status != null && !Set.of("completed", "canceled").contains(status)) {
                error(exchange, 400, 21218, "Invalid Status: " + status);
                return;
            }
            if (status != null) {
                call.put("status", status).put("date_updated", now());
            }
            respond(exchange, 200, call);
        } else {
            respond(exchange, 200, call);
        }
    }

    private static boolean ownedBy(TwilioSimulator sim, String owner, String account) {
        if (owner.equals(account)) {
            return true;
        }
        ObjectNode sub = sim.accounts.get(owner);
        return sub != null && sub.path("owner_account_sid").asText().equals(account);
    }

    // --- Messages --------------------------------------------------------------------------------

    static void messages(TwilioSimulator sim, HttpExchange exchange, String method, String account, String id,
                         Map<String, String> query, Map<String, String> form, String rawForm) throws IOException {
        if (id == null && method.equals("GET")) {
            // Newest first, filtered by To and From as Twilio filters them.
            respond(exchange, 200, page("messages", exchange.getRequestURI().getPath(), sim.messages.values().stream()
                    .filter(m -> m.path("account_sid").asText().equals(account))
                    .filter(m -> !query.containsKey("To") || m.path("to").asText().equals(query.get("To")))
                    .filter(m -> !query.containsKey("From") || m.path("from").asText().equals(query.get("From")))
                    .toList()));
            return;
        }
        if (id == null && method.equals("POST")) {
            String to = form.get("To");
            String from = form.get("From");
            String service = form.get("MessagingServiceSid");
            List<String> mediaUrls = TwilioSimulator.parse(rawForm).stream()
                    .filter(p -> p[0].equals("MediaUrl")).map(p -> p[1]).toList();
            if (to == null) {
                error(exchange, 400, 21604, "A 'To' phone number is required");
                return;
            }
            if (from == null && service == null) {
                error(exchange, 400, 21603, "A 'From' phone number or MessagingServiceSid is required");
                return;
            }
            if (!isE164(to)) {
                error(exchange, 400, 21211, "Invalid 'To' Phone Number: " + to);
                return;
            }
            if (form.getOrDefault("Body", "").isEmpty() && mediaUrls.isEmpty()) {
                error(exchange, 400, 21602, "Message body is required");
                return;
            }
            if (form.getOrDefault("Body", "").length() > 1600) {
                error(exchange, 400, 21617, "The concatenated message body exceeds the 1600 character limit");
                return;
            }
            if (mediaUrls.size() > 10) {
                error(exchange, 400, 21623, "Too many media URLs: at most 10");
                return;
            }
            if (from != null && sim.numbers.values().stream().noneMatch(n -> n.path("phone_number").asText().equals(from)
                    && ownedBy(sim, n.path("account_sid").asText(), account))) {
                error(exchange, 400, 21606, "The 'From' phone number provided is not a valid message-capable "
                        + "Twilio phone number for this destination/account: " + from);
                return;
            }
            if (sim.optedOut.contains(to) || (from != null && sim.stopped.contains(from + "|" + to))) {
                error(exchange, 400, 21610, "Attempt to send to unsubscribed recipient");
                return;
            }
            String sid = sid("SM");
            ObjectNode message = Json.MAPPER.createObjectNode().put("sid", sid).put("account_sid", account)
                    .put("to", to).put("from", from).put("messaging_service_sid", service)
                    .put("body", form.getOrDefault("Body", "")).put("status", "queued")
                    .put("num_segments", Integer.toString(Math.max(1, (form.getOrDefault("Body", "").length() + 152) / 153)))
                    .put("num_media", Integer.toString(mediaUrls.size())).put("direction", "outbound-api")
                    .put("api_version", "2010-04-01").putNull("price").put("price_unit", "USD")
                    .putNull("error_code").putNull("error_message")
                    .put("date_created", now()).put("date_updated", now()).putNull("date_sent")
                    .put("uri", API + "/Accounts/" + account + "/Messages/" + sid + ".json");
            message.putObject("subresource_uris").put("media", API + "/Accounts/" + account + "/Messages/" + sid
                    + "/Media.json");
            sim.messages.put(sid, message);
            Integer failed = sim.messageAnswerStatus;
            if (sim.messageCallbacksFirst || sim.messageAnswersLost || failed != null) {
                // Twilio's answer is slow on its way back, lost, or a failure after it made the
                // message: the callbacks get there first.
                ObjectNode answer = message.deepCopy();
                new MessagePlayer(sim).outbound(message, form.get("StatusCallback"),
                        sim.apiTimeline("message " + sid + " -> " + to));
                if (failed != null) {
                    error(exchange, failed, 20500, "Internal Server Error");
                } else if (!sim.messageAnswersLost) {
                    respond(exchange, 201, answer);
                }
                return;
            }
            respond(exchange, 201, message);
            sim.sendCallbacks(sid, () -> new MessagePlayer(sim).outbound(message, form.get("StatusCallback"),
                    sim.apiTimeline("message " + sid + " -> " + to)));
            return;
        }
        ObjectNode message = id == null ? null : sim.messages.get(id);
        if (message == null || !message.path("account_sid").asText().equals(account)) {
            notFound(exchange, exchange.getRequestURI().getPath());
        } else {
            respond(exchange, 200, message);
        }
    }

    static void messageMedia(TwilioSimulator sim, HttpExchange exchange, String account, String messageSid,
                             String mediaSid) throws IOException {
        String[] item = mediaSid == null ? null : sim.media.get(mediaSid);
        ObjectNode message = sim.messages.get(messageSid);
        if (item == null || message == null || !message.path("account_sid").asText().equals(account)) {
            notFound(exchange, exchange.getRequestURI().getPath());
            return;
        }
        TwilioSimulator.respondBytes(exchange, item[0], Base64.getDecoder().decode(item[1]));
    }

    // --- Recordings and transcriptions -------------------------------------------------------------

    static void recordings(TwilioSimulator sim, HttpExchange exchange, String method, String account, String id,
                           String extension, Map<String, String> query) throws IOException {
        if (id == null && method.equals("GET")) {
            respond(exchange, 200, page("recordings", exchange.getRequestURI().getPath(), sim.recordings.values().stream()
                    .filter(r -> r.path("account_sid").asText().equals(account))
                    .filter(r -> !query.containsKey("CallSid") || r.path("call_sid").asText().equals(query.get("CallSid")))
                    .toList()));
            return;
        }
        ObjectNode recording = id == null ? null : sim.recordings.get(id);
        if (recording == null || !recording.path("account_sid").asText().equals(account)) {
            notFound(exchange, exchange.getRequestURI().getPath());
            return;
        }
        int seconds = Integer.parseInt(recording.path("duration").asText("3"));
        if (!".json".equals(extension) && method.equals("GET")) {
            Integer fault = sim.mediaOutage != null ? sim.mediaOutage : sim.mediaFaults.poll();
            if (fault != null) {
                error(exchange, fault, fault == 404 ? 20404 : 20500, fault == 404
                        ? "The requested resource was not found" : "Internal Server Error");
                return;
            }
        }
        if (method.equals("DELETE")) {
            sim.recordings.remove(id);
            exchange.sendResponseHeaders(204, -1);
        } else if (".mp3".equals(extension)) {
            TwilioSimulator.respondBytes(exchange, "audio/mpeg", Audio.mp3(seconds));
        } else if (".json".equals(extension)) {
            respond(exchange, 200, recording);
        } else {
            // No extension is WAV, as at Twilio.
            TwilioSimulator.respondBytes(exchange, "audio/x-wav", Audio.wav(seconds, recording.path("channels").asInt(1)));
        }
    }

    static void transcriptions(TwilioSimulator sim, HttpExchange exchange, String account, String id)
            throws IOException {
        ObjectNode transcription = id == null ? null : sim.transcriptions.get(id);
        if (transcription == null || !transcription.path("account_sid").asText().equals(account)) {
            notFound(exchange, exchange.getRequestURI().getPath());
        } else {
            respond(exchange, 200, transcription);
        }
    }

    /** A recording of a call, stored so its media can be fetched. */
    static ObjectNode newRecording(TwilioSimulator sim, String account, String callSid, int seconds, int channels,
                                   String source) {
        String sid = sid("RE");
        ObjectNode recording = Json.MAPPER.createObjectNode().put("sid", sid).put("account_sid", account)
                .put("call_sid", callSid).putNull("conference_sid").put("api_version", "2010-04-01")
                .put("date_created", now()).put("date_updated", now()).put("start_time", now())
                .put("duration", Integer.toString(seconds)).put("channels", channels).put("source", source)
                .put("status", "completed").putNull("price").put("price_unit", "USD").putNull("error_code")
                .put("uri", API + "/Accounts/" + account + "/Recordings/" + sid + ".json")
                .put("media_url", sim.baseUrl() + API + "/Accounts/" + account + "/Recordings/" + sid);
        recording.putObject("subresource_uris").put("transcriptions", API + "/Accounts/" + account + "/Recordings/"
                + sid + "/Transcriptions.json");
        sim.recordings.put(sid, recording);
        return recording;
    }

    static ObjectNode newTranscription(TwilioSimulator sim, String account, String recordingSid, String text,
                                       int seconds) {
        String sid = sid("TR");
        ObjectNode transcription = Json.MAPPER.createObjectNode().put("sid", sid).put("account_sid", account)
                .put("api_version", "2010-04-01").put("date_created", now()).put("date_updated", now())
                .put("duration", Integer.toString(seconds)).putNull("price").put("price_unit", "USD")
                .put("recording_sid", recordingSid).put("status", "completed").put("transcription_text", text)
                .put("type", "fast").put("uri", API + "/Accounts/" + account + "/Transcriptions/" + sid + ".json");
        sim.transcriptions.put(sid, transcription);
        return transcription;
    }

}
