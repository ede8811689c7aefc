package dev.switchboard.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.switchboard.shared.json.Json;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Twilio's REST API (2010-04-01), the parts Switchboard uses, at the HTTP level: HTTP basic auth
 * per account, Twilio's JSON shapes and error bodies, and a record of every request so tests can
 * assert exactly what was sent.
 */
final class FakeTwilioApi {
    /** A request as Twilio received it. */
    record Recorded(String method, String path, Map<String, String> query, Map<String, String> form, String user,
                    String rawForm) {
    }

    private static final String DATE = "Sat, 21 Nov 2026 06:00:00 +0000";
    private static final Pattern ACCOUNT = Pattern.compile("/2010-04-01/Accounts/(AC[0-9a-f]{32})\\.json");
    private static final Pattern APPS = Pattern.compile("/2010-04-01/Accounts/(AC[0-9a-f]{32})/Applications\\.json");
    private static final Pattern APP = Pattern.compile("/2010-04-01/Accounts/(AC[0-9a-f]{32})/Applications/(AP[0-9a-f]{32})\\.json");
    private static final Pattern NUMBERS = Pattern.compile("/2010-04-01/Accounts/(AC[0-9a-f]{32})/IncomingPhoneNumbers\\.json");
    private static final Pattern NUMBER = Pattern.compile("/2010-04-01/Accounts/(AC[0-9a-f]{32})/IncomingPhoneNumbers/(PN[0-9a-f]{32})\\.json");
    private static final Pattern CALLS = Pattern.compile("/2010-04-01/Accounts/(AC[0-9a-f]{32})/Calls\\.json");
    private static final Pattern AVAILABLE = Pattern.compile("/2010-04-01/Accounts/(AC[0-9a-f]{32})/AvailablePhoneNumbers/([A-Z]{2})/Local\\.json");
    private static final Pattern KEYS = Pattern.compile("/2010-04-01/Accounts/(AC[0-9a-f]{32})/Keys\\.json");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpServer server;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    final Map<String, ObjectNode> applications = new ConcurrentHashMap<>();
    final Map<String, ObjectNode> numbers = new ConcurrentHashMap<>();
    final List<Recorded> requests = java.util.Collections.synchronizedList(new ArrayList<>());

    FakeTwilioApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void addAccount(String accountSid, String authToken) {
        tokens.put(accountSid, authToken);
    }

    /** Gives the account a number, its webhooks pointing elsewhere; returns its PN sid. */
    String addNumber(String accountSid, String phoneNumber) {
        String sid = sid("PN");
        ObjectNode number = Json.MAPPER.createObjectNode().put("sid", sid).put("account_sid", accountSid)
                .put("phone_number", phoneNumber).put("friendly_name", phoneNumber).put("api_version", "2010-04-01")
                .put("date_created", DATE).put("date_updated", DATE)
                .put("voice_url", "https://demo.twilio.com/welcome/voice/").put("voice_method", "POST")
                .put("sms_url", "https://demo.twilio.com/welcome/sms/").put("sms_method", "POST")
                .put("uri", "/2010-04-01/Accounts/" + accountSid + "/IncomingPhoneNumbers/" + sid + ".json");
        number.putObject("capabilities").put("voice", true).put("sms", true).put("mms", true).put("fax", false);
        numbers.put(sid, number);
        return sid;
    }

    List<Recorded> requestsFor(String accountSid) {
        synchronized (requests) {
            return requests.stream().filter(r -> r.path().contains(accountSid)).toList();
        }
    }

    static String sid(String prefix) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return prefix + HexFormat.of().formatHex(bytes);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
            String rawForm = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> form = form(rawForm);
            String user = basicUser(exchange, path);
            requests.add(new Recorded(exchange.getRequestMethod(), path, query, form, user, rawForm));
            if (user == null) {
                respond(exchange, 401, error(20003, "Authenticate", 401));
                return;
            }
            String method = exchange.getRequestMethod();
            Matcher m;
            if (method.equals("GET") && (m = ACCOUNT.matcher(path)).matches()) {
                respond(exchange, 200, Json.MAPPER.createObjectNode().put("sid", m.group(1))
                        .put("friendly_name", "Test account").put("status", "active").put("type", "Full")
                        .put("owner_account_sid", m.group(1)).put("date_created", DATE).put("date_updated", DATE)
                        .put("uri", path));
            } else if (method.equals("GET") && (m = APPS.matcher(path)).matches()) {
                String account = m.group(1);
                var list = Json.MAPPER.createArrayNode();
                applications.values().stream()
                        .filter(a -> a.path("account_sid").asText().equals(account))
                        .filter(a -> !query.containsKey("FriendlyName")
                                || a.path("friendly_name").asText().equals(query.get("FriendlyName")))
                        .forEach(list::add);
                ObjectNode page = Json.MAPPER.createObjectNode();
                page.set("applications", list);
                page.put("uri", path).put("first_page_uri", path).putNull("next_page_uri").putNull("previous_page_uri")
                        .put("page", 0).put("page_size", 50).put("start", 0).put("end", Math.max(0, list.size() - 1));
                respond(exchange, 200, page);
            } else if (method.equals("POST") && (m = APPS.matcher(path)).matches()) {
                ObjectNode app = Json.MAPPER.createObjectNode().put("sid", sid("AP")).put("account_sid", m.group(1))
                        .put("api_version", "2010-04-01").put("date_created", DATE).put("date_updated", DATE)
                        .put("voice_method", "POST").put("status_callback_method", "POST");
                apply(app, form);
                app.put("uri", path.replace(".json", "/" + app.path("sid").asText() + ".json"));
                applications.put(app.path("sid").asText(), app);
                respond(exchange, 201, app);
            } else if (method.equals("POST") && (m = APP.matcher(path)).matches()) {
                ObjectNode app = applications.get(m.group(2));
                if (app == null || !app.path("account_sid").asText().equals(m.group(1))) {
                    respond(exchange, 404, error(20404, "The requested resource was not found", 404));
                    return;
                }
                apply(app, form);
                respond(exchange, 200, app);
            } else if (method.equals("GET") && (m = NUMBERS.matcher(path)).matches()) {
                String account = m.group(1);
                var list = Json.MAPPER.createArrayNode();
                numbers.values().stream()
                        .filter(n -> n.path("account_sid").asText().equals(account))
                        .filter(n -> !query.containsKey("PhoneNumber")
                                || n.path("phone_number").asText().equals(query.get("PhoneNumber")))
                        .forEach(list::add);
                ObjectNode page = Json.MAPPER.createObjectNode();
                page.set("incoming_phone_numbers", list);
                page.put("uri", path).put("first_page_uri", path).putNull("next_page_uri").putNull("previous_page_uri")
                        .put("page", 0).put("page_size", 50).put("start", 0).put("end", Math.max(0, list.size() - 1));
                respond(exchange, 200, page);
            } else if ((m = NUMBER.matcher(path)).matches()) {
                ObjectNode number = numbers.get(m.group(2));
                if (number == null || !number.path("account_sid").asText().equals(m.group(1))) {
                    respond(exchange, 404, error(20404, "The requested resource was not found", 404));
                } else if (method.equals("DELETE")) {
                    numbers.remove(m.group(2));
                    exchange.sendResponseHeaders(204, -1);
                } else {
                    Map<String, String> fields = Map.of("VoiceUrl", "voice_url", "VoiceMethod", "voice_method",
                            "StatusCallback", "status_callback", "StatusCallbackMethod", "status_callback_method",
                            "SmsUrl", "sms_url", "SmsMethod", "sms_method");
                    fields.forEach((param, field) -> {
                        if (form.containsKey(param)) {
                            number.put(field, form.get(param));
                        }
                    });
                    respond(exchange, 200, number);
                }
            } else if (method.equals("GET") && (m = AVAILABLE.matcher(path)).matches()) {
                String area = query.getOrDefault("AreaCode", "415");
                var list = Json.MAPPER.createArrayNode();
                for (int i = 1; i <= 3; i++) {
                    ObjectNode n = list.addObject().put("phone_number", "+1" + area + "55501" + String.format("%02d", i))
                            .put("friendly_name", "(" + area + ") 555-01" + String.format("%02d", i))
                            .put("locality", "San Francisco").put("region", "CA").put("iso_country", m.group(2))
                            .put("address_requirements", "none").put("beta", false);
                    n.putObject("capabilities").put("voice", true).put("SMS", true).put("MMS", true);
                }
                ObjectNode page = Json.MAPPER.createObjectNode();
                page.set("available_phone_numbers", list);
                page.put("uri", path);
                respond(exchange, 200, page);
            } else if (method.equals("POST") && (m = NUMBERS.matcher(path)).matches()) {
                if (!form.containsKey("PhoneNumber") && !form.containsKey("AreaCode")) {
                    respond(exchange, 400, error(21421, "PhoneNumber or AreaCode is required", 400));
                    return;
                }
                // As Twilio: a number someone already has cannot be bought (21422).
                if (numbers.values().stream().anyMatch(n -> n.path("phone_number").asText().equals(form.get("PhoneNumber")))) {
                    respond(exchange, 400, error(21422, "PhoneNumber " + form.get("PhoneNumber") + " is not available", 400));
                    return;
                }
                String sid = addNumber(m.group(1), form.get("PhoneNumber"));
                ObjectNode number = numbers.get(sid);
                Map.of("VoiceUrl", "voice_url", "StatusCallback", "status_callback", "SmsUrl", "sms_url")
                        .forEach((param, field) -> number.put(field, form.get(param)));
                respond(exchange, 201, number);
            } else if (method.equals("POST") && (m = CALLS.matcher(path)).matches()) {
                // Twilio requires To, From and what to run: Url, Twiml or ApplicationSid.
                if (!form.containsKey("To") || !form.containsKey("From")
                        || !(form.containsKey("Url") || form.containsKey("Twiml") || form.containsKey("ApplicationSid"))) {
                    respond(exchange, 400, error(21205, "Url, Twiml or ApplicationSid, To and From are required", 400));
                    return;
                }
                String sid = sid("CA");
                respond(exchange, 201, Json.MAPPER.createObjectNode().put("sid", sid).put("account_sid", m.group(1))
                        .put("to", form.get("To")).put("from", form.get("From")).put("status", "queued")
                        .put("direction", "outbound-api").put("api_version", "2010-04-01")
                        .put("date_created", DATE).put("date_updated", DATE)
                        .put("uri", path.replace(".json", "/" + sid + ".json")));
            } else if (method.equals("POST") && (m = KEYS.matcher(path)).matches()) {
                respond(exchange, 201, Json.MAPPER.createObjectNode().put("sid", sid("SK"))
                        .put("friendly_name", form.getOrDefault("FriendlyName", "")).put("date_created", DATE)
                        .put("date_updated", DATE).put("secret", HexFormat.of().formatHex(new byte[16]) + "secret"));
            } else {
                respond(exchange, 404, error(20404, "The requested resource " + path + " was not found", 404));
            }
        }
    }

    private static void apply(ObjectNode app, Map<String, String> form) {
        Map<String, String> fields = Map.of("FriendlyName", "friendly_name", "VoiceUrl", "voice_url",
                "VoiceMethod", "voice_method", "StatusCallback", "status_callback",
                "StatusCallbackMethod", "status_callback_method");
        fields.forEach((param, field) -> {
            if (form.containsKey(param)) {
                app.put(field, form.get(param));
            }
        });
    }

    /** The account the request authenticates as, or null when the credentials are not its. */
    private String basicUser(HttpExchange exchange, String path) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.startsWith("Basic ")) {
            return null;
        }
        String[] pair = new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8).split(":", 2);
        if (pair.length != 2 || !pair[1].equals(tokens.get(pair[0])) || !path.contains(pair[0])) {
            return null;
        }
        return pair[0];
    }

    private static ObjectNode error(int code, String message, int status) {
        return Json.MAPPER.createObjectNode().put("code", code).put("message", message)
                .put("more_info", "https://www.twilio.com/docs/errors/" + code).put("status", status);
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return values;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            values.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    private static void respond(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = Json.MAPPER.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
