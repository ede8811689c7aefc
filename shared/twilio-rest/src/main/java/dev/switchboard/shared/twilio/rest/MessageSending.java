package dev.switchboard.shared.twilio.rest;

import dev.switchboard.shared.messaging.Message;
import dev.switchboard.shared.twilio.MessageStatus;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import dev.switchboard.shared.config.WebhookPaths;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Hands one outbound message to Twilio as its account, from a number or through a Messaging
 * Service, with Switchboard's status callback (naming the message, so that a callback that beats
 * the answer still finds it). What came of it is one of four outcomes, because what a caller
 * may do next depends on which.
 */
public final class MessageSending {
    /** Twilio's error for a recipient who has opted out of the sender. */
    public static final int OPTED_OUT = 21610;

    public sealed interface Outcome {
    }

    /** Twilio took it. */
    public record Accepted(String messageSid, MessageStatus status, String from) implements Outcome {
    }

    /** Twilio refused it, and would again: a 4xx with Twilio's code. */
    public record Refused(int httpStatus, Integer code, String message) implements Outcome {
        public boolean optedOut() {
            return code != null && code == OPTED_OUT;
        }
    }

    /** Twilio answered that it did not take it now (throttled, down): sending again is safe. */
    public record Unavailable(String reason) implements Outcome {
    }

    /** No answer: Twilio may or may not have taken it. */
    public record Unknown(String reason) implements Outcome {
    }

    private MessageSending() {
    }

    public static URI statusCallback(String baseUrl, String messageId) {
        return URI.create(baseUrl + WebhookPaths.MESSAGING_STATUS + "?messageId=" + messageId);
    }

    /**
     * The SIDs of the messages Twilio holds that look like {@code m} (its recipient, its sender if it
     * names one, its body) and were created within [{@code from}, {@code until}], oldest first: how
     * a send that got no answer learns whether it went. Twilio's Message echoes nothing that is
     * this message's own (no reference of ours, not even the StatusCallback), so these are
     * candidates only: the caller takes one that no other message holds.
     */
    public static List<String> sentWithin(TwilioRestClient client, Message m, Instant from, Instant until) {
        var reader = com.twilio.rest.api.v2010.account.Message.reader(m.accountSid()).setTo(new PhoneNumber(m.to()));
        if (m.from() != null) {
            reader.setFrom(new PhoneNumber(m.from()));
        }
        reader.limit(100);
        String body = m.body() == null ? "" : m.body();
        List<com.twilio.rest.api.v2010.account.Message> found = new ArrayList<>();
        for (var candidate : reader.read(client)) {
            // Without a creation time it cannot be placed in the window: not taken for this one.
            Instant created = candidate.getDateCreated() == null ? null : candidate.getDateCreated().toInstant();
            if (created != null && !created.isBefore(from) && !created.isAfter(until)
                    && body.equals(candidate.getBody() == null ? "" : candidate.getBody())) {
                found.add(candidate);
            }
        }
        found.sort(Comparator.comparing(c -> c.getDateCreated().toInstant()));
        return found.stream().map(com.twilio.rest.api.v2010.account.Message::getSid).toList();
    }

    public static Outcome send(TwilioRestClient client, Message m, String messagingServiceSid, String baseUrl) {
        PhoneNumber to = new PhoneNumber(m.to());
        List<URI> media = m.media().stream().map(i -> URI.create(i.url())).toList();
        String body = m.body() == null ? "" : m.body();
        MessageCreator creator = messagingServiceSid != null
                ? com.twilio.rest.api.v2010.account.Message.creator(m.accountSid(), to, messagingServiceSid, body)
                : com.twilio.rest.api.v2010.account.Message.creator(m.accountSid(), to, new PhoneNumber(m.from()), body);
        if (!media.isEmpty()) {
            creator.setMediaUrl(media);
        }
        creator.setStatusCallback(statusCallback(baseUrl, m.id()));
        try {
            var created = creator.create(client);
            MessageStatus status = created.getStatus() == null ? MessageStatus.QUEUED
                    : MessageStatus.fromWire(created.getStatus().toString()).orElse(MessageStatus.QUEUED);
            return new Accepted(created.getSid(), status, created.getFrom() == null ? null : created.getFrom().toString());
        } catch (ApiException e) {
            Integer status = e.getStatusCode();
            if (status != null && status >= 400 && status < 500 && status != 408 && status != 429) {
                return new Refused(status, e.getCode(), e.getMessage());
            }
            if (status != null && (status == 429 || status == 503)) {
                // Throttled or down: Twilio says it did not take it now.
                return new Unavailable("Twilio answered " + status + ": " + e.getMessage());
            }
            // A 500, 502, 504 or 408, or a 2xx whose body could not be read (twilio-java then gives
            // no status), may come after Twilio made the message: as with no answer, it may have gone.
            return new Unknown("Twilio answered " + (status == null ? "what could not be read" : status) + ": "
                    + e.getMessage());
        } catch (ApiConnectionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return new Unknown(cause.getClass().getSimpleName() + ": " + cause.getMessage());
        }
    }
}
