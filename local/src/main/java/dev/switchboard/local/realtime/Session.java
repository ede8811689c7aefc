package dev.switchboard.local.realtime;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * What API Gateway knows of a connection from its upgrade on, and puts in the requestContext of
 * every event for it.
 *
 * @param connectedAt epoch milliseconds
 * @param authorizer  the authorizer's context and principalId, or null without an authorizer
 */
record Session(String connectionId, long connectedAt, String sourceIp, String userAgent, String domainName,
               String stage, Map<String, Object> authorizer) {
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * An id shaped like API Gateway's (11 random bytes in base64: 16 characters ending in '='),
     * from the URL-safe alphabet so that a caller may put it in an @connections path unencoded.
     */
    static String newId() {
        byte[] bytes = new byte[11];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().encodeToString(bytes);
    }
}
