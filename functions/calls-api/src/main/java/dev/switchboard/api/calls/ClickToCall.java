package dev.switchboard.api.calls;

import com.twilio.http.HttpMethod;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Dial;
import com.twilio.twiml.voice.Number;
import com.twilio.twiml.voice.Say;
import com.twilio.type.Client;
import com.twilio.type.Endpoint;

import com.twilio.type.Twiml;
import dev.switchboard.shared.calls.CallDirection;
import dev.switchboard.shared.api.ApiError;
import dev.switchboard.shared.api.ApiRequest;
import dev.switchboard.shared.api.ApiResponse;
import dev.switchboard.shared.api.Idempotency;
import dev.switchboard.shared.api.JsonObject;
import dev.switchboard.shared.twilio.CallStatus;
import dev.switchboard.shared.calls.Calls;
import dev.switchboard.shared.log.Log;
import dev.switchboard.shared.tenancy.Agent;
import dev.switchboard.shared.tenancy.CallerIds;
import dev.switchboard.shared.tenancy.PhoneNumber;
import dev.switchboard.shared.tenancy.Tenants;
import dev.switchboard.shared.tenancy.Agents;
import dev.switchboard.shared.tenancy.Numbers;
import dev.switchboard.shared.twilio.rest.TwilioAccess;
import dev.switchboard.shared.config.WebhookPaths;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Click-to-call. With an agent, Twilio rings the agent first (their phone, else their browser)
 * and, once they answer, dials the customer with the tenant's number as caller ID. Without one,
 * it calls the customer and speaks the given message. Every status event and, when recording,
 * the recording status are requested; the call is recorded as soon as Twilio names it, and a
 * status callback that wins that race creates it as usual.
 */
final class ClickToCall {
    private static final Log LOG = Log.of(ClickToCall.class);
    /** Twilio's limit on a call's Twiml parameter. */
    static final int MAX_TWIML = 4000;
    /** What a <Say> of a message can hold once the rest of the TwiML is around it. */
    static final int MAX_MESSAGE = 3000;
    static final List<String> STATUS_EVENTS = List.of("initiated", "ringing", "answered", "completed");

    private final Tenants tenants;
    private final Agents agents;
    private final Numbers numbers;
    private final Calls calls;
    private final TwilioAccess twilio;

    ClickToCall(Tenants tenants, Agents agents, Numbers numbers,
                Calls calls, TwilioAccess twilio) {
        this.tenants = tenants;
        this.agents = agents;
        this.numbers = numbers;
        this.calls = calls;
        this.twilio = twilio;
    }

    /**
     * Checks the request and everything it names, and returns the placing of the call: a request
     * refused here has asked Twilio for nothing and written nothing.
     */
    Idempotency.Action prepare(String tenantId, ApiRequest request) {
        JsonObject body = request.json().only(Set.of("to", "from", "agentId", "record", "contactId", "message"));
        String to = body.e164("to").orElseThrow(() -> ApiError.badField("to", "to is required"));
        boolean record = body.bool("record").orElse(false);
        String contactId = body.string("contactId").orElse(null);
        if (contactId != null && contactId.length() > 200) {
            throw ApiError.unprocessable("contactId", "contactId must be at most 200 characters");
        }
        Optional<Agent> agent = body.id("agentId").map(id -> agents.get(tenantId, id)
                .orElseThrow(() -> ApiError.unprocessable("agentId", "No agent " + id + " in this tenant")));
        String message = body.string("message", MAX_MESSAGE).orElse(null);
        if (agent.isEmpty() && (message == null || message.isBlank())) {
            throw ApiError.unprocessable("message", "Without an agent, give the message to speak");
        }
        Optional<String> from = body.e164("from");
        PhoneNumber owned = from.isPresent()
                ? numbers.get(from.get()).filter(n -> n.tenantId().equals(tenantId))
                        .orElseThrow(() -> ApiError.unprocessable("from", "from must be one of this tenant's numbers"))
                : CallerIds.forAgent(numbers, tenantId, agent.map(Agent::id).orElse(null))
                        .orElseThrow(() -> ApiError.conflict("Tenant " + tenantId
                                + " has no number to call from: import one first"));
        String callerId = owned.phoneNumber();
        var connected = twilio.of(tenantId, owned.accountSid()).orElseThrow(() -> ApiError.conflict(
                "The Twilio account of " + callerId + " is not connected"));

        String base = request.baseUrl();
        VoiceResponse twiml;
        Endpoint first;
        if (agent.isPresent()) {
            Dial.Builder dial = new Dial.Builder().callerId(callerId).number(new Number.Builder(to).build());
            if (record) {
                dial.record(Dial.Record.RECORD_FROM_ANSWER_DUAL)
                        .recordingStatusCallback(base + WebhookPaths.RECORDING)
                        .recordingStatusCallbackMethod(HttpMethod.POST)
                        .recordingStatusCallbackEvents(List.of(Dial.RecordingEvent.IN_PROGRESS,
                                Dial.RecordingEvent.COMPLETED, Dial.RecordingEvent.ABSENT));
            }
            twiml = new VoiceResponse.Builder().dial(dial.build()).build();
            first = agent.get().phone() != null ? new com.twilio.type.PhoneNumber(agent.get().phone())
                    : new Client("client:" + agent.get().clientIdentity());
        } else {
            twiml = new VoiceResponse.Builder().say(new Say.Builder(message).build()).build();
            first = new com.twilio.type.PhoneNumber(to);
        }
        String xml = twiml.toXml();
        if (xml.length() > MAX_TWIML) {
            // Escaping (&amp; and the like) can grow a message past what Twilio takes.
            throw ApiError.unprocessable("message", "message is too long once written as TwiML: Twilio takes at most "
                    + MAX_TWIML + " characters");
        }
        var creator = Call.creator(owned.accountSid(), first, new com.twilio.type.PhoneNumber(callerId), new Twiml(xml))
                .setStatusCallback(base + WebhookPaths.STATUS)
                .setStatusCallbackMethod(HttpMethod.POST)
                .setStatusCallbackEvent(STATUS_EVENTS);
        if (record && agent.isEmpty()) {
            creator.setRecord(true).setRecordingChannels("dual")
                    .setRecordingStatusCallback(base + WebhookPaths.RECORDING)
                    .setRecordingStatusCallbackMethod(HttpMethod.POST)
                    .setRecordingStatusCallbackEvent(List.of("in-progress", "completed", "absent"));
        }
        String agentId = agent.map(Agent::id).orElse(null);
        return () -> {
            Call placed = TwilioAccess.call(() -> creator.create(connected.client()));
            calls.answered(new Calls.Answered(placed.getSid(), tenantId, owned.accountSid(), CallDirection.OUTBOUND, callerId,
                    to, agentId, null, CallStatus.QUEUED, contactId));
            LOG.info("call placed", "tenantId", tenantId, "callSid", placed.getSid(), "agentId", agentId);
            return ApiResponse.created(new PlacedCall(placed.getSid(), callerId, to, agentId, contactId, "queued"));
        };
    }

    /** A call the API placed, as it answers it: queued at Twilio. */
    record PlacedCall(String callSid, String from, String to, String agentId, String contactId, String status) {
    }
}
