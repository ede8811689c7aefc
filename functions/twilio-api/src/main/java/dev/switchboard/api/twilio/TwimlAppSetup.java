package dev.switchboard.api.twilio;

import com.twilio.http.HttpMethod;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Application;
import dev.switchboard.shared.twilio.rest.Drift;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The tenant's TwiML App, which browser calls (Voice SDK) dial through. It is found again by its
 * friendly name, so that connecting twice, or after a lost response, never makes a second one.
 */
final class TwimlAppSetup {
    static final String OUTBOUND_PATH = dev.switchboard.shared.config.WebhookPaths.OUTBOUND;
    static final String STATUS_PATH = dev.switchboard.shared.config.WebhookPaths.STATUS;

    private TwimlAppSetup() {
    }

    static String friendlyName(String tenantId) {
        return "Switchboard " + tenantId;
    }

    static Optional<Application> find(TwilioRestClient client, String accountSid, String tenantId) {
        for (Application app : Application.reader(accountSid).setFriendlyName(friendlyName(tenantId)).read(client)) {
            return Optional.of(app);
        }
        return Optional.empty();
    }

    static List<Drift> drift(Optional<Application> app, String baseUrl) {
        if (app.isEmpty()) {
            return List.of(new Drift("twimlApp", null, "exists", "true", "false"));
        }
        Application a = app.get();
        List<Drift> drift = new ArrayList<>();
        compare(drift, a, "voiceUrl", baseUrl + OUTBOUND_PATH, text(a.getVoiceUrl()));
        compare(drift, a, "voiceMethod", "POST", text(a.getVoiceMethod()));
        compare(drift, a, "statusCallback", baseUrl + STATUS_PATH, text(a.getStatusCallback()));
        compare(drift, a, "statusCallbackMethod", "POST", text(a.getStatusCallbackMethod()));
        return drift;
    }

    /** Creates the app or corrects its drift; returns it with what was changed. */
    static Application ensure(TwilioRestClient client, String accountSid, String tenantId, String baseUrl,
                              List<Drift> changed) {
        Optional<Application> existing = find(client, accountSid, tenantId);
        List<Drift> drift = drift(existing, baseUrl);
        changed.addAll(drift);
        if (existing.isEmpty()) {
            return Application.creator(accountSid)
                    .setFriendlyName(friendlyName(tenantId))
                    .setVoiceUrl(baseUrl + OUTBOUND_PATH).setVoiceMethod(HttpMethod.POST)
                    .setStatusCallback(baseUrl + STATUS_PATH).setStatusCallbackMethod(HttpMethod.POST)
                    .create(client);
        }
        if (drift.isEmpty()) {
            return existing.get();
        }
        return Application.updater(accountSid, existing.get().getSid())
                .setVoiceUrl(baseUrl + OUTBOUND_PATH).setVoiceMethod(HttpMethod.POST)
                .setStatusCallback(baseUrl + STATUS_PATH).setStatusCallbackMethod(HttpMethod.POST)
                .update(client);
    }

    private static void compare(List<Drift> drift, Application app, String field, String expected, String actual) {
        if (!Objects.equals(expected, actual)) {
            drift.add(new Drift("twimlApp", app.getSid(), field, expected, actual));
        }
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
