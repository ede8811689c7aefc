package dev.switchboard.shared.twiml;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A TwiML element and its document, written by hand: the webhooks' answers without twilio-java's
 * builders, which bring Jackson's XML mapper, Woodstox and the JDK's DOM and XSLT (some 850 classes)
 * to every cold start. The document is byte for byte what twilio-java writes (a test holds the two
 * together): the XML declaration, attributes in name order, an empty element closed as {@code <x/>},
 * text escaped as twilio-java escapes it.
 */
public final class Twiml {
    private static final String DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";

    private final String name;
    private final Map<String, String> attributes = new TreeMap<>();
    private final List<Twiml> children = new ArrayList<>();
    private String text;

    private Twiml(String name) {
        this.name = name;
    }

    /** The root of every TwiML document, voice or messaging. */
    public static Twiml response() {
        return new Twiml("Response");
    }

    /** A messaging answer: {@code <Message>} with its body. */
    public static Twiml message(String body) {
        return new Twiml("Message").text(body);
    }

    public static Twiml element(String name) {
        return new Twiml(name);
    }

    /** An attribute; a null value leaves it out, as twilio-java's builders do. */
    public Twiml attribute(String attribute, Object value) {
        if (value != null) {
            attributes.put(attribute, value.toString());
        }
        return this;
    }

    public Twiml text(String value) {
        this.text = value;
        return this;
    }

    public Twiml add(Twiml child) {
        children.add(child);
        return this;
    }

    /** The whole document, declaration first. */
    public String toXml() {
        StringBuilder xml = new StringBuilder(256).append(DECLARATION);
        write(xml);
        return xml.toString();
    }

    private void write(StringBuilder xml) {
        xml.append('<').append(name);
        attributes.forEach((attribute, value) -> {
            xml.append(' ').append(attribute).append("=\"");
            escape(xml, value, true);
            xml.append('"');
        });
        boolean hasText = text != null && !text.isEmpty();
        if (!hasText && children.isEmpty()) {
            xml.append("/>");
            return;
        }
        xml.append('>');
        if (hasText) {
            escape(xml, text, false);
        }
        children.forEach(child -> child.write(xml));
        xml.append("</").append(name).append('>');
    }

    /**
     * As twilio-java writes text: &amp;, &lt; and &gt; always; in attributes also &quot; and the
     * whitespace that attribute normalisation would eat (tab, newline); a carriage return and any
     * character beyond the Basic Multilingual Plane as a numeric reference. A character XML cannot
     * hold is refused, as twilio-java refuses it: Switchboard checks text where it comes in.
     */
    private static void escape(StringBuilder xml, String value, boolean attribute) {
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            i += Character.charCount(c);
            switch (c) {
                case '&' -> xml.append("&amp;");
                case '<' -> xml.append("&lt;");
                case '>' -> xml.append("&gt;");
                case '"' -> xml.append(attribute ? "&quot;" : "\"");
                case '\r' -> xml.append("&#13;");
                case '\t', '\n' -> {
                    if (attribute) {
                        xml.append("&#").append(c).append(';');
                    } else {
                        xml.append((char) c);
                    }
                }
                default -> {
                    if (c < 0x20 || c == 0xFFFE || c == 0xFFFF || (c >= 0xD800 && c <= 0xDFFF)) {
                        throw new IllegalArgumentException("TwiML cannot hold the character U+"
                                + Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT));
                    }
                    if (c > 0xFFFF) {
                        xml.append("&#").append(c).append(';');
                    } else {
                        xml.append((char) c);
                    }
                }
            }
        }
    }
}
