package dev.switchboard.api.numbers;

import java.util.List;

/** Numbers as Twilio lists them: those of the tenant's account, and those it could buy. */
final class TwilioNumbers {
    private TwilioNumbers() {
    }

    /** A list of them (all there are: Twilio's own paging is followed). */
    record Items<T>(List<T> items) {
    }

    /** A number of the tenant's Twilio account, and whether Switchboard has it imported. */
    record Incoming(String sid, String phoneNumber, String friendlyName, String voiceUrl, boolean imported) {
    }

    /** A number the account could buy. */
    record Available(String phoneNumber, String friendlyName, String locality, String region, String isoCountry) {
    }
}
