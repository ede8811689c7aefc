package dev.switchboard.local;

import dev.switchboard.local.twilio.TwilioSigner;
import dev.switchboard.local.twilio.TwilioSimulator;
import dev.switchboard.shared.messaging.MessageIds;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad requests, generated, against every route of the template: wrong types, missing and extra
 * fields, oversize and odd-Unicode strings, invalid percent-encoding, broken JSON, forged
 * cursors, other tenants' ids, bad and missing signatures. Whatever arrives, Switchboard never
 * answers 5xx, and a request it refuses (4xx) writes nothing to DynamoDB ({@link DynamoWrites}).
 * API answers must also match docs/openapi.yaml.
 *
 * <p>The seed is printed; replay a failure with {@code -Dfuzz.seed=<seed>}. {@code -Dfuzz.cases}
 * sets the cases per route.
 */
class BadInputFuzzTest {
    private static final long SEED = Long.getLong("fuzz.seed", System.nanoTime());
    private static final int CASES = Integer.getInteger("fuzz.cases", 60);

    /** One tenant's world: its key, account, agent, number, call, and a genuine cursor. */
    private record World(String tenant, String key, String accountSid, String token, String agentId, String number,
                         String callSid, String keyId, String cursor, String messageId, String conversationId,
                         String endpointId, String sessionId) {
        Map<String, String> ids() {
            return Map.ofEntries(Map.entry("tenantId", tenant), Map.entry("agentId", agentId), Map.entry("keyId", keyId),
                    Map.entry("callSid", callSid), Map.entry("phoneNumber", number), Map.entry("messageId", messageId),
                    Map.entry("conversationId", conversationId), Map.entry("endpointId", endpointId),
                    Map.entry("sessionId", sessionId), Map.entry("flowId", "fz-flow"), Map.entry("scheduleId", "fz-hours"));
        }
    }

    private static World mine;
    private static World theirs;

    private static World world(String prefix) {
        String tenant = prefix + Long.toHexString(System.nanoTime());
        String key = Api.newTenant(tenant);
        Map<String, String> at = Map.of("tenantId", tenant);
        String accountSid = TwilioSimulator.sid("AC");
        String token = TwilioSimulator.sid("").substring(0, 32);
        TestStack.twilio().addAccount(accountSid, token);
        String number = "+1629" + String.format("%07d", Math.floorMod(System.nanoTime(), 10_000_000));
        TestStack.twilio().addNumber(accountSid, number);
        assertEquals(200, Api.call("PUT", "/v1/tenants/{tenantId}/twilio", at, key,
                Map.of("accountSid", accountSid, "authToken", token)).status());
        for (String agent : List.of("ann", "bob")) {
            assertEquals(201, Api.call("POST", "/v1/tenants/{tenantId}/agents", at, key,
                    Map.of("id", agent, "name", agent, "phone", "+15005550166")).status());
        }
        assertEquals(201, Api.call("POST", "/v1/tenants/{tenantId}/numbers", at, key, Map.of("phoneNumber", number,
                "agentId", "ann", "routing", Map.of("mode", "forward", "forwardTo", "+15005550166"))).status());
        String callSid = Demo.newCallSid();
        var inbound = SignedWebhooks.voiceParams(callSid, number, "ringing");
        inbound.put("AccountSid", accountSid);
        assertEquals(200, SignedWebhooks.post("/twilio/voice/inbound", inbound, token).status());
        String keyId = Api.call("POST", "/v1/tenants/{tenantId}/api-keys", at, key, Map.of("name", "spare"))
                .json().path("id").asText();
        String cursor = Api.call("GET", "/v1/tenants/{tenantId}/agents", at, "?limit=1", key, null)
                .json().path("nextCursor").asText();
        String messageSid = "SM" + Demo.newCallSid().substring(2);
        assertEquals(200, SignedWebhooks.post("/twilio/messaging/inbound", Map.of("AccountSid", accountSid,
                "MessageSid", messageSid, "From", Demo.CALLER, "To", number, "Body", "Hello", "NumMedia", "0"),
                token).status());
        String endpointId = Api.call("POST", "/v1/tenants/{tenantId}/webhook-endpoints", at, key,
                Map.of("url", "http://127.0.0.1:9/fuzz")).json().path("id").asText();
        String sessionId = Api.call("POST", "/v1/tenants/{tenantId}/console/sessions", at, key, null)
                .json().path("id").asText();
        assertEquals(201, Api.call("POST", "/v1/tenants/{tenantId}/schedules", at, key, Map.of("id", "fz-hours",
                "name", "Hours", "timeZone", "Europe/London",
                "weekly", Map.of("mon", List.of(Map.of("from", "09:00", "to", "17:00"))))).status());
        assertEquals(201, Api.call("POST", "/v1/tenants/{tenantId}/flows", at, key, Map.of("id", "fz-flow",
                "name", "Flow", "start", "hours", "nodes", Map.of(
                        "hours", Map.of("type", "hours", "schedule", "fz-hours", "open", "ring", "closed", "bye"),
                        "ring", Map.of("type", "ring", "agents", List.of("ann")),
                        "bye", Map.of("type", "hangup")))).status());
        return new World(tenant, key, accountSid, token, "ann", number, callSid, keyId, cursor,
                MessageIds.inboundId(tenant, messageSid), MessageIds.conversationId(tenant, number, Demo.CALLER),
                endpointId, sessionId);
    }

    @BeforeAll
    static void worlds() {
        TestStack.get();
        System.out.println("BadInputFuzzTest seed=" + SEED + " (replay: -Dfuzz.seed=" + SEED + ")");
        mine = world("fz-");
        theirs = world("fy-");
        // Calls the fuzzer places stay queued at the simulator: their callbacks would be writes
        // made while a refused request is being checked. Calls other tests placed finish first.
        TestStack.twilio().hold("+14155550100");
        // Likewise the status callbacks of the messages it sends.
        TestStack.twilio().holdMessageCallbacks(true);
        TestStack.twilio().awaitIdle(java.time.Duration.ofSeconds(30));
    }

    @org.junit.jupiter.api.AfterAll
    static void messageCallbacksAgain() {
        TestStack.twilio().holdMessageCallbacks(false);
    }

    // --- what goes wrong ---------------------------------------------------------------------

    private static final List<String> ODD = List.of(
            "", " ", "\u0000", "null", "-1", "0", "1e309", "4294967297", "9".repeat(40), "true", "[]", "{}",
            "\u202eevil", "\u200b", "e\u0301", "\uD83D\uDE00", "\uD800", "\uFFFF", "<Say>&amp;</Say>", "' OR 1=1 --",
            "../../etc/passwd", "%00", "%zz", "+1", "+14155550100", "+999999999999999999", "CA123",
            "AC" + "0".repeat(32), "client:x", "https://evil.example/", "x".repeat(1025), "y".repeat(3000),
            "z".repeat(5000));

    private static String odd(Random random) {
        return ODD.get(random.nextInt(ODD.size()));
    }

    private static Object oddValue(Random random) {
        return switch (random.nextInt(10)) {
            case 0 -> random.nextLong();
            case 1 -> random.nextBoolean();
            case 2 -> List.of(odd(random));
            case 3 -> Map.of("nested", odd(random));
            case 4 -> -random.nextDouble() * 1e12;
            case 5 -> "w".repeat(40_000 + random.nextInt(60_000));
            default -> odd(random);
        };
    }

    /** A request that would succeed, per /v1 route, for the fuzzer to spoil. */
    private static Map<String, Object> validBody(String route, World w) {
        return switch (route) {
            case "POST /v1/tenants" -> Map.of("id", "fz-new-" + Long.toHexString(System.nanoTime()), "name", "New");
            case "POST /v1/tenants/{tenantId}/api-keys" -> Map.of("name", "ci");
            case "POST /v1/tenants/{tenantId}/agents" -> Map.of("id", "cy", "name", "Cy", "phone", "+15005550167");
            case "PATCH /v1/tenants/{tenantId}/agents/{agentId}" -> Map.of("name", "Ann B", "phone", "+15005550168");
            case "POST /v1/tenants/{tenantId}/agents/{agentId}/voice-token" -> Map.of("ttlSeconds", 600);
            case "POST /v1/tenants/{tenantId}/calls" -> Map.of("to", "+14155550100", "message", "Hello",
                    "contactId", "crm-1");
            case "POST /v1/tenants/{tenantId}/numbers/purchase" -> Map.of("phoneNumber", "+14155550177",
                    "routing", Map.of("mode", "voicemail"));
            case "POST /v1/tenants/{tenantId}/numbers" -> Map.of("phoneNumber", w.number(), "agentId", "ann",
                    "routing", Map.of("mode", "forward", "forwardTo", "+15005550166", "timeoutSeconds", 20));
            case "PATCH /v1/tenants/{tenantId}/numbers/{phoneNumber}" -> Map.of("agentId", "bob",
                    "routing", Map.of("mode", "greeting", "greeting", "Hi"));
            case "PATCH /v1/tenants/{tenantId}/voicemails/{callSid}" -> Map.of("status", "listened");
            case "POST /v1/tenants/{tenantId}/messages" -> Map.of("from", w.number(), "to", "+14155550100",
                    "body", "Hello", "contactId", "crm-1");
            case "PUT /v1/tenants/{tenantId}/twilio" -> Map.of("accountSid", w.accountSid(), "authToken", w.token(),
                    "subaccounts", List.of());
            case "POST /v1/tenants/{tenantId}/webhook-endpoints" -> Map.of("url", "http://127.0.0.1:9/fz",
                    "description", "fuzz", "eventTypes", List.of("call.*"));
            case "PATCH /v1/tenants/{tenantId}/webhook-endpoints/{endpointId}" -> Map.of("description", "changed",
                    "eventTypes", List.of("*"));
            case "POST /v1/tenants/{tenantId}/webhook-endpoints/{endpointId}/rotate-secret" -> Map.of("overlapHours", 1);
            default -> null;
        };
    }

    @SuppressWarnings("unchecked")
    private static Object spoil(Object body, Random random) {
        if (!(body instanceof Map<?, ?> map) || map.isEmpty()) {
            return Map.of(odd(random), oddValue(random));
        }
        Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) map);
        List<String> keys = new ArrayList<>(copy.keySet());
        String field = keys.get(random.nextInt(keys.size()));
        switch (random.nextInt(5)) {
            case 0 -> copy.remove(field);
            case 1 -> copy.put("unexpected" + random.nextInt(3), oddValue(random));
            case 2 -> copy.put(field, spoil(copy.get(field), random));
            default -> copy.put(field, oddValue(random));
        }
        return copy;
    }

    /** Raw bodies no JSON writer would produce. */
    private static final List<Function<String, String>> RAW = List.of(
            json -> json.substring(0, json.length() / 2),
            json -> json + " trailing",
            json -> json.replaceFirst("\\{", "{\"name\":\"a\",\"name\":\"b\",") ,
            json -> "[" + json + "]",
            json -> "[".repeat(5000) + "]".repeat(5000),
            json -> "{\"a\":" + "[".repeat(3000) + "1" + "]".repeat(3000) + "}",
            json -> "\"just a string\"",
            json -> "{\"bad\":\"\\ud800\\udc00\\ud800\"}",
            json -> "{\"bad escape\":\"\\x41\"}",
            json -> json.replace("\"", "'"),
            json -> "{\"big\":\"" + "v".repeat(120_000) + "\"}",
            json -> "");

    // --- sending -------------------------------------------------------------------------------

    private record Answer(int status, String body) {
    }

    private static final java.util.regex.Pattern MALFORMED_ESCAPE = java.util.regex.Pattern.compile(
            "%(?![0-9A-Fa-f]{2})");

    /** HTTP/1.1 over a socket: any path, any bytes, as a careless client would send them. */
    private static Answer send(String method, String rawPath, Map<String, String> headers, byte[] body) {
        URI base = URI.create(String.valueOf(TestStack.get().baseUrl()));
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            StringBuilder head = new StringBuilder(method + " " + rawPath + " HTTP/1.1\r\nHost: " + base.getHost()
                    + "\r\nConnection: close\r\n");
            headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            if (body != null) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            return read(socket.getInputStream());
        } catch (java.net.SocketException e) {
            // A request target that is not a URI (%zz) is refused by the local gateway's HTTP server
            // before any function runs (API Gateway answers 400 itself): it closes the connection.
            if (MALFORMED_ESCAPE.matcher(rawPath).find()) {
                return new Answer(400, "refused by the gateway: the request target is not a URI");
            }
            throw new IllegalStateException("request to the local stack failed: " + method + " " + rawPath, e);
        } catch (IOException e) {
            throw new IllegalStateException("request to the local stack failed: " + method + " " + rawPath, e);
        }
    }

    private static Answer read(InputStream in) throws IOException {
        byte[] all = in.readAllBytes();
        String text = new String(all, StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        String head = end < 0 ? text : text.substring(0, end);
        int status = Integer.parseInt(head.substring(9, 12));
        String body = end < 0 ? "" : text.substring(end + 4);
        if (head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
            body = unchunk(body);
        }
        return new Answer(status, body);
    }

    private static String unchunk(String chunked) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < chunked.length()) {
            int line = chunked.indexOf("\r\n", i);
            int size = Integer.parseInt(chunked.substring(i, line).trim(), 16);
            if (size == 0) {
                break;
            }
            byte[] rest = chunked.substring(line + 2).getBytes(StandardCharsets.UTF_8);
            String chunk = new String(rest, 0, Math.min(size, rest.length), StandardCharsets.UTF_8);
            out.append(chunk);
            i = line + 2 + chunk.length() + 2;
        }
        return out.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    // --- the API -----------------------------------------------------------------------------

    private static List<String> routes(boolean api) {
        var routes = new TreeSet<String>();
        TestStack.get().template().functions().forEach(f -> f.routes().forEach(r -> {
            if (r.path().startsWith("/v1/") == api) {
                routes.add(r.method() + " " + r.path());
            }
        }));
        return List.copyOf(routes);
    }

    private static String pathParameter(String name, Random random) {
        return switch (random.nextInt(12)) {
            case 0, 1, 2, 3, 4 -> encode(mine.ids().get(name));
            case 5 -> encode(theirs.ids().get(name));
            case 6 -> "a".repeat(1025 + random.nextInt(2000));
            case 7 -> "%zz" + random.nextInt(9);
            case 8 -> "%";
            case 9 -> encode(odd(random));
            case 10 -> encode(mine.ids().get(name)) + "%00";
            default -> encode(odd(random) + mine.ids().get(name));
        };
    }

    private static final List<String> QUERY_NAMES = List.of("cursor", "after", "limit", "from", "to", "direction",
            "status", "number", "agentId", "type", "country", "areaCode", "fix", "zzz");

    private static String query(Random random) {
        if (random.nextInt(3) == 0) {
            return "";
        }
        StringBuilder query = new StringBuilder("?");
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            String name = QUERY_NAMES.get(random.nextInt(QUERY_NAMES.size()));
            String value = switch (random.nextInt(8)) {
                case 0 -> theirs.cursor();
                case 1 -> Base64.getUrlEncoder().withoutPadding().encodeToString(("{\"tenantId\":\"" + mine.tenant()
                        + "\",\"agentId\":\"zzz\"}").getBytes(StandardCharsets.UTF_8));
                case 2 -> mine.cursor().substring(0, mine.cursor().length() - 2) + "AA";
                case 3 -> "%zz";
                case 4 -> "2026-13-45T99:00:00Z";
                default -> encode(odd(random));
            };
            query.append(i == 0 ? "" : "&").append(name).append('=').append(value);
        }
        return query.toString();
    }

    @Test
    void noBadRequestToTheApiIsA5xxOrWritesAnything() {
        Random random = new Random(SEED);
        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        for (String route : routes(true)) {
            String method = route.substring(0, route.indexOf(' '));
            String template = route.substring(route.indexOf(' ') + 1);
            for (int i = 0; i < CASES; i++) {
                boolean rawPath = false;
                String path = template;
                for (String name : mine.ids().keySet()) {
                    if (path.contains("{" + name + "}")) {
                        String value = pathParameter(name, random);
                        rawPath |= value.contains("%zz") || value.equals("%") || value.contains("%00");
                        path = path.replace("{" + name + "}", value);
                    }
                }
                String requestPath = path + query(random);
                Map<String, String> headers = new LinkedHashMap<>();
                int who = random.nextInt(10);
                headers.put("Authorization", "Bearer " + (who == 0 ? theirs.key() : who == 1 ? Api.adminKey() : mine.key()));
                if (random.nextInt(8) == 0) {
                    headers.put("Idempotency-Key", random.nextBoolean() ? "k-" + random.nextInt(4) : odd(random)
                            .replaceAll("[\\r\\n\\x00-\\x1f]", ""));
                }
                byte[] body = null;
                Object valid = validBody(route, mine);
                if (!method.equals("GET") && !method.equals("DELETE") || random.nextInt(6) == 0) {
                    headers.put("Content-Type", random.nextInt(10) == 0 ? "text/plain" : "application/json");
                    String json = dev.switchboard.shared.json.Json.write(valid == null ? Map.of() : valid);
                    String text = switch (random.nextInt(4)) {
                        case 0 -> RAW.get(random.nextInt(RAW.size())).apply(json);
                        default -> dev.switchboard.shared.json.Json.write(spoil(valid, random));
                    };
                    body = text.getBytes(StandardCharsets.UTF_8);
                    if (random.nextInt(20) == 0) {
                        body = new byte[]{(byte) 0xC3, (byte) 0x28, '{', '}'};
                    }
                }
                int mark = DynamoWrites.mark();
                Answer answer = send(method, requestPath, headers, body);
                statuses.merge(answer.status(), 1, Integer::sum);
                String what = route + " " + requestPath.substring(0, Math.min(200, requestPath.length())) + " body "
                        + (body == null ? "-" : new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8));
                judge(answer, mark, what, failures);
                // A target that is not a URI never reaches Switchboard: the gateway answers it.
                rawPath |= MALFORMED_ESCAPE.matcher(requestPath).find();
                if (!rawPath && failures.isEmpty()) {
                    try {
                        OpenApiContract.assertConforms(method, template, answer.status(), answer.body());
                    } catch (AssertionError e) {
                        failures.add(e.getMessage().substring(0, Math.min(600, e.getMessage().length())) + " for " + what);
                    }
                }
            }
        }
        System.out.println("BadInputFuzzTest: " + total(statuses) + " API requests, seed " + SEED + ", answers " + statuses);
        assertTrue(failures.isEmpty(), "seed " + SEED + ", " + failures.size() + " failures:\n"
                + String.join("\n", failures.subList(0, Math.min(20, failures.size()))));
    }

    // --- the webhooks --------------------------------------------------------------------------

    private static final List<String> WEBHOOK_PARAMS = List.of("AccountSid", "CallSid", "CallStatus", "To", "From",
            "Called", "Caller", "Direction", "CallDuration", "SequenceNumber", "DialCallStatus", "DialCallDuration",
            "DialCallSid", "Timestamp", "ParentCallSid", "ApiVersion", "Digits", "SpeechResult");

    private static Map<String, String> webhookParams(String route, Random random) {
        String callSid = random.nextInt(3) == 0 ? mine.callSid() : Demo.newCallSid();
        var params = SignedWebhooks.voiceParams(callSid, mine.number(), "ringing");
        params.put("AccountSid", mine.accountSid());
        if (route.endsWith("/outbound")) {
            params.put("From", "client:" + mine.tenant().replace('-', '_') + "_ann");
            params.put("To", "+14155550100");
            params.put("Direction", "outbound-api");
        } else if (route.endsWith("/status")) {
            params.put("CallStatus", "completed");
            params.put("CallDuration", "12");
            params.put("SequenceNumber", "3");
        } else if (route.endsWith("/dial-complete")) {
            params.put("DialCallStatus", "no-answer");
            params.put("DialCallDuration", "0");
        }
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            String name = WEBHOOK_PARAMS.get(random.nextInt(WEBHOOK_PARAMS.size()));
            switch (random.nextInt(6)) {
                case 0 -> params.remove(name);
                case 1 -> params.put(name, "q".repeat(2049 + random.nextInt(70_000)));
                case 2 -> params.put(name, switch (name) {
                    case "AccountSid" -> theirs.accountSid();
                    case "To", "Called" -> theirs.number();
                    case "CallSid" -> theirs.callSid();
                    default -> odd(random);
                });
                case 3 -> params.put("Unexpected" + random.nextInt(5), odd(random));
                default -> params.put(name, odd(random));
            }
        }
        return params;
    }

    @Test
    void noBadWebhookIsA5xxOrWritesWhenRefused() {
        Random random = new Random(SEED ^ 0x5DEECE66DL);
        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        for (String route : routes(false)) {
            String path = route.substring(route.indexOf(' ') + 1);
            for (int i = 0; i < CASES * 2; i++) {
                var params = webhookParams(route, random);
                String form = TwilioSigner.form(params);
                Map<String, String> headers = new LinkedHashMap<>();
                headers.put("Content-Type", random.nextInt(15) == 0 ? "application/json"
                        : "application/x-www-form-urlencoded");
                switch (random.nextInt(10)) {
                    case 0 -> {
                    }
                    case 1 -> headers.put("X-Twilio-Signature", TwilioSigner.sign(theirs.token(),
                            TestStack.PUBLIC_URL + path, params));
                    case 2 -> headers.put("X-Twilio-Signature", odd(random).replaceAll("[\\r\\n\\x00-\\x1f]", ""));
                    default -> headers.put("X-Twilio-Signature", TwilioSigner.sign(mine.token(),
                            TestStack.PUBLIC_URL + path, params));
                }
                String body = switch (random.nextInt(12)) {
                    case 0 -> form + "&CallSid=%zz";
                    case 1 -> form + "&" + form;
                    case 2 -> form.replace("=", "");
                    case 3 -> "%";
                    default -> form;
                };
                int mark = DynamoWrites.mark();
                Answer answer = send("POST", path + (random.nextInt(10) == 0 ? "?x=%zz" : ""), headers,
                        body.getBytes(StandardCharsets.UTF_8));
                statuses.merge(answer.status(), 1, Integer::sum);
                String what = route + " " + body.substring(0, Math.min(300, body.length()));
                judge(answer, mark, what, failures);
            }
        }
        System.out.println("BadInputFuzzTest: " + total(statuses) + " webhook requests, seed " + SEED + ", answers "
                + statuses);
        // Whatever was accepted can leave as an event: a new call's event still reaches the queue,
        // so nothing stored above is stuck in the stream, failing to publish.
        // (The demo tenant's number: the API fuzz may have released this test's own.)
        String sentinel = Demo.newCallSid();
        var inbound = SignedWebhooks.voiceParams(sentinel, Demo.FORWARD_NUMBER, "ringing");
        assertEquals(200, SignedWebhooks.post("/twilio/voice/inbound", inbound, Demo.ACME_TOKEN).status());
        assertEquals(1, EventsQueue.forCall(dev.switchboard.shared.events.DomainEvent.CALL_STARTED, sentinel).size(),
                "seed " + SEED + ": events stopped flowing after the fuzzed webhooks");
        assertTrue(failures.isEmpty(), "seed " + SEED + ", " + failures.size() + " failures:\n"
                + String.join("\n", failures.subList(0, Math.min(20, failures.size()))));
    }

    /** The rule for every answer: never a 5xx, and a refused request leaves nothing written. */
    private static void judge(Answer answer, int mark, String what, List<String> failures) {
        if (answer.status() >= 500) {
            failures.add(answer.status() + " for " + what + ": " + answer.body());
        } else if (answer.status() >= 400) {
            var writes = left(DynamoWrites.since(mark));
            if (!writes.isEmpty()) {
                failures.add(answer.status() + " wrote " + writes + " for " + what);
            }
        }
    }

    private static int total(Map<Integer, Integer> statuses) {
        return statuses.values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * What a refused request left written: nothing, unless an item it created (a conditional put,
     * such as the claim on a number bought before Twilio refused it) it also deleted again.
     */
    private static List<DynamoWrites.Write> left(List<DynamoWrites.Write> writes) {
        List<DynamoWrites.Write> left = new ArrayList<>();
        Map<String, DynamoWrites.Write> created = new LinkedHashMap<>();
        for (var write : writes) {
            switch (write.operation()) {
                case "PutItem" -> created.put(write.table() + key(write), write);
                case "DeleteItem" -> {
                    if (created.remove(write.table() + key(write)) == null) {
                        left.add(write);
                    }
                }
                default -> left.add(write);
            }
        }
        left.addAll(created.values());
        return left;
    }

    private static String key(DynamoWrites.Write write) {
        var schema = TestStack.get().template().tables().get(write.table()).path("KeySchema");
        StringBuilder key = new StringBuilder();
        schema.forEach(k -> key.append('|').append(write.item().get(k.path("AttributeName").asText())));
        return key.toString();
    }

    @Test
    void theWriteRecorderSeesWrites() {
        // The "wrote nothing" checks above mean something only if writes are seen at all.
        int mark = DynamoWrites.mark();
        assertEquals(201, Api.call("POST", "/v1/tenants/{tenantId}/api-keys", Map.of("tenantId", mine.tenant()),
                mine.key(), Map.of("name", "seen")).status());
        assertTrue(DynamoWrites.since(mark).stream().anyMatch(w -> w.operation().equals("PutItem")),
                DynamoWrites.since(mark).toString());
    }
}
