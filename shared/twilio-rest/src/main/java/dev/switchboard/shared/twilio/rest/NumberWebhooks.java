package dev.switchboard.shared.twilio.rest;

import com.twilio.http.HttpMethod;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import dev.switchboard.shared.config.WebhookPaths;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The webhooks a number must have at Twilio for Switchboard to answer it: voice to the inbound
 * webhook, call status to the status webhook, messages to the inbound messaging webhook, all POST.
 * A number in a Messaging Service whose own inbound setting overrides the number's SmsUrl is the
 * service's business: Switchboard sets and checks the number.
 */
public final class NumberWebhooks {
    public static final String VOICE_PATH = WebhookPaths.INBOUND;
    public static final String STATUS_PATH = WebhookPaths.STATUS;
    public static final String SMS_PATH = WebhookPaths.MESSAGING_INBOUND;

    private NumberWebhooks() {
    }

    /** The number in this account, or empty when the account does not have it. */
    public static Optional<IncomingPhoneNumber> find(TwilioRestClient client, String accountSid, String phoneNumber) {
        for (IncomingPhoneNumber number : IncomingPhoneNumber.reader(accountSid).setPhoneNumber(phoneNumber).read(client)) {
            if (phoneNumber.equals(String.valueOf(number.getPhoneNumber()))) {
                return Optional.of(number);
            }
        }
        return Optional.empty();
    }

    public static List<Drift> drift(IncomingPhoneNumber number, String baseUrl) {
        List<Drift> drift = new ArrayList<>();
        compare(drift, number, "voiceUrl", baseUrl + VOICE_PATH, number.getVoiceUrl());
        compare(drift, number, "voiceMethod", "POST", number.getVoiceMethod());
        compare(drift, number, "statusCallback", baseUrl + STATUS_PATH, number.getStatusCallback());
        compare(drift, number, "smsUrl", baseUrl + SMS_PATH, number.getSmsUrl());
        compare(drift, number, "smsMethod", "POST", number.getSmsMethod());
        return drift;
    }

    public static IncomingPhoneNumber configure(TwilioRestClient client, String accountSid, String numberSid,
                                                String baseUrl) {
        return IncomingPhoneNumber.updater(accountSid, numberSid)
                .setVoiceUrl(baseUrl + VOICE_PATH).setVoiceMethod(HttpMethod.POST)
                .setStatusCallback(baseUrl + STATUS_PATH).setStatusCallbackMethod(HttpMethod.POST)
                .setSmsUrl(baseUrl + SMS_PATH).setSmsMethod(HttpMethod.POST)
                .update(client);
    }

    private static void compare(List<Drift> drift, IncomingPhoneNumber number, String field, String expected,
                                Object actual) {
        String text = actual == null ? null : actual.toString();
        if (!Objects.equals(expected, text)) {
            drift.add(new Drift("number", number.getSid(), field, expected, text));
        }
    }
}
