package dev.switchboard.shared.webhook;

/**
 * A webhook we refuse: 400 for a request we cannot read, 403 for one we cannot trust. The
 * reason goes back to the caller and into the log, so it must never quote a secret; a detail
 * the caller must not learn (say, whether an account is connected) goes to the log only.
 */
public final class WebhookRejected extends RuntimeException {
    private final int status;
    private final String logDetail;

    private WebhookRejected(int status, String reason, String logDetail) {
        super(reason, null, false, false);
        this.status = status;
        this.logDetail = logDetail;
    }

    private WebhookRejected(int status, String reason) {
        this(status, reason, null);
    }

    /** A 403 whose log line says more than its answer. */
    public static WebhookRejected forbidden(String reason, String logDetail) {
        return new WebhookRejected(403, reason, logDetail);
    }

    /** What the log should say beyond the reason, or null. */
    public String logDetail() {
        return logDetail;
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
