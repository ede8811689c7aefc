package dev.switchboard.local.realtime;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * One RFC 6455 frame. Clients must mask what they send and servers must not; no extension is
 * ever negotiated, so the reserved bits are always zero.
 */
record Frame(boolean fin, int opcode, byte[] payload) {
    static final int CONTINUATION = 0x0;
    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;

    /** Close codes (RFC 6455 §7.4.1) the gateway sends. */
    static final int NORMAL = 1000;
    static final int GOING_AWAY = 1001;
    static final int PROTOCOL_ERROR = 1002;
    static final int INVALID_DATA = 1007;
    static final int TOO_BIG = 1009;

    /** A frame the peer got wrong: the connection ends with this close code. */
    static final class Violation extends IOException {
        final int code;

        Violation(int code, String message) {
            super(message);
            this.code = code;
        }
    }

    boolean control() {
        return (opcode & 0x8) != 0;
    }

    /**
     * Reads a client's frame. The length is checked before the payload is read, so an oversized
     * frame costs no memory.
     */
    static Frame read(InputStream in, int maxPayload) throws IOException {
        int b0 = in.read();
        if (b0 < 0) {
            throw new EOFException("connection closed");
        }
        int b1 = readByte(in);
        if ((b0 & 0x70) != 0) {
            throw new Violation(PROTOCOL_ERROR, "reserved bits set");
        }
        if ((b1 & 0x80) == 0) {
            throw new Violation(PROTOCOL_ERROR, "client frame not masked");
        }
        boolean fin = (b0 & 0x80) != 0;
        int opcode = b0 & 0x0F;
        long length = b1 & 0x7F;
        if (length == 126) {
            length = (readByte(in) << 8) | readByte(in);
        } else if (length == 127) {
            length = 0;
            for (int i = 0; i < 8; i++) {
                length = (length << 8) | readByte(in);
            }
            if (length < 0) {
                throw new Violation(PROTOCOL_ERROR, "frame length out of range");
            }
        }
        boolean control = (opcode & 0x8) != 0;
        if (control && (!fin || length > 125)) {
            throw new Violation(PROTOCOL_ERROR, "control frame fragmented or over 125 bytes");
        }
        if (opcode != CONTINUATION && opcode != TEXT && opcode != BINARY && !control
                || control && opcode != CLOSE && opcode != PING && opcode != PONG) {
            throw new Violation(PROTOCOL_ERROR, "unknown opcode " + opcode);
        }
        if (length > maxPayload) {
            throw new Violation(TOO_BIG, "frame over " + maxPayload + " bytes");
        }
        byte[] mask = in.readNBytes(4);
        byte[] payload = in.readNBytes((int) length);
        if (mask.length < 4 || payload.length < length) {
            throw new EOFException("connection closed within a frame");
        }
        for (int i = 0; i < payload.length; i++) {
            payload[i] ^= mask[i & 3];
        }
        return new Frame(fin, opcode, payload);
    }

    private static int readByte(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("connection closed within a frame");
        }
        return b;
    }

    /** A whole, unmasked server frame, written with one call so that it leaves in one piece. */
    static void write(OutputStream out, int opcode, byte[] payload) throws IOException {
        int header = payload.length < 126 ? 2 : payload.length <= 0xFFFF ? 4 : 10;
        byte[] frame = new byte[header + payload.length];
        frame[0] = (byte) (0x80 | opcode);
        if (header == 2) {
            frame[1] = (byte) payload.length;
        } else if (header == 4) {
            frame[1] = 126;
            frame[2] = (byte) (payload.length >>> 8);
            frame[3] = (byte) payload.length;
        } else {
            frame[1] = 127;
            for (int i = 0; i < 8; i++) {
                frame[2 + i] = (byte) ((long) payload.length >>> (56 - 8 * i));
            }
        }
        System.arraycopy(payload, 0, frame, header, payload.length);
        out.write(frame);
        out.flush();
    }

    /** A close frame's payload: the code, then the reason in UTF-8 (cut to fit 125 bytes). */
    static byte[] closePayload(int code, String reason) {
        byte[] text = reason.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int length = Math.min(text.length, 123);
        byte[] payload = new byte[2 + length];
        payload[0] = (byte) (code >>> 8);
        payload[1] = (byte) code;
        System.arraycopy(text, 0, payload, 2, length);
        return payload;
    }
}
