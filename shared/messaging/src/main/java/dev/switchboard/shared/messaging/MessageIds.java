package dev.switchboard.shared.messaging;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/** The ids Switchboard gives messages and conversations (docs/data-model.md). */
public final class MessageIds {
    private MessageIds() {
    }

    /** One per (tenant, our number or Messaging Service, the other party). */
    public static String conversationId(String tenantId, String number, String party) {
        return "cv_" + digest(tenantId + "|" + number + "|" + party);
    }

    /**
     * An inbound message's id, from the tenant and its MessageSid: a redelivery is the same
     * message, and no other tenant's use of the SID can be.
     */
    public static String inboundId(String tenantId, String messageSid) {
        return "msg_" + digest("inbound|" + tenantId + "|" + messageSid);
    }

    /** An outbound message's id: random. */
    public static String newId() {
        byte[] bytes = new byte[12];
        Holder.RANDOM.nextBytes(bytes);
        return "msg_" + HexFormat.of().formatHex(bytes);
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The random source, made on the first new id. */
    private static final class Holder {
        private static final SecureRandom RANDOM = new SecureRandom();

        private Holder() {
        }
    }
}
