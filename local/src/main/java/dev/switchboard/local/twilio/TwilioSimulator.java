package dev.switchboard.local.twilio;

import dev.switchboard.local.http.LoopbackServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.switchboard.shared.json.Json;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Twilio, simulated: the REST API (2010-04-01) that Switchboard uses, stateful, under Twilio's own
 * paths, JSON shapes and error codes; and calls and messages played as Twilio plays them, with
 * every request it makes signed with the account's auth token ({@link CallPlayer},
 * {@link MessagePlayer}).
 *
 * <p>An account it has not seen is created on first use with the credentials given, with a few
 * numbers of its own, so onboarding works with made-up credentials. Basic auth is checked: the
 * account's SID and token, or one of its API keys and the key's secret.
 *
 * <p>{@code /_simulator/…} is its control surface for the command line: start a call or an
 * inbound message and read its timeline as it happens.
 */
public final class TwilioSimulator implements AutoCloseable {
    /** A request as the simulator received it. {@code form} keeps the last of repeated names. */
    public record Recorded(String method, String path, Map<String, String> query, Map<String, String> form,
                           String user, String rawForm) {
        /** Every value of a repeated form parameter, e.g. StatusCallbackEvent. */
        public List<String> all(String name) {
            return parse(rawForm).stream().filter(p -> p[0].equals(name)).map(p -> p[1]).toList();
        }
    }

    static final String API = "/2010-04-01";
    /** How a dialled party can answer a simulated call. */
    public static final List<String> OUTCOMES = List.of("answered", "no-answer", "busy", "failed");
    private static final Pattern ACCOUNTS = Pattern.compile(API + "/Accounts\\.json");
    private static final Pattern ACCOUNT = Pattern.compile(API + "/Accounts/(AC[0-9a-f]{32})\\.json");
    private static final Pattern SUB = Pattern.compile(API + "/Accounts/(AC[0-9a-f]{32})/(\\w+)(?:/([A-Z]{2}[0-9a-f]{32}|[A-Z]{2}))?(?:/(\\w+))?(?:/([A-Z]{2}[0-9a-f]{32}))?(\\.json|\\.wav|\\.mp3)?");
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");
    private static final SecureRandom RANDOM = new SecureRandom();
    /** As Twilio writes dates ("Thu, 30 Jul 2015 20:12:31 +0000"), the form twilio-java parses. */
    private static final DateTimeFormatter RFC_2822 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z",
            java.util.Locale.US);

    final Map<String, ObjectNode> accounts = new ConcurrentHashMap<>();
    final Map<String, String> tokens = new ConcurrentHashMap<>();
    /** API key SID → [account SID, secret]. */
    final Map<String, String[]> keys = new ConcurrentHashMap<>();
    final Map<String, ObjectNode> applications = new ConcurrentHashMap<>();
    final Map<String, ObjectNode> numbers = new ConcurrentHashMap<>();
    final Map<String, ObjectNode> calls = new ConcurrentHashMap<>();
    final Map<String, ObjectNode> messages = new ConcurrentHashMap<>();
    final Map<String, ObjectNode> recordings = new ConcurrentHashMap<>();
    final Map<String, ObjectNode> transcriptions = new ConcurrentHashMap<>();
    /** Message media: ME sid → [content type, bytes as base64]. */
    final Map<String, String[]> media = new ConcurrentHashMap<>();
    /** Recipients refused whatever the sender (see {@link #optOut}): sending to them is 21610. */
    final Set<String> optedOut = ConcurrentHashMap.newKeySet();
    /**
     * "sender|recipient" for each recipient that texted STOP to one of the simulator's numbers:
     * as at Twilio, sending to them from that number is 21610. The simulator's Messaging Services
     * hold none of its numbers, so a STOP to a number does not block a send through a service.
     */
    final Set<String> stopped = ConcurrentHashMap.newKeySet();
    /** How a dialled number or browser identity answers (answered, no-answer, busy, failed). */
    final Map<String, String> outcomes = new ConcurrentHashMap<>();
    private final List<Recorded> requests = Collections.synchronizedList(new ArrayList<>());

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    final Webhooks webhooks;
    private final Timeline log;
    private final CallPlayer calling;
    private final MessagePlayer messaging;

    /**
     * @param port    0 for any free port
     * @param deliver maps a webhook URL as configured to where it is reached from here
     * @param log     where the timelines of calls and messages started through the API go
     */
    public TwilioSimulator(int port, UnaryOperator<URI> deliver, PrintStream log) throws IOException {
        this.webhooks = new Webhooks(deliver);
        this.log = log == null ? null : Timeline.printing(log, "twilio ");
        this.calling = new CallPlayer(this);
        this.messaging = new MessagePlayer(this);
        server = LoopbackServer.create(port);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** An account with this token and no numbers (those of the seed are added one by one). */
    public void addAccount(String accountSid, String authToken) {
        tokens.put(accountSid, authToken);
        accounts.computeIfAbsent(accountSid, sid -> account(sid, sid, "Simulated account"));
    }

    /** Gives the account a number whose webhooks point at Twilio's demo; returns its PN sid. */
    public String addNumber(String accountSid, String phoneNumber) {
        return addNumber(accountSid, phoneNumber, "https://demo.twilio.com/welcome/voice/", null,
                "https://demo.twilio.com/welcome/sms/");
    }

    /** Gives the account a number with these webhooks; returns its PN sid. */
    public String addNumber(String accountSid, String phoneNumber, String voiceUrl, String statusCallback,
                            String smsUrl) {
        String sid = sid("PN");
        ObjectNode number = Json.MAPPER.createObjectNode().put("sid", sid).put("account_sid", accountSid)
                .put("phone_number", phoneNumber).put("friendly_name", friendly(phoneNumber))
                .put("api_version", "2010-04-01").put("date_created", now()).put("date_updated", now())
                .put("voice_url", voiceUrl).put("voice_method", "POST").put("sms_url", smsUrl).put("sms_method", "POST")
                .put("status_callback", statusCallback).put("status_callback_method", "POST")
                .put("voice_fallback_method", "POST").put("sms_fallback_method", "POST")
                .put("voice_caller_id_lookup", false).put("beta", false).put("origin", "twilio")
                .put("address_requirements", "none").put("status", "in-use")
                .put("uri", API + "/Accounts/" + accountSid + "/IncomingPhoneNumbers/" + sid + ".json");
        number.putObject("capabilities").put("voice", true).put("sms", true).put("mms", true).put("fax", false);
        numbers.put(sid, number);
        return sid;
    }

    /** Makes a dialled number or client identity answer so (answered, no-answer, busy, failed). */
    public void answer(String numberOrIdentity, String outcome) {
        outcomes.put(numberOrIdentity, outcome);
    }

    /**
     * Calls placed to this number are accepted and stay queued: nothing is played, no webhook is
     * made. For tests that place calls and must see no callbacks afterwards.
     */
    public void hold(String to) {
        held.add(to);
    }

    final Set<String> held = ConcurrentHashMap.newKeySet();

    /**
     * From now on every {@code n}th status, recording or transcription callback is delivered twice,
     * with the same {@code I-Twilio-Idempotency-Token}, as Twilio retries a callback whose first
     * delivery it took for failed; 0 stops it.
     */
    public void repeatCallbacks(int n) {
        webhooks.repeatEvery(n);
    }

    /** Waits until every message sent through the REST API so far has had its status callbacks. */
    public void awaitMessages(java.time.Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (var sending : messagesSending.values()) {
            try {
                sending.get(Math.max(0, deadline - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("messages still sending after " + timeout, e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("a message's callbacks failed", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    /** Each outbound message's callbacks, by its SID, while and after they are made. */
    private final Map<String, java.util.concurrent.Future<?>> messagesSending = new ConcurrentHashMap<>();

    /** Makes an outbound message's status callbacks, in the background; see {@link #awaitMessages}. */
    void sendCallbacks(String messageSid, Runnable callbacks) {
        messagesSending.put(messageSid, executor.submit(callbacks));
    }

    /** Waits until every call placed through the REST API so far has been played. */
    public void awaitIdle(java.time.Duration timeout) {
        try {
            java.util.concurrent.CompletableFuture.allOf(ended.values().toArray(java.util.concurrent.CompletableFuture[]::new))
                    .get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("calls still playing after " + timeout, e);
        }
    }

    /**
     * The next requests for recording media are answered with these statuses, in order, before
     * media is served again: Twilio answers 404 for a while after a recording completes.
     */
    public void mediaAnswers(int... statuses) {
        for (int status : statuses) {
            mediaFaults.add(status);
        }
    }

    /** Every request for recording media is answered with this status, until given null. */
    /**
     * Holds back the status callbacks of messages sent from now on (true), so that a test can send
     * its own in whatever order Twilio might; false plays them again.
     */
    public void holdMessageCallbacks(boolean hold) {
        messageCallbacksHeld = hold;
    }

    volatile boolean messageCallbacksHeld;

    /**
     * Plays the status callbacks of messages sent from now on before answering the request that
     * sent them (true), as Twilio may when its answer is slow on the way back; false answers first.
     */
    public void answerMessagesAfterCallbacks(boolean after) {
        messageCallbacksFirst = after;
    }

    volatile boolean messageCallbacksFirst;

    /**
     * Takes each message sent from now on and plays its status callbacks, but the answer to the
     * request that sent it never arrives: the connection breaks (true); false answers again.
     */
    public void loseMessageAnswers(boolean lose) {
        messageAnswersLost = lose;
    }

    volatile boolean messageAnswersLost;

    /**
     * Takes each message sent from now on and plays its status callbacks, but answers the request
     * that sent it with this status and Twilio's error body (500: Twilio failed after making it);
     * null answers as usual.
     */
    public void answerMessagesWithStatus(Integer status) {
        messageAnswerStatus = status;
    }

    volatile Integer messageAnswerStatus;

    public void mediaAlways(Integer status) {
        mediaOutage = status;
    }

    final java.util.concurrent.ConcurrentLinkedQueue<Integer> mediaFaults = new java.util.concurrent.ConcurrentLinkedQueue<>();
    volatile Integer mediaOutage;

    /** Makes sending to this number fail as an opted-out recipient (21610), from any sender. */
    public void optOut(String phoneNumber) {
        optedOut.add(phoneNumber);
    }

    public List<Recorded> requestsFor(String accountSid) {
        synchronized (requests) {
            return requests.stream().filter(r -> r.path().contains(accountSid)).toList();
        }
    }

    /** A number as Twilio holds it; changing it is changing it in Twilio's console. */
    public Optional<ObjectNode> number(String numberSid) {
        return Optional.ofNullable(numbers.get(numberSid));
    }

    /** A number by its E.164 form, as Twilio holds it. */
    public Optional<ObjectNode> numberByPhone(String phoneNumber) {
        return numbers.values().stream().filter(n -> n.path("phone_number").asText().equals(phoneNumber)).findFirst();
    }

    /** A TwiML App as Twilio holds it; changing it is changing it in Twilio's console. */
    public Optional<ObjectNode> application(String applicationSid) {
        return Optional.ofNullable(applications.get(applicationSid));
    }

    /** Deletes a TwiML App, as someone might in Twilio's console. */
    public void deleteApplication(String applicationSid) {
        applications.remove(applicationSid);
    }

    /**
     * Waits until the simulator has finished playing a call placed through the REST API.
     *
     * @return true when every webhook it made answered well
     */
    public boolean awaitCall(String callSid, java.time.Duration timeout) {
        try {
            return ended(callSid).get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("call " + callSid + " still playing after " + timeout);
        } catch (java.util.concurrent.ExecutionException | InterruptedException e) {
            throw new IllegalStateException("call " + callSid + " could not be played", e);
        }
    }

    java.util.concurrent.CompletableFuture<Boolean> ended(String callSid) {
        return ended.computeIfAbsent(callSid, sid -> new java.util.concurrent.CompletableFuture<>());
    }

    private final Map<String, java.util.concurrent.CompletableFuture<Boolean>> ended = new ConcurrentHashMap<>();

    public Optional<JsonNode> call(String callSid) {
        return Optional.ofNullable(calls.get(callSid));
    }

    public Optional<JsonNode> message(String messageSid) {
        return Optional.ofNullable(messages.get(messageSid));
    }

    /** Every message to this number, as Twilio holds them. */
    public List<JsonNode> messagesTo(String to) {
        return messages.values().stream().filter(m -> m.path("to").asText().equals(to)).map(m -> (JsonNode) m)
                .toList();
    }

    /** An inbound call to one of the simulator's numbers, played now; false when a webhook failed. */
    public boolean playInbound(String from, String to, String outcome, String say, Timeline timeline) {
        return playInbound(from, to, outcome, say, Pacing.INSTANT, timeline);
    }

    /**
     * As {@link #playInbound(String, String, String, String, Timeline)}, the dialed party ringing
     * and talking as paced: the call takes that long, on the caller's thread.
     */
    public boolean playInbound(String from, String to, String outcome, String say, Pacing pacing, Timeline timeline) {
        return calling.inbound(from, to, outcome, say, pacing, List.of(), timeline);
    }

    /** As above, the caller answering each {@code <Gather>} with the next of these inputs. */
    public boolean playInbound(String from, String to, String outcome, String say, Pacing pacing,
                               List<CallerInput> inputs, Timeline timeline) {
        return calling.inbound(from, to, outcome, say, pacing, inputs, timeline);
    }

    /** An inbound SMS or MMS to one of the simulator's numbers; false when the webhook failed. */
    public boolean receiveMessage(String from, String to, String body, List<MessagePlayer.Media> media,
                                  Timeline timeline) {
        return messaging.inbound(from, to, body, media, timeline);
    }

    public static String sid(String prefix) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return prefix + HexFormat.of().formatHex(bytes);
    }

    static String now() {
        return RFC_2822.format(ZonedDateTime.now(ZoneOffset.UTC));
    }

    private static String friendly(String e164) {
        return e164.startsWith("+1") && e164.length() == 12
                ? "(" + e164.substring(2, 5) + ") " + e164.substring(5, 8) + "-" + e164.substring(8) : e164;
    }

    private ObjectNode account(String sid, String owner, String name) {
        ObjectNode account = Json.MAPPER.createObjectNode().put("sid", sid).put("friendly_name", name)
                .put("status", "active").put("type", "Full").put("owner_account_sid", owner)
                .put("date_created", now()).put("date_updated", now())
                .put("uri", API + "/Accounts/" + sid + ".json");
        account.putObject("subresource_uris").put("calls", API + "/Accounts/" + sid + "/Calls.json")
                .put("incoming_phone_numbers", API + "/Accounts/" + sid + "/IncomingPhoneNumbers.json");
        return account;
    }

    /** Timeline of work started through the REST API: the stack's log. */
    Timeline apiTimeline(String what) {
        if (log == null) {
            return new Timeline() {
                @Override
                public void step(String line) {
                }

                @Override
                public void failure(String line) {
                }
            };
        }
        return new Timeline() {
            @Override
            public void step(String line) {
                log.step(what + " " + line);
            }

            @Override
            public void failure(String line) {
                log.failure(what + " " + line);
            }
        };
    }

    void async(Runnable work) {
        executor.submit(work);
    }

    String token(String accountSid) {
        return tokens.get(accountSid);
    }

    // --- HTTP ----------------------------------------------------------------------------------

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            if (path.startsWith("/_simulator/")) {
                Control.handle(this, exchange);
                return;
            }
            String rawQuery = exchange.getRequestURI().getRawQuery();
            String rawForm = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> query = last(parse(rawQuery));
            Map<String, String> form = last(parse(rawForm));
            String user = authenticate(exchange, path);
            requests.add(new Recorded(exchange.getRequestMethod(), path, query, form, user, rawForm));
            if (user == null) {
                error(exchange, 401, 20003, "Authenticate");
                return;
            }
            route(exchange, user, exchange.getRequestMethod().toUpperCase(Locale.ROOT), path, query, form, rawForm);
        } catch (RuntimeException e) {
            error(exchange, 500, 20500, "Internal Server Error");
        }
    }

    /**
     * The account the request authenticates as (its SID, or the SID owning the API key used), or
     * null. An account never seen is created with the token given, with numbers of its own.
     */
    private String authenticate(HttpExchange exchange, String path) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.startsWith("Basic ")) {
            return null;
        }
        String[] pair;
        try {
            pair = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8)
                    .split(":", 2);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (pair.length != 2 || pair[1].isEmpty()) {
            return null;
        }
        String user = pair[0];
        String account;
        if (user.startsWith("SK")) {
            String[] key = keys.get(user);
            if (key == null || !key[1].equals(pair[1])) {
                return null;
            }
            account = key[0];
        } else if (user.matches("AC[0-9a-f]{32}")) {
            if (tokens.putIfAbsent(user, pair[1]) == null) {
                accounts.put(user, account(user, user, "Simulated account"));
                for (int i = 0; i < 3; i++) {
                    addNumber(user, "+1555" + String.format("%07d", RANDOM.nextInt(10_000_000)));
                }
            }
            if (!tokens.get(user).equals(pair[1])) {
                return null;
            }
            account = user;
        } else {
            return null;
        }
        // The account in the path must be the caller's own or one of its subaccounts.
        Matcher m = Pattern.compile("/Accounts/(AC[0-9a-f]{32})").matcher(path);
        if (m.find()) {
            String target = m.group(1);
            ObjectNode owned = accounts.get(target);
            if (!target.equals(account) && (owned == null || !account.equals(owned.path("owner_account_sid").asText()))) {
                return null;
            }
        }
        return account;
    }

    /** @param owner the account the request authenticated as */
    private void route(HttpExchange exchange, String owner, String method, String path, Map<String, String> query,
                       Map<String, String> form, String rawForm) throws IOException {
        Matcher m;
        if ((m = ACCOUNT.matcher(path)).matches()) {
            ObjectNode account = accounts.get(m.group(1));
            if (account == null) {
                notFound(exchange, path);
            } else if (method.equals("POST")) {
                if (form.containsKey("FriendlyName")) {
                    account.put("friendly_name", form.get("FriendlyName"));
                }
                if (form.containsKey("Status")) {
                    account.put("status", form.get("Status"));
                }
                respond(exchange, 200, account);
            } else {
                respond(exchange, 200, account);
            }
            return;
        }
        if (ACCOUNTS.matcher(path).matches()) {
            if (method.equals("POST")) {
                String sid = sid("AC");
                String token = HexFormat.of().formatHex(randomBytes(16));
                tokens.put(sid, token);
                ObjectNode sub = account(sid, owner, form.getOrDefault("FriendlyName", "Subaccount " + sid));
                sub.put("auth_token", token);
                accounts.put(sid, sub);
                respond(exchange, 201, sub);
            } else {
                respond(exchange, 200, page("accounts", path, accounts.values().stream()
                        .filter(a -> a.path("sid").asText().equals(owner)
                                || a.path("owner_account_sid").asText().equals(owner)).toList()));
            }
            return;
        }
        if (!(m = SUB.matcher(path)).matches()) {
            notFound(exchange, path);
            return;
        }
        String account = m.group(1);
        String resource = m.group(2);
        String id = m.group(3);
        String child = m.group(4);
        String childId = m.group(5);
        String extension = m.group(6);
        switch (resource) {
            case "Applications" -> Rest.applications(this, exchange, method, account, id, query, form);
            case "IncomingPhoneNumbers" -> Rest.numbers(this, exchange, method, account, id, query, form);
            case "AvailablePhoneNumbers" -> Rest.available(this, exchange, account, id, child, query);
            case "Keys" -> Rest.keys(this, exchange, method, account, id, form);
            case "Calls" -> {
                if (child == null) {
                    Rest.calls(this, exchange, method, account, id, query, form, rawForm);
                } else {
                    notFound(exchange, path);
                }
            }
            case "Messages" -> {
                if ("Media".equals(child)) {
                    Rest.messageMedia(this, exchange, account, id, childId);
                } else if (child == null) {
                    Rest.messages(this, exchange, method, account, id, query, form, rawForm);
                } else {
                    notFound(exchange, path);
                }
            }
            case "Recordings" -> Rest.recordings(this, exchange, method, account, id, extension, query);
            case "Transcriptions" -> Rest.transcriptions(this, exchange, account, id);
            default -> notFound(exchange, path);
        }
    }

    static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    static boolean isE164(String value) {
        return value != null && E164.matcher(value).matches();
    }

    static ObjectNode page(String name, String path, List<? extends JsonNode> items) {
        ObjectNode page = Json.MAPPER.createObjectNode();
        ArrayNode list = page.putArray(name);
        items.forEach(list::add);
        page.put("uri", path).put("first_page_uri", path).putNull("next_page_uri").putNull("previous_page_uri")
                .put("page", 0).put("page_size", 50).put("start", 0).put("end", Math.max(0, items.size() - 1));
        return page;
    }

    static void notFound(HttpExchange exchange, String path) throws IOException {
        error(exchange, 404, 20404, "The requested resource " + path + " was not found");
    }

    /** Twilio's error body: {code, message, more_info, status}. */
    static void error(HttpExchange exchange, int status, int code, String message) throws IOException {
        respond(exchange, status, Json.MAPPER.createObjectNode().put("code", code).put("message", message)
                .put("more_info", "https://www.twilio.com/docs/errors/" + code).put("status", status));
    }

    static void respond(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = Json.MAPPER.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static void respondBytes(HttpExchange exchange, String contentType, byte[] bytes) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** name=value pairs in order, repeated names kept. */
    static List<String[]> parse(String encoded) {
        List<String[]> pairs = new ArrayList<>();
        if (encoded == null || encoded.isEmpty()) {
            return pairs;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                pairs.add(new String[]{URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8)});
            } catch (IllegalArgumentException e) {
                // Not form encoding: left out, as Twilio ignores what it cannot read.
            }
        }
        return pairs;
    }

    private static Map<String, String> last(List<String[]> pairs) {
        Map<String, String> values = new LinkedHashMap<>();
        pairs.forEach(p -> values.put(p[0], p[1]));
        return values;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
