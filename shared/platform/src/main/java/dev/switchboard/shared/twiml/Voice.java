package dev.switchboard.shared.twiml;

import java.util.List;

/** The voice verbs and nouns Switchboard answers with, as {@link Twiml} elements. */
public final class Voice {
    /** Every recording status callback Switchboard asks for. */
    public static final String RECORDING_EVENTS = String.join(" ", List.of("in-progress", "completed", "absent"));

    private Voice() {
    }

    public static Twiml say(String text) {
        return Twiml.element("Say").text(text);
    }

    public static Twiml hangup() {
        return Twiml.element("Hangup");
    }

    /** A {@code <Dial>}; add its number or client. */
    public static Twiml dial() {
        return Twiml.element("Dial");
    }

    public static Twiml number(String phoneNumber) {
        return Twiml.element("Number").text(phoneNumber);
    }

    public static Twiml client(String identity) {
        return Twiml.element("Client").text(identity);
    }

    /** A {@code <Gather>}; nest its prompt in it. */
    public static Twiml gather() {
        return Twiml.element("Gather");
    }

    public static Twiml record() {
        return Twiml.element("Record");
    }

    public static Twiml connect(Twiml noun) {
        return Twiml.element("Connect").add(noun);
    }

    public static Twiml stream(String url) {
        return Twiml.element("Stream").attribute("url", url);
    }

    public static Twiml parameter(String name, String value) {
        return Twiml.element("Parameter").attribute("name", name).attribute("value", value);
    }
}
