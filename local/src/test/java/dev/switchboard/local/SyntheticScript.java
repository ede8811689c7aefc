package dev.switchboard.local;

import dev.switchboard.shared.twiml.TwimlDocument;

import java.time.Instant;
import java.util.Map;

/**
 * One call or message of the synthetic history as the requests that play it, and where it stands
 * while they are played: the TwiML Switchboard answered last (whose actions the next requests
 * follow), and the message Switchboard made when the app sent one.
 */
final class SyntheticScript {
    final SyntheticTenant tenant;
    final String label;
    TwimlDocument twiml;
    String messageId;
    String messageSid;

    SyntheticScript(SyntheticTenant tenant, String label) {
        this.tenant = tenant;
        this.label = label;
    }

    /** What a request does. */
    sealed interface Step {
        /** Whether Switchboard's answer is the TwiML the call goes on with. */
        default boolean leads() {
            return false;
        }
    }

    /** A webhook to a path Twilio knows from the number's or app's configuration. */
    record Post(String path, Map<String, String> params, boolean leads) implements Step {
    }

    /** A webhook to the action of a verb of the last TwiML (a Gather, a Dial, a Record). */
    record Follow(String verb, Map<String, String> params) implements Step {
        @Override
        public boolean leads() {
            return true;
        }
    }

    /** The app sends a message through the messages API. */
    record Send(Map<String, Object> body) implements Step {
    }

    /** A status callback of the message the app sent; its SID filled in when played. */
    record MessageStatus(Map<String, String> params) implements Step {
    }

    /** A request as Twilio delivers it again, later: the same URL and parameters as the first time. */
    record Again(Hit first) implements Step {
    }

    /** A request in the script's own order, at the moment Twilio (or the app) makes it. */
    record Move(Instant at, Step step) {
        /** It follows an action of the TwiML before it, so no shuffle moves it ahead of that. */
        boolean chained() {
            return step instanceof Follow;
        }
    }

    /**
     * One request at the moment it arrives.
     *
     * @param twice delivered twice at the same moment, at once
     * @param timed what it records is counted at the moment it arrives (a call's start, a message's
     *              arrival or first status), so the functions' clock must read that moment; the
     *              others record only what the metrics take from Twilio's parameters
     */
    record Hit(Instant at, SyntheticScript script, Step step, boolean twice, boolean timed) {
    }
}
