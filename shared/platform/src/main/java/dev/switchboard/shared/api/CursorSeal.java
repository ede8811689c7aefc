package dev.switchboard.shared.api;

import dev.switchboard.shared.store.Page;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Seals the list positions the stores hand out into the cursors clients see, and opens them
 * again: HMAC-SHA256 under the deployment's cursor key over the query the cursor continues
 * (the list, the tenant, every filter) and the position. A cursor that was edited, forged, or
 * minted for another tenant or another query is a 400 before any store sees it.
 *
 * <p>Wire form: {@code base64url(position) "." base64url(mac)}. The position stays readable; it
 * holds nothing the caller may not see (its own keys), the MAC only makes it tamper-proof.
 */
public final class CursorSeal {
    /** What the MAC covers besides the position: raise it if the position's meaning ever changes. */
    private static final String VERSION = "switchboard-cursor-v1";
    /** Far above any cursor this API hands out; a longer one is refused before decoding. */
    private static final int MAX_LENGTH = 4096;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final Supplier<byte[]> key;

    /** @param key the deployment's 32-byte cursor key, fetched on first use */
    public CursorSeal(Supplier<byte[]> key) {
        this.key = key;
    }

    /**
     * The query a cursor belongs to: the list's name, the tenant and each filter, in a fixed
     * order. Nulls are kept as empty fields so that "no filter" and "a filter" never collide.
     */
    public static String scope(String list, String tenantId, String... filters) {
        StringBuilder scope = new StringBuilder(list).append('\u0000').append(tenantId);
        for (String filter : filters) {
            scope.append('\u0000').append(filter == null ? "\u0001" : filter);
        }
        return scope.toString();
    }

    /** The client's cursor for {@code position}; null stays null (the last page). */
    public String seal(String position, String scope) {
        if (position == null) {
            return null;
        }
        byte[] bytes = position.getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(bytes) + "." + ENCODER.encodeToString(mac(scope, bytes));
    }

    /** Reads one page of a list from a position (null: the start), at most {@code limit} items. */
    @FunctionalInterface
    public interface PageReader<T> {
        Page<T> read(String position, int limit);
    }

    /**
     * One page of a list route: the request's {@code cursor} opened for {@code scope} (a 400 naming it
     * when this API did not seal it for that scope), the page read at the request's size, each item
     * shown, and the next position sealed for the same scope.
     */
    public <T, V> PageView<V> page(ApiRequest request, String scope, PageReader<T> read, Function<T, V> view) {
        Page<T> page = read.read(open(request.query("cursor").orElse(null), scope, "cursor"), PageSize.of(request));
        return new PageView<>(page.items().stream().map(view).toList(), seal(page.nextCursor(), scope));
    }

    /**
     * The position inside a cursor this API sealed for the same scope; null for none.
     *
     * @param parameter the query parameter the cursor came in, named in the 400
     */
    public String open(String cursor, String scope, String parameter) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        int dot = cursor.indexOf('.');
        if (cursor.length() <= MAX_LENGTH && dot > 0 && dot == cursor.lastIndexOf('.')) {
            try {
                byte[] position = Base64.getUrlDecoder().decode(cursor.substring(0, dot));
                byte[] mac = Base64.getUrlDecoder().decode(cursor.substring(dot + 1));
                if (MessageDigest.isEqual(mac, mac(scope, position))) {
                    return new String(position, StandardCharsets.UTF_8);
                }
            } catch (IllegalArgumentException e) {
                // Not base64url: refused below like any other cursor this API did not seal.
            }
        }
        throw ApiError.badField(parameter, parameter + " is not a cursor this API returned for this list and query");
    }

    private byte[] mac(String scope, byte[] position) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.get(), "HmacSHA256"));
            mac.update((VERSION + '\u0000' + scope + '\u0000').getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(position);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
