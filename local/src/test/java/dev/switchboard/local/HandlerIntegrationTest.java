package dev.switchboard.local;

import dev.switchboard.local.twilio.TwilioSigner;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.switchboard.shared.twilio.CallStatus;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.twiml.TwimlDocument;
import dev.switchboard.voice.inbound.InboundCallHandler;
import dev.switchboard.voice.inbound.InboundCalls;
import dev.switchboard.voice.status.CallStatusHandler;
import dev.switchboard.voice.status.CallStatuses;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Handlers built from their collaborators, the way a test or another wiring would, against
 * the same DynamoDB Local and ElasticMQ, with events that API Gateway did not base64-encode.
 */
class HandlerIntegrationTest {
    private static final URI PUBLIC = URI.create("https://voice.example.com");

    private static APIGatewayV2HTTPEvent plainEvent(String path, Map<String, String> params, String token) {
        return APIGatewayV2HTTPEvent.builder()
                .withRawPath(path)
                .withRawQueryString("")
                .withHeaders(Map.of("content-type", "application/x-www-form-urlencoded",
                        "x-twilio-signature", TwilioSigner.sign(token, PUBLIC + path, params)))
                .withBody(TwilioSigner.form(params))
                .withIsBase64Encoded(false)
                .build();
    }

    @Test
    void handlersWiredFromTheirCollaboratorsAnswerAndRecord() {
        TestStack.get();
        // Repositories of our own over the same emulators: nothing is shared with the stack's but the data.
        var platform = Repositories.of(Settings.from(TestStack.get().environment()));
        var inbound = new InboundCallHandler(Optional.of(PUBLIC), platform.webhookGuard(),
                new InboundCalls(platform.directory(), platform.calls(), platform.flows(),
                        platform.clock()));
        var status = new CallStatusHandler(Optional.of(PUBLIC), platform.webhookGuard(),
                new CallStatuses(platform.calls(), platform.clock()));

        String callSid = Demo.newCallSid();
        var answered = inbound.handleRequest(plainEvent("/twilio/voice/inbound",
                SignedWebhooks.voiceParams(callSid, Demo.GREETING_NUMBER, "ringing"), Demo.ACME_TOKEN), null);
        assertEquals(200, answered.getStatusCode(), answered.getBody());
        assertEquals(List.of("Say", "Hangup"), TwimlDocument.parse(answered.getBody()).verbs());

        var completed = SignedWebhooks.voiceParams(callSid, Demo.GREETING_NUMBER, "completed");
        completed.put("SequenceNumber", "3");
        completed.put("CallDuration", "7");
        var acknowledged = status.handleRequest(plainEvent("/twilio/voice/status", completed, Demo.ACME_TOKEN), null);
        assertEquals(200, acknowledged.getStatusCode(), acknowledged.getBody());

        var call = platform.calls().get(Demo.ACME, callSid).orElseThrow();
        assertEquals(CallStatus.COMPLETED, call.status());
        assertEquals(7, call.durationSeconds());
        assertEquals("greeting", call.routing());
    }

    @Test
    void aFailureIs500WithoutDetailAndTwiliosRetryThenSucceeds() {
        TestStack.get();
        var environment = new java.util.HashMap<>(TestStack.get().environment());
        environment.put(Settings.CALLS_TABLE, "NoSuchTable");
        var broken = Repositories.of(Settings.from(environment));
        var working = Repositories.of(Settings.from(TestStack.get().environment()));

        String callSid = Demo.newCallSid();
        var event = plainEvent("/twilio/voice/inbound",
                SignedWebhooks.voiceParams(callSid, Demo.GREETING_NUMBER, "ringing"), Demo.ACME_TOKEN);
        var failed = inbound(broken).handleRequest(event, null);
        assertEquals(500, failed.getStatusCode());
        assertEquals("Internal error", failed.getBody(), "no stack trace or AWS detail to the caller");

        var retried = inbound(working).handleRequest(event, null);
        assertEquals(200, retried.getStatusCode(), "the failed delivery gave its claim back");
        assertEquals("greeting", working.calls().get(Demo.ACME, callSid).orElseThrow().routing());
        assertEquals(1, EventsQueue.forCall(dev.switchboard.shared.events.DomainEvent.CALL_STARTED, callSid).size());
    }

    private static InboundCallHandler inbound(Repositories platform) {
        return new InboundCallHandler(Optional.of(PUBLIC), platform.webhookGuard(),
                new InboundCalls(platform.directory(), platform.calls(), platform.flows(),
                        platform.clock()));
    }
}
