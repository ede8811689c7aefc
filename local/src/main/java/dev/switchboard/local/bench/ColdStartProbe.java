package dev.switchboard.local.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.switchboard.voice.inbound.InboundCallHandler;

import java.util.Map;

/**
 * Runs in a fresh JVM on the inbound function's own class path (its function.zip), configured
 * by environment variables as Lambda configures it: builds the handler with its no-argument
 * constructor and answers one signed call. {@link WebhookBenchmark} times it from outside.
 */
public final class ColdStartProbe {
    private ColdStartProbe() {
    }

    /** args: base64 body, signature */
    public static void main(String[] args) {
        var event = APIGatewayV2HTTPEvent.builder()
                .withRawPath("/twilio/voice/inbound")
                .withRawQueryString("")
                .withHeaders(Map.of("content-type", "application/x-www-form-urlencoded", "x-twilio-signature", args[1]))
                .withBody(args[0])
                .withIsBase64Encoded(true)
                .build();
        var response = new InboundCallHandler().handleRequest(event, null);
        System.out.println("TWIML " + response.getStatusCode() + " " + response.getBody().length());
        System.out.flush();
        System.exit(0);
    }
}
