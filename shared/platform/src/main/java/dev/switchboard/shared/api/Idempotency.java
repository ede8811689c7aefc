package dev.switchboard.shared.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.switchboard.shared.idempotency.IdempotencyStore;
import dev.switchboard.shared.json.Json;
import dev.switchboard.shared.log.Log;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The {@code Idempotency-Key} header of the routes that act at Twilio (placing a call, buying a
 * number). A retry with the same key and the same request gets the first answer again and does
 * nothing; the same key with another request is 422; while the first is still running, 409.
 * Keys are kept 24 hours, per tenant and route.
 *
 * <p>Only answers are kept: a request refused (4xx) or failed (5xx: Twilio refused or was
 * unreachable, so nothing was done) is forgotten, so that the client can fix it or retry it with
 * the same key. A run whose function died is taken over by a retry once its lock lapses.
 */
public final class Idempotency {
    public static final String HEADER = "Idempotency-Key";
    /** Also how long a retry is told "still running": far above the API functions' 25 s timeout. */
    static final Duration LOCK = Duration.ofSeconds(60);
    static final Duration KEPT = Duration.ofHours(24);
    /** Visible ASCII, as the IETF draft and Stripe have it; a UUID fits easily. */
    private static final Pattern KEY = Pattern.compile("^[\\x21-\\x7E]{1,255}$");
    private static final Log LOG = Log.of(Idempotency.class);

    private final IdempotencyStore store;
    private final Clock clock;

    public Idempotency(IdempotencyStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** What a request does once it has been checked: call Twilio, write, answer. */
    @FunctionalInterface
    public interface Action {
        ApiResponse act();
    }

    /**
     * Runs the request once per key. {@code prepare} checks it (and may refuse it) and returns
     * what it does; a request refused there writes nothing, here either. Call this after the
     * caller's access to {@code tenantId} has been checked: a replayed answer must never reach
     * another tenant.
     */
    public ApiResponse run(String tenantId, ApiRequest request, Supplier<Action> prepare) {
        var header = request.header(HEADER.toLowerCase(java.util.Locale.ROOT));
        if (header.isEmpty()) {
            return prepare.get().act();
        }
        String key = header.get();
        if (!KEY.matcher(key).matches()) {
            throw ApiError.badField(HEADER, HEADER + " must be 1 to 255 visible ASCII characters, e.g. a UUID");
        }
        String recordKey = tenantId + "\n" + request.routeKey() + "\n" + key;
        String fingerprint = fingerprint(request);
        // A retry is answered as the first request was, even if that request would be refused now.
        var earlier = store.find(recordKey, fingerprint, clock.instant());
        if (earlier.isPresent()) {
            return answer(earlier.get());
        }
        Action action = prepare.get();
        Instant now = clock.instant();
        var claim = store.begin(recordKey, fingerprint, now, now.plus(LOCK), now.plus(KEPT));
        if (!(claim instanceof IdempotencyStore.Begun)) {
            return answer(claim);
        }
        ApiResponse response;
        try {
            response = action.act();
        } catch (RuntimeException e) {
            store.abandon(recordKey, fingerprint);
            throw e;
        }
        try {
            store.complete(recordKey, fingerprint, response.status(),
                    response.body() == null ? null : Json.write(response.body()));
        } catch (RuntimeException e) {
            // The action is done and its answer goes back; a retry meets the lock, then runs again.
            LOG.error("idempotency record not completed", e, "tenantId", tenantId, "route", request.routeKey());
        }
        return response;
    }

    private static ApiResponse answer(IdempotencyStore.Claim claim) {
        return switch (claim) {
            case IdempotencyStore.Completed done -> new ApiResponse(done.status(),
                    done.body() == null ? null : Json.parse(done.body()), Map.of("Idempotent-Replayed", "true"));
            case IdempotencyStore.Mismatch ignored -> throw ApiError.unprocessable(HEADER, "This " + HEADER
                    + " was used for a different request in the last 24 hours: use a new key for a new request");
            case IdempotencyStore.Running ignored -> throw ApiError.conflict("A request with this " + HEADER
                    + " is still running: retry it in a few seconds");
            case IdempotencyStore.Begun ignored -> throw new IllegalStateException("not an earlier request");
        };
    }

    /** The request: its route, path and body, with the body's keys in a fixed order. */
    static String fingerprint(ApiRequest request) {
        try {
            Map<String, Object> whole = new TreeMap<>();
            whole.put("route", request.routeKey());
            whole.put("path", new TreeMap<>(request.pathParameters()));
            whole.put("body", request.body().map(Idempotency::plain).orElse(null));
            byte[] canonical = Json.MAPPER.writer().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                    .writeValueAsBytes(whole);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object plain(JsonNode body) {
        return Json.MAPPER.convertValue(body, Object.class);
    }
}
