package dev.switchboard.shared.twilio.rest;

import com.twilio.http.TwilioRestClient;

import java.net.URI;

/**
 * One TwilioRestClient per account and call, never twilio-java's global one: every tenant
 * speaks to Twilio as itself.
 */
public final class TwilioClients {
    private final TwilioHttp http;

    public TwilioClients(URI apiBase) {
        this.http = new TwilioHttp(apiBase);
    }

    public TwilioRestClient forAccount(String accountSid, String authToken) {
        return new TwilioRestClient.Builder(accountSid, authToken).accountSid(accountSid).httpClient(http).build();
    }
}
