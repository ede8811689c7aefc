package dev.switchboard.media;

import java.io.IOException;
import java.util.Locale;

/**
 * Why a copy from Twilio does not count: always the source's doing (its URL, its answer, its
 * body), never S3's or DynamoDB's, which fail as they fail and are retried until the dead-letter
 * queue. The message says what was wrong in words a tenant can act on, with no credentials and
 * no signed URL in it.
 */
public final class CopyFault extends IOException {

    /** The reason codes of {@code recording.copy-failed} and {@code message.media-copy-failed}. */
    public enum Reason {
        /** Twilio answered with no bytes, or announced none. */
        EMPTY(false),
        /** The body ended before, or differed from, the byte count Twilio announced. */
        WRONG_LENGTH(false),
        /** Fewer bytes than a recording of its duration and format can have. */
        TOO_SMALL(false),
        /** More bytes than the recording's duration and format allow, or than a message's media may have. */
        TOO_LARGE(false),
        /** The body did not arrive within its time to read. */
        TOO_SLOW(false),
        /** Twilio answered 404 on every try. */
        NOT_FOUND(false),
        /** Twilio answered another error status. */
        TWILIO_ERROR(false),
        /** The connection failed or broke. */
        DOWNLOAD_FAILED(false),
        /** The URL is malformed, not on Twilio's API host, or redirected where media never comes from. */
        URL_REFUSED(true),
        /** The account the media belongs to is no longer connected: there are no credentials to fetch it. */
        ACCOUNT_DISCONNECTED(true);

        private final boolean permanent;

        Reason(boolean permanent) {
            this.permanent = permanent;
        }

        /** Trying again cannot help: reported at once, not retried. */
        public boolean permanent() {
            return permanent;
        }

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Reason reason;

    public CopyFault(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public CopyFault(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
