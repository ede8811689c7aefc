package dev.switchboard.media;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ranges a copy must fall in, as README (Recordings and voicemail) states them. */
class CopyLimitsTest {

    @Test
    void aFiveMinuteMp3HasBetween598000And2473536Bytes() {
        CopyLimits limits = CopyLimits.recording("mp3", 300, 1);
        assertEquals(598_000, limits.minBytes());
        assertEquals(2_473_536, limits.maxBytes());
        // 10 s to start, a second a MiB: about 12 s to read the most it may be.
        assertEquals(Duration.ofMillis(10_000 + 2_473_536L * 1000 / (1024 * 1024)), limits.timeToRead());
    }

    @Test
    void whatTwilioServesFitsWithRoomToSpare() {
        for (int seconds : new int[] {1, 5, 60, 3_600, 14_400}) {
            long mp3 = 4_000L * seconds;
            CopyLimits oneChannel = CopyLimits.recording("mp3", seconds, 1);
            assertTrue(oneChannel.minBytes() <= mp3 && mp3 <= oneChannel.maxBytes(), seconds + " s of mp3");
            long stereoWav = 44 + 32_000L * seconds;
            CopyLimits twoChannels = CopyLimits.recording("wav", seconds, 2);
            assertTrue(twoChannels.minBytes() <= stereoWav && stereoWav <= twoChannels.maxBytes(), seconds + " s of wav");
            // A two-channel recording may be served mixed to one channel.
            long monoWav = 44 + 16_000L * seconds;
            assertTrue(twoChannels.minBytes() <= monoWav, seconds + " s of wav in one channel");
            assertTrue(twoChannels.timeToRead().compareTo(CopyLimits.LONGEST) <= 0);
        }
    }

    @Test
    void withoutADurationAnythingButNothingUpToTheLongestCall() {
        CopyLimits limits = CopyLimits.recording("wav", null, null);
        assertEquals(1, limits.minBytes());
        assertTrue(limits.maxBytes() > 44 + 32_000L * 86_400);
        assertEquals(CopyLimits.LONGEST, limits.timeToRead());
    }

    @Test
    void aMessagesMediaShareFiveMebibytesAndFifteenSeconds() throws Exception {
        CopyLimits limits = CopyLimits.messageMedia();
        assertEquals(5 * 1024 * 1024, limits.maxBytes());
        assertEquals(Duration.ofSeconds(15), limits.timeToRead());
        CopyBudget budget = limits.start();
        budget.checkAnnounced(3 * 1024 * 1024);
        budget.spend(3 * 1024 * 1024);
        var fault = assertThrows(CopyFault.class, () -> budget.checkAnnounced(3 * 1024 * 1024),
                "a second item that does not fit what is left");
        assertEquals(CopyFault.Reason.TOO_LARGE, fault.reason());
    }

    @Test
    void aCopyIsNeitherEmptyNorOtherThanAnnounced() {
        CopyBudget budget = CopyLimits.recording("mp3", 5, 1).start();
        assertEquals(CopyFault.Reason.EMPTY, assertThrows(CopyFault.class, () -> budget.checkAnnounced(0)).reason());
        assertEquals(CopyFault.Reason.EMPTY, assertThrows(CopyFault.class, () -> budget.checkCopied(0, -1)).reason());
        assertEquals(CopyFault.Reason.WRONG_LENGTH,
                assertThrows(CopyFault.class, () -> budget.checkCopied(20_000, 20_160)).reason());
        assertEquals(CopyFault.Reason.TOO_SMALL,
                assertThrows(CopyFault.class, () -> budget.checkCopied(500, -1)).reason());
    }
}
