package dev.switchboard.shared.webhook;

import dev.switchboard.shared.twilio.Sids;

import java.net.URI;
import java.util.Map;

/**
 * Lets through only webhooks signed by the Twilio account they name. The AccountSid
 * parameter is not secret, so trusting it to pick the token is safe: a wrong or forged one
 * simply fails validation.
 */
public final class WebhookGuard {
    private final SigningAccounts accounts;

    public WebhookGuard(SigningAccounts accounts) {
        this.accounts = accounts;
    }

    public VerifiedWebhook verify(WebhookRequest request) {
        if (request.header(WebhookRequest.SIGNATURE_HEADER).isEmpty()) {
            throw WebhookRejected.forbidden("Missing X-Twilio-Signature header");
        }
        String accountSid = request.isJson()
                ? accountFromQuery(request.url())
                : request.params().get("AccountSid");
        if (accountSid == null || accountSid.isEmpty()) {
            throw WebhookRejected.badRequest("Missing required parameter AccountSid");
        }
        if (!Sids.isAccountSid(accountSid)) {
            throw WebhookRejected.badRequest("AccountSid is not a Twilio Account SID");
        }
        // One answer whether or not the account is connected, so that an unsigned request cannot
        // learn which AccountSids use Switchboard; the log says which it was.
        String mismatch = "X-Twilio-Signature does not match " + request.url() + " signed with the auth token of "
                + accountSid;
        var credentials = accounts.find(accountSid).orElseThrow(
                () -> WebhookRejected.forbidden(mismatch, "unknown Twilio account: no tenant has connected it"));
        if (!TwilioSignature.isValid(credentials.authToken(), request)) {
            throw WebhookRejected.forbidden(mismatch, "the account is connected; its token did not sign this");
        }
        int q = request.url().indexOf('?');
        return new VerifiedWebhook(credentials.tenantId(), accountSid, request.params(), URI.create(request.baseUrl()),
                q < 0 ? Map.of() : FormBody.parse(request.url().substring(q + 1)));
    }

    private static String accountFromQuery(String url) {
        int q = url.indexOf('?');
        if (q < 0) {
            return null;
        }
        return FormBody.parse(url.substring(q + 1)).get("AccountSid");
    }
}
