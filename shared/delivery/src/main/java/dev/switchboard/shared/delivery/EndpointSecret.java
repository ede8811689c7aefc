package dev.switchboard.shared.delivery;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * A webhook endpoint's signing secret as the Standard Webhooks specification writes it: {@code whsec_}
 * and the base64 of the key. Switchboard makes 32 random bytes; one given to it must be 24 to 64.
 * Its text is shown to the tenant once, at creation or rotation, and otherwise only sealed at rest:
 * {@link #toString()} never prints it.
 */
public final class EndpointSecret {
    public static final String PREFIX = "whsec_";
    static final int GENERATED_BYTES = 32;
    static final int MIN_BYTES = 24;
    static final int MAX_BYTES = 64;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;

    private EndpointSecret(byte[] key) {
        this.key = key;
    }

    /** A new random secret. */
    public static EndpointSecret generate() {
        byte[] key = new byte[GENERATED_BYTES];
        RANDOM.nextBytes(key);
        return new EndpointSecret(key);
    }

    /** A secret in the specification's form ({@code whsec_} optional, as its libraries accept). */
    public static EndpointSecret parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("secret is required");
        }
        String encoded = text.startsWith(PREFIX) ? text.substring(PREFIX.length()) : text;
        byte[] key;
        try {
            key = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("secret must be whsec_ followed by base64");
        }
        if (key.length < MIN_BYTES || key.length > MAX_BYTES) {
            throw new IllegalArgumentException("secret must hold " + MIN_BYTES + " to " + MAX_BYTES + " bytes, got "
                    + key.length);
        }
        return new EndpointSecret(key);
    }

    /** The secret as the tenant is shown it and the receiver configures it. */
    public String reveal() {
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    byte[] key() {
        return key.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EndpointSecret that && java.security.MessageDigest.isEqual(key, that.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        return "EndpointSecret[" + PREFIX + "…]";
    }
}
