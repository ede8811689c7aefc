package dev.switchboard.local.twilio;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Recordings the simulator serves: real audio files a player or a media pipeline accepts. WAV is
 * a 440 Hz tone (8 kHz, 16-bit mono or stereo, as Twilio records); MP3 is silence in valid
 * MPEG-1 Layer III frames, which every decoder plays for the given length.
 */
final class Audio {
    private static final int RATE = 8000;

    private Audio() {
    }

    static byte[] wav(int seconds, int channels) {
        int samples = RATE * seconds;
        int dataBytes = samples * channels * 2;
        ByteBuffer out = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        out.put("RIFF".getBytes()).putInt(36 + dataBytes).put("WAVE".getBytes());
        out.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) channels).putInt(RATE)
                .putInt(RATE * channels * 2).putShort((short) (channels * 2)).putShort((short) 16);
        out.put("data".getBytes()).putInt(dataBytes);
        for (int i = 0; i < samples; i++) {
            short value = (short) (Math.sin(2 * Math.PI * 440 * i / RATE) * 8000);
            for (int c = 0; c < channels; c++) {
                out.putShort(value);
            }
        }
        return out.array();
    }

    /** MPEG-1 Layer III, 128 kbit/s, 44.1 kHz, mono: 417-byte frames of 1,152 samples each. */
    static byte[] mp3(int seconds) {
        int frames = (int) Math.ceil(seconds * 44100.0 / 1152);
        ByteArrayOutputStream out = new ByteArrayOutputStream(frames * 417);
        byte[] frame = new byte[417];
        // Sync, MPEG-1, Layer III, no CRC; 128 kbit/s, 44.1 kHz, no padding; mono. Zeroed side
        // information and main data decode as silence.
        frame[0] = (byte) 0xFF;
        frame[1] = (byte) 0xFB;
        frame[2] = (byte) 0x90;
        frame[3] = (byte) 0xC4;
        for (int i = 0; i < frames; i++) {
            out.writeBytes(frame);
        }
        return out.toByteArray();
    }
}
