package dev.switchboard.shared.webhook;

/**
 * A webhook we refuse: 400 for a request we cannot read, 403 for one we cannot trust. The
 * reason goes back to the caller and into the log, so it must never quote a secret.
 */
public final class WebhookRejected extends RuntimeException {
    private final int status;

    private WebhookRejected(int status, String reason) {
        super(reason, null, false, false);
        this.status = status;
    }

    public static WebhookRejected badRequest(String reason) {
        return new WebhookRejected(400, reason);
    }

    public static WebhookRejected forbidden(String reason) {
        return new WebhookRejected(403, reason);
    }

    public int status() {
        return status;
    }
}
