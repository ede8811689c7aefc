package dev.switchboard.api.messages;

import dev.switchboard.shared.api.ApiError;
import dev.switchboard.shared.api.ApiRequest;
import dev.switchboard.shared.api.ApiResponse;
import dev.switchboard.shared.api.ApiRoutes;
import dev.switchboard.shared.api.CursorSeal;
import dev.switchboard.shared.api.PageSize;
import dev.switchboard.shared.api.Idempotency;
import dev.switchboard.shared.api.JsonObject;
import dev.switchboard.shared.tenancy.TenantAccess;
import dev.switchboard.shared.log.Log;
import dev.switchboard.shared.media.MediaLinks;
import dev.switchboard.shared.messaging.Message;
import dev.switchboard.shared.messaging.MessageEvents;
import dev.switchboard.shared.twilio.rest.MessageSending;
import dev.switchboard.shared.twilio.MessageStatus;
import dev.switchboard.shared.messaging.MessageIds;
import dev.switchboard.shared.messaging.Messages;
import dev.switchboard.shared.messaging.OptOuts;
import dev.switchboard.shared.messaging.ScheduledMessages;
import dev.switchboard.shared.messaging.Conversations;
import dev.switchboard.shared.tenancy.PhoneNumber;
import dev.switchboard.shared.tenancy.Tenants;
import dev.switchboard.shared.tenancy.Numbers;
import dev.switchboard.shared.tenancy.Tenant;
import dev.switchboard.shared.twilio.rest.TwilioAccess;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Sending, scheduling and canceling messages, and reading conversations. A message goes out with
 * its owning account's credentials and Switchboard's status callback; one to a party who has
 * opted out of the tenant's messages ({@link OptOuts}) is refused before Twilio is asked.
 */
public final class MessagesApi {
    private static final Log LOG = Log.of(MessagesApi.class);
    /** Twilio's limits on a message: 1,600 characters of body, ten media URLs. */
    static final int MAX_BODY = 1600;
    static final int MAX_MEDIA = 10;
    static final int MAX_URL = 2048;
    /** Sooner than a minute is "now"; Twilio's own scheduling stops at 35 days, and so does ours. */
    static final Duration MIN_SCHEDULE = Duration.ofMinutes(1);
    static final Duration MAX_SCHEDULE = Duration.ofDays(35);
    private static final Pattern SERVICE_SID = Pattern.compile("MG[0-9a-f]{32}");
    private static final Set<String> FIELDS = Set.of("from", "messagingServiceSid", "to", "body", "mediaUrls",
            "sendAt", "contactId");

    private final Messages messages;
    private final ScheduledMessages scheduled;
    private final Conversations conversations;
    private final OptOuts optOuts;
    private final Tenants tenants;
    private final Numbers numbers;
    private final TwilioAccess twilio;
    private final TenantAccess access;
    private final CursorSeal cursors;
    private final Idempotency idempotency;
    private final Supplier<MediaLinks> media;
    private final Clock clock;

    public MessagesApi(Messages messages, ScheduledMessages scheduled, Conversations conversations, OptOuts optOuts,
                       Tenants tenants, Numbers numbers, TwilioAccess twilio,
                       CursorSeal cursors, Idempotency idempotency, Supplier<MediaLinks> media, Clock clock) {
        this.messages = messages;
        this.scheduled = scheduled;
        this.conversations = conversations;
        this.optOuts = optOuts;
        this.tenants = tenants;
        this.numbers = numbers;
        this.twilio = twilio;
        this.access = new TenantAccess(tenants);
        this.cursors = cursors;
        this.idempotency = idempotency;
        this.media = media;
        this.clock = clock;
    }

    public ApiRoutes routes() {
        return new ApiRoutes()
                .on("POST /v1/tenants/{tenantId}/messages", this::send)
                .on("GET /v1/tenants/{tenantId}/messages/{messageId}", this::get)
                .on("DELETE /v1/tenants/{tenantId}/messages/{messageId}", this::cancel)
                .on("GET /v1/tenants/{tenantId}/conversations", this::conversations)
                .on("GET /v1/tenants/{tenantId}/conversations/{conversationId}/messages", this::conversationMessages)
                .action("POST /v1/tenants/{tenantId}/conversations/{conversationId}/read", this::read);
    }

    /** A retry with the same Idempotency-Key gets the first answer; the message is not sent twice. */
    ApiResponse send(ApiRequest request) {
        String tenantId = access.tenant(request);
        return idempotency.run(tenantId, request, () -> prepare(tenantId, request));
    }

    /** Checks the request and all it names; a request refused here asks Twilio nothing and writes nothing. */
    private Idempotency.Action prepare(String tenantId, ApiRequest request) {
        JsonObject json = request.json().only(FIELDS);
        String to = json.e164("to").orElseThrow(() -> ApiError.badField("to", "to is required"));
        Optional<String> from = json.e164("from");
        Optional<String> service = json.string("messagingServiceSid", 64);
        if (service.isPresent() && !SERVICE_SID.matcher(service.get()).matches()) {
            throw ApiError.unprocessable("messagingServiceSid", "messagingServiceSid must be MG and 32 hex digits");
        }
        if (from.isPresent() == service.isPresent()) {
            throw ApiError.unprocessable("from", "give from (one of this tenant's numbers) or messagingServiceSid, one of them");
        }
        // Counted as Twilio counts it, in UTF-16 units (an emoji is two).
        String body = json.string("body", MAX_BODY).orElse(null);
        List<String> mediaUrls = json.strings("mediaUrls", MAX_MEDIA, MAX_URL).orElse(List.of());
        for (int i = 0; i < mediaUrls.size(); i++) {
            if (!isPublicHttps(mediaUrls.get(i))) {
                throw ApiError.unprocessable("mediaUrls[" + i + "]", "mediaUrls[" + i
                        + "] must be an https URL Twilio can fetch");
            }
        }
        if ((body == null || body.isBlank()) && mediaUrls.isEmpty()) {
            throw ApiError.unprocessable("body", "give a body, mediaUrls, or both");
        }
        String contactId = json.string("contactId", 200).orElse(null);
        Instant now = clock.instant();
        Instant sendAt = json.string("sendAt", 64).map(value -> sendAt(value, now)).orElse(null);

        String ourSide;
        String accountSid;
        if (from.isPresent()) {
            PhoneNumber number = numbers.get(from.get()).filter(n -> n.tenantId().equals(tenantId))
                    .orElseThrow(() -> ApiError.unprocessable("from", "from must be one of this tenant's numbers"));
            ourSide = number.phoneNumber();
            accountSid = number.accountSid();
        } else {
            ourSide = service.get();
            // A Messaging Service belongs to an account: the one the tenant connected.
            accountSid = tenants.get(tenantId).map(Tenant::accountSid).orElseThrow(() -> ApiError.conflict(
                    "Tenant " + tenantId + " has not connected a Twilio account"));
        }
        var connected = twilio.of(tenantId, accountSid).orElseThrow(() -> ApiError.conflict(
                "The Twilio account that sends from " + ourSide + " is not connected"));
        optOuts.barring(tenantId, to).ifPresent(out -> {
            throw ApiError.optedOut(OptOuts.refusal(out));
        });
        String conversationId = MessageIds.conversationId(tenantId, ourSide, to);
        List<Message.MediaItem> items = new ArrayList<>();
        for (int i = 0; i < mediaUrls.size(); i++) {
            items.add(Message.MediaItem.atTwilio(i, mediaUrls.get(i), null));
        }
        Message message = Message.outbound(MessageIds.newId(), tenantId, accountSid, conversationId, ourSide, to,
                from.orElse(null), body, items, contactId, now, sendAt);
        String baseUrl = request.baseUrl();
        return () -> {
            if (sendAt != null) {
                scheduled.schedule(message);
                LOG.info("message scheduled", "tenantId", tenantId, "messageId", message.id(), "sendAt", sendAt);
                return ApiResponse.created(Views.message(message, key -> null, null));
            }
            // Written before Twilio is asked: its status callbacks name it and may beat Twilio's answer.
            messages.outgoing(message);
            var outcome = MessageSending.send(connected.client(), message, service.orElse(null), baseUrl);
            if (!(outcome instanceof MessageSending.Accepted || outcome instanceof MessageSending.Unknown)) {
                messages.discard(message);
            }
            return switch (outcome) {
                case MessageSending.Accepted accepted -> {
                    Message sent = message.withSid(accepted.messageSid(), accepted.from()).withStatus(MessageStatus.QUEUED);
                    messages.accepted(sent);
                    LOG.info("message sent", "tenantId", tenantId, "messageId", sent.id(), "messageSid",
                            sent.messageSid());
                    yield ApiResponse.created(Views.message(sent, key -> null, null));
                }
                case MessageSending.Refused refused when refused.optedOut() -> {
                    // Twilio knows better than we did: the party is out, and stays out until START.
                    optOuts.refusedByTwilio(tenantId, ourSide, to, now);
                    throw ApiError.optedOut(OptOuts.refusal(
                            new OptOuts.OptOut(tenantId, to, true, ourSide, now)));
                }
                case MessageSending.Refused refused when refused.httpStatus() == 401 || refused.httpStatus() == 403 ->
                        throw ApiError.conflict("Twilio refused this account's stored credentials: reconnect it "
                                + "(PUT /v1/tenants/{tenantId}/twilio)");
                case MessageSending.Refused refused -> throw ApiError.twilioRefused(refused.code(), refused.message());
                case MessageSending.Unavailable unavailable -> {
                    LOG.warn("twilio did not take the message", "messageId", message.id(), "reason",
                            unavailable.reason());
                    throw ApiError.upstream("Twilio did not take the message; retrying is safe");
                }
                case MessageSending.Unknown unknown -> {
                    // Kept, queued without a SID: if Twilio took it, its status callbacks fill it in.
                    LOG.warn("twilio did not answer", "messageId", message.id(), "reason", unknown.reason());
                    throw ApiError.upstream("Twilio did not answer; the message may have been sent. Message "
                            + message.id() + " shows what Twilio reports of it");
                }
            };
        };
    }

    private static Instant sendAt(String value, Instant now) {
        Instant at;
        try {
            at = OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiError.unprocessable("sendAt", "sendAt must be an ISO-8601 time with its offset, e.g. "
                    + "2026-12-24T09:00:00Z");
        }
        if (at.isBefore(now.plus(MIN_SCHEDULE)) || at.isAfter(now.plus(MAX_SCHEDULE))) {
            throw ApiError.unprocessable("sendAt", "sendAt must be between 1 minute and 35 days from now");
        }
        return at;
    }

    /** An https URL with a host and no credentials in it: what Twilio can fetch and we may pass on. */
    private static boolean isPublicHttps(String value) {
        try {
            URI uri = new URI(value);
            return "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null && uri.getRawUserInfo() == null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    ApiResponse get(ApiRequest request) {
        String tenantId = access.tenant(request);
        Message m = find(tenantId, request.path("messageId"));
        return ApiResponse.ok(Views.message(m, key -> media.get().playback(key), messages.timeline(tenantId, m.id())));
    }

    /** Cancels a scheduled message; one canceled already is answered as it is, one sent is a 409. */
    ApiResponse cancel(ApiRequest request) {
        String tenantId = access.tenant(request);
        Message m = find(tenantId, request.path("messageId"));
        if (m.status() == MessageStatus.SCHEDULED) {
            Instant now = clock.instant();
            m = messages.cancel(tenantId, m.id(), now, MessageEvents.statusChanged(m.withStatus(MessageStatus.CANCELED),
                    now)).orElse(m);
        }
        if (m.status() != MessageStatus.CANCELED) {
            throw ApiError.conflict("Message " + m.id() + " is " + m.status().wire()
                    + ": only a scheduled message can be canceled");
        }
        LOG.info("message canceled", "tenantId", tenantId, "messageId", m.id());
        return ApiResponse.ok(Views.message(m, key -> null, null));
    }

    ApiResponse conversations(ApiRequest request) {
        String tenantId = access.tenant(request);
        String scope = CursorSeal.scope("conversations", tenantId);
        var page = conversations.list(tenantId, cursors.open(request.query("cursor").orElse(null), scope,
                "cursor"), PageSize.of(request));
        return ApiResponse.ok(new Views.ConversationsPage(page.items().stream().map(Views.ConversationView::of)
                .toList(), cursors.seal(page.nextCursor(), scope)));
    }

    ApiResponse conversationMessages(ApiRequest request) {
        String tenantId = access.tenant(request);
        String conversationId = request.path("conversationId");
        conversation(tenantId, conversationId);
        String scope = CursorSeal.scope("conversation-messages", tenantId, conversationId);
        var page = messages.list(tenantId, conversationId, cursors.open(request.query("cursor").orElse(null),
                scope, "cursor"), PageSize.of(request));
        return ApiResponse.ok(new Views.MessagesPage(page.items().stream()
                .map(m -> Views.message(m, key -> null, null)).toList(), cursors.seal(page.nextCursor(), scope)));
    }

    ApiResponse read(ApiRequest request) {
        String tenantId = access.tenant(request);
        String conversationId = request.path("conversationId");
        if (!conversations.markRead(tenantId, conversationId, clock.instant())) {
            throw ApiError.notFound("Conversation " + conversationId);
        }
        return ApiResponse.ok(Views.ConversationView.of(conversation(tenantId, conversationId)));
    }

    private dev.switchboard.shared.messaging.Conversation conversation(String tenantId, String conversationId) {
        return conversations.get(tenantId, conversationId)
                .orElseThrow(() -> ApiError.notFound("Conversation " + conversationId));
    }

    private Message find(String tenantId, String messageId) {
        return messages.get(tenantId, messageId).orElseThrow(() -> ApiError.notFound("Message " + messageId));
    }
}
