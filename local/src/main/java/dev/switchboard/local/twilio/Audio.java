package dev.switchboard.local.twilio;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Recordings the simulator serves: real audio files a player or a media pipeline accepts, as large
 * as Twilio's for their length. WAV is a 440 Hz tone (8 kHz, 16-bit mono or stereo, as Twilio
 * records); MP3 is silence in valid 32 kbit/s frames, which every decoder plays for the given length.
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

    /**
     * As Twilio serves MP3: 32 kbit/s (4,000 bytes a second), mono. MPEG-2.5 Layer III at 8 kHz:
     * 288-byte frames of 576 samples each.
     */
    static byte[] mp3(int seconds) {
        int frames = (int) Math.ceil(seconds * 8000.0 / 576);
        ByteArrayOutputStream out = new ByteArrayOutputStream(frames * 288);
        byte[] frame = new byte[288];
        // Sync, MPEG-2.5, Layer III, no CRC; 32 kbit/s, 8 kHz, no padding; mono. Zeroed side
        // information and main data decode as silence.
        frame[0] = (byte) 0xFF;
        frame[1] = (byte) 0xE3;
        frame[2] = (byte) 0x48;
        frame[3] = (byte) 0xC4;
        for (int i = 0; i < frames; i++) {
            out.writeBytes(frame);
        }
        return out.toByteArray();
    }
}
