package dev.switchboard.shared.json;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TextTest {
    @Test
    void everyLanguageAndEmojiIsClean() {
        for (String ok : List.of("", "Acme", "José Müller", "東京", "مرحبا", "\uD83D\uDE00 emoji", "tab\there", "line\nbreak",
                "e\u0301", "\u202Eright-to-left")) {
            assertTrue(Text.isClean(ok), ok);
        }
    }

    @Test
    void whatSqsAndXmlRefuseIsNot() {
        for (String bad : List.of("\u0000", "nul\u0000inside", "\u001B[31m", "\uD800", "lone \uDC00 low", "ends high\uD83D",
                "\uFFFF", "\uFFFE")) {
            assertFalse(Text.isClean(bad), bad.codePoints().mapToObj(Integer::toHexString).toList().toString());
        }
    }
}
