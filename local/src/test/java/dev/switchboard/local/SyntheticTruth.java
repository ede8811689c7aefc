package dev.switchboard.local;

import java.time.Instant;
import java.util.List;

/**
 * What happened in the synthetic history, decided before any of it is played: the calls, messages
 * and opt-outs as they really went. The oracle counts from this alone, never from what Switchboard
 * stored.
 */
record SyntheticTruth(List<Call> calls, List<Message> messages, List<OptOut> optOuts) {

    /**
     * A call as it went.
     *
     * @param number     the tenant's number on it: the one called, or the one a browser call goes out on
     * @param agentId    the number's agent (the caller, for a browser call); null for none
     * @param startedAt  when its first webhook came (Switchboard's call.started)
     * @param answeredAt when an agent answered (the dialed leg's Timestamp); null when nobody did
     * @param endedAt    the final status's Timestamp; null when Twilio never reported the end
     * @param missed     Switchboard reports it missed (docs/events.md, call.missed)
     * @param voicemail  the caller left a voicemail
     * @param afterHours the flow's schedule was not open when it came
     * @param options    the menus the caller left, each {@code <flow>|<menu>|<option>}
     */
    record Call(String tenant, String callSid, String kind, String direction, String number, String agentId,
                boolean flow, Instant startedAt, Instant answeredAt, Instant endedAt, Integer durationSeconds,
                boolean missed, boolean voicemail, boolean afterHours, List<String> options) {

        boolean inbound() {
            return direction.equals("inbound");
        }

        boolean answered() {
            return answeredAt != null;
        }

        boolean ended() {
            return endedAt != null;
        }
    }

    /**
     * A message as it went.
     *
     * @param at        when it was received, or when Twilio first reported a sent one (null: never reported)
     * @param status    a sent message's furthest status (null for a received one, or one never reported)
     * @param errorCode Twilio's error code, when it gave one
     */
    record Message(String tenant, String kind, String direction, String number, Instant at, String status,
                   String errorCode) {

        boolean inbound() {
            return direction.equals("inbound");
        }
    }

    /** A party who texted STOP to one of the tenant's numbers. */
    record OptOut(String tenant, String number, Instant at) {
    }
}
