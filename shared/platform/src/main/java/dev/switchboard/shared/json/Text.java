package dev.switchboard.shared.json;

/**
 * Text we can store and pass on. SQS, XML (TwiML) and most consumers take only the characters of
 * XML 1.0: no control characters but tab, newline and carriage return, no unpaired surrogates, no
 * U+FFFE or U+FFFF. A value with any other would be stored, then fail to leave as an event: it is
 * refused where it comes in.
 */
public final class Text {
    private Text() {
    }

    /**
     * The bytes as UTF-8, or empty when they are not: a lenient decoder would turn each bad byte
     * into U+FFFD and store what the client never sent.
     */
    public static java.util.Optional<String> utf8(byte[] bytes) {
        try {
            return java.util.Optional.of(java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString());
        } catch (java.nio.charset.CharacterCodingException e) {
            return java.util.Optional.empty();
        }
    }

    public static boolean isClean(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return false;
            }
            if (Character.isLowSurrogate(c) || c == '\uFFFE' || c == '\uFFFF'
                    || c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                return false;
            }
        }
        return true;
    }
}
