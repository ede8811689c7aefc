package dev.switchboard.shared.apikeys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Tenant API keys: {@code sbk_<key id>_<secret>}, the secret 256 random bits. Only a SHA-256 of
 * the secret is stored; with that much entropy a slow hash adds nothing. The key id lets the
 * authorizer fetch the one stored hash to compare, in constant time.
 */
public final class ApiKeySecrets {
    /** sbk_: an API key; sbs_: a console session. */
    private static final Pattern FORMAT = Pattern.compile("sb([ks])_([0-9a-f]{16})_([0-9a-f]{64})");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A new key: what is stored, and the key itself, which is shown once and then forgotten. */
    public record Issued(ApiKey stored, String key) {
        @Override
        public String toString() {
            return "Issued[" + stored + "]";
        }
    }

    /** A presented key, split into its id and secret; a session's token when {@code session}. */
    public record Presented(String keyId, String secret, boolean session) {
        @Override
        public String toString() {
            return "Presented[keyId=" + keyId + "]";
        }
    }

    private ApiKeySecrets() {
    }

    public static Issued issue(String tenantId, String name, Instant now) {
        String keyId = hex(8);
        String secret = hex(32);
        return new Issued(new ApiKey(keyId, tenantId, name, hash(secret), now, null, null),
                "sbk_" + keyId + "_" + secret);
    }

    /** A console session: a token like a key's, which ends at {@code now + lifetime}. */
    public static Issued issueSession(String tenantId, Instant now, java.time.Duration lifetime) {
        String keyId = hex(8);
        String secret = hex(32);
        return new Issued(new ApiKey(keyId, tenantId, "console session", hash(secret), now, null, now.plus(lifetime)),
                "sbs_" + keyId + "_" + secret);
    }

    public static Optional<Presented> parse(String key) {
        if (key == null) {
            return Optional.empty();
        }
        var matcher = FORMAT.matcher(key);
        return matcher.matches()
                ? Optional.of(new Presented(matcher.group(2), matcher.group(3), matcher.group(1).equals("s")))
                : Optional.empty();
    }

    public static boolean matches(ApiKey stored, Presented presented) {
        // A session's token opens only a session, a key's only a key.
        return stored.session() == presented.session() && MessageDigest.isEqual(stored.secretHash().getBytes(StandardCharsets.US_ASCII),
                hash(presented.secret()).getBytes(StandardCharsets.US_ASCII));
    }

    /** Constant-time comparison of two keys of any form (the admin key). */
    public static boolean sameKey(String a, String b) {
        return a != null && b != null && MessageDigest.isEqual(hash(a).getBytes(StandardCharsets.US_ASCII),
                hash(b).getBytes(StandardCharsets.US_ASCII));
    }

    public static String newAdminKey() {
        return "sba_" + hex(32);
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
