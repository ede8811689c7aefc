package dev.switchboard.local.bench;

import dev.switchboard.local.twilio.TwilioSigner;
import dev.switchboard.voice.flow.CallFlowHandler;
import dev.switchboard.voice.flow.FlowSteps;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.switchboard.local.LocalStack;
import dev.switchboard.local.Repositories;
import dev.switchboard.shared.Platform;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.config.WebhookPaths;
import dev.switchboard.voice.dial.DialCompleteHandler;
import dev.switchboard.voice.dial.DialCompletions;
import dev.switchboard.voice.inbound.InboundCallHandler;
import dev.switchboard.voice.inbound.InboundCalls;
import dev.switchboard.voice.outbound.OutboundCallHandler;
import dev.switchboard.voice.outbound.OutboundCalls;
import dev.switchboard.voice.status.CallStatusHandler;
import dev.switchboard.voice.status.CallStatuses;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Prints, for each Twilio webhook, the AWS round trips one request makes and its warm latency
 * percentiles, against the local stack in this JVM: each handler wired as in AWS (the template's
 * 30 s directory cache), timed once its container is warm, every AWS call its clients make
 * counted. Cold starts, per function: {@link FunctionBenchmark}. Figures to watch from change to
 * change, not a test: it fails nothing.
 *
 * <p>{@code java -cp local/target/switchboard-local.jar dev.switchboard.local.bench.WebhookBenchmark
 * [--warm-requests N]}
 */
public final class WebhookBenchmark {
    private static final String ACCOUNT = "AC0000000000000000000000000000ac3e";
    private static final String TOKEN = "acme_local_demo_auth_token_00000";
    private static final String TWIML_APP = "AP0000000000000000000000000000ac3e";
    private static final String NUMBER = "+15005550101";
    /** The demo seed's menu number: its flow starts at a menu. */
    private static final String MENU_NUMBER = "+15005550106";
    /** Where a call to the menu number stands while the caller chooses (a menu's Gather action). */
    private static final String AT_MENU = "phase=gather&s=" + new dev.switchboard.shared.flows.run.FlowState("main-line",
            "main", 0, Map.of("main", 1), List.of("main"), 0, 0, 0, 0).encode();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int WARM_UP = 300;

    /**
     * One webhook to measure.
     *
     * @param afterInbound whether each request is about a call the inbound webhook started first
     *                     (uncounted), as status and dial callbacks are
     * @param query        the URL's query, as Switchboard wrote it into the TwiML ("" for none)
     */
    private record Webhook(String name, String path, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler,
                           Function<String, Map<String, String>> params, boolean afterInbound, String query) {
        Webhook(String name, String path, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler,
                Function<String, Map<String, String>> params, boolean afterInbound) {
            this(name, path, handler, params, afterInbound, "");
        }
    }

    private WebhookBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int warmRequests = Options.integer(args, "--warm-requests", 1000);
        try (LocalStack stack = LocalStack.start(LocalStack.Options.defaults().withPort(0))) {
            String publicUrl = stack.environment().get("PUBLIC_BASE_URL");
            System.out.println("Twilio webhooks, local stack (DynamoDB Local, ElasticMQ) on loopback, "
                    + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors() + " cores");

            // Wired as in AWS: the template's 30 s directory cache, not the local stack's 0.
            Map<String, String> environment = new LinkedHashMap<>(stack.environment());
            environment.put(Settings.DIRECTORY_CACHE_SECONDS, "30");
            AwsCalls calls = new AwsCalls();
            var p = new Repositories(Platform.observed(Settings.from(environment), calls));
            var inbound = new InboundCallHandler(p.settings().publicBaseUrl(), p.webhookGuard(),
                    new InboundCalls(p.directory(), p.calls(), p.flows(), p.platform().clock()));
            List<Webhook> webhooks = List.of(
                    new Webhook("inbound call", WebhookPaths.INBOUND, inbound, WebhookBenchmark::inbound, false),
                    new Webhook("status callback (answered)", WebhookPaths.STATUS,
                            new CallStatusHandler(p.settings().publicBaseUrl(), p.webhookGuard(),
                                    new CallStatuses(p.calls(), p.platform().clock())), WebhookBenchmark::answered, true),
                    new Webhook("dial complete (no answer)", WebhookPaths.DIAL_COMPLETE,
                            new DialCompleteHandler(p.settings().publicBaseUrl(), p.webhookGuard(),
                                    new DialCompletions(p.directory(), p.calls(), p.platform().clock())),
                            WebhookBenchmark::dialUnanswered, true),
                    new Webhook("browser call", WebhookPaths.OUTBOUND,
                            new OutboundCallHandler(p.settings().publicBaseUrl(), p.webhookGuard(),
                                    new OutboundCalls(p.directory(), p.numbers(), p.calls(), p.platform().clock())),
                            WebhookBenchmark::browserCall, false),
                    new Webhook("inbound call (menu number)", WebhookPaths.INBOUND, inbound,
                            callSid -> to(inbound(callSid), MENU_NUMBER), false),
                    new Webhook("menu choice (flow)", WebhookPaths.FLOW,
                            new CallFlowHandler(p.settings().publicBaseUrl(), p.webhookGuard(),
                                    new FlowSteps(p.flows(), p.platform().clock())),
                            WebhookBenchmark::menuChoice, true, AT_MENU));

            // The handlers log a line per call, as in Lambda; format it, but do not print it here.
            PrintStream console = System.out;
            System.setOut(new PrintStream(OutputStream.nullOutputStream()));
            List<String> lines = new ArrayList<>();
            try {
                for (Webhook webhook : webhooks) {
                    lines.add(measure(webhook, inbound, calls, publicUrl, warmRequests));
                }
            } finally {
                System.setOut(console);
            }
            System.out.printf("warm, %d requests each after %d to warm up; AWS calls are per request%n",
                    warmRequests, WARM_UP);
            lines.forEach(System.out::println);
        }
        System.exit(0);
    }

    private static String measure(Webhook webhook, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> inbound,
                                  AwsCalls calls, String publicUrl, int requests) {
        List<Double> latencies = new ArrayList<>();
        Map<String, Long> counted = new TreeMap<>();
        for (int i = 0; i < WARM_UP + requests; i++) {
            String callSid = newSid("CA");
            if (webhook.afterInbound()) {
                var first = inbound(callSid);
                answer(inbound, signedEvent(publicUrl, WebhookPaths.INBOUND,
                        webhook.query().isEmpty() ? first : to(first, MENU_NUMBER), ""));
            }
            APIGatewayV2HTTPEvent event = signedEvent(publicUrl, webhook.path(), webhook.params().apply(callSid),
                    webhook.query());
            calls.reset();
            long start = System.nanoTime();
            answer(webhook.handler(), event);
            double millis = (System.nanoTime() - start) / 1e6;
            Map<String, Long> made = calls.reset();
            if (i >= WARM_UP) {
                latencies.add(millis);
                made.forEach((name, count) -> counted.merge(name, count, Long::sum));
            }
        }
        StringBuilder made = new StringBuilder();
        counted.forEach((name, count) -> made.append(made.isEmpty() ? "" : " + ")
                .append(String.format("%.2f %s", count / (double) requests, name)));
        return String.format("  %-27s p50 %5.2f  p90 %5.2f  p99 %5.2f  max %6.2f ms   AWS calls: %s",
                webhook.name(), ProcessFigures.percentile(latencies, 50),
                ProcessFigures.percentile(latencies, 90), ProcessFigures.percentile(latencies, 99),
                max(latencies), made.isEmpty() ? "none" : made);
    }

    private static void answer(RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler,
                               APIGatewayV2HTTPEvent event) {
        var response = handler.handleRequest(event, null);
        if (response.getStatusCode() != 200) {
            throw new IllegalStateException(event.getRawPath() + " answered " + response.getStatusCode() + ": "
                    + response.getBody());
        }
    }

    private static APIGatewayV2HTTPEvent signedEvent(String publicUrl, String path, Map<String, String> params,
                                                     String query) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : query.isEmpty() ? new String[0] : query.split("&")) {
            parameters.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        return APIGatewayV2HTTPEvent.builder()
                .withRawPath(path).withRawQueryString(query)
                .withQueryStringParameters(parameters.isEmpty() ? null : parameters)
                .withHeaders(Map.of("content-type", "application/x-www-form-urlencoded",
                        "x-twilio-signature", TwilioSigner.sign(TOKEN, publicUrl + path + (query.isEmpty() ? "" : "?" + query),
                                params)))
                .withBody(Base64.getEncoder().encodeToString(TwilioSigner.form(params).getBytes(StandardCharsets.UTF_8)))
                .withIsBase64Encoded(true)
                .build();
    }

    private static String newSid(String prefix) {
        byte[] sid = new byte[16];
        RANDOM.nextBytes(sid);
        return prefix + HexFormat.of().formatHex(sid);
    }

    private static Map<String, String> inbound(String callSid) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", ACCOUNT);
        params.put("CallSid", callSid);
        params.put("CallStatus", "ringing");
        params.put("Direction", "inbound");
        params.put("From", "+14155550100");
        params.put("FromZip", "");
        params.put("To", NUMBER);
        params.put("Called", NUMBER);
        return params;
    }

    private static Map<String, String> to(Map<String, String> params, String number) {
        params.put("To", number);
        params.put("Called", number);
        return params;
    }

    /** The caller presses 1 at the menu: the choice kept, and the ring group's Dial answered. */
    private static Map<String, String> menuChoice(String callSid) {
        Map<String, String> params = to(inbound(callSid), MENU_NUMBER);
        params.put("CallStatus", "in-progress");
        params.put("Digits", "1");
        return params;
    }

    private static Map<String, String> answered(String callSid) {
        Map<String, String> params = inbound(callSid);
        params.put("CallStatus", "in-progress");
        params.put("CallbackSource", "call-progress-events");
        params.put("SequenceNumber", "1");
        params.put("Timestamp", "Tue, 01 Dec 2026 06:10:01 +0000");
        return params;
    }

    private static Map<String, String> dialUnanswered(String callSid) {
        Map<String, String> params = inbound(callSid);
        params.put("CallStatus", "in-progress");
        params.put("DialCallStatus", "no-answer");
        params.put("DialCallSid", newSid("CA"));
        return params;
    }

    private static Map<String, String> browserCall(String callSid) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", ACCOUNT);
        params.put("ApplicationSid", TWIML_APP);
        params.put("CallSid", callSid);
        params.put("CallStatus", "ringing");
        params.put("Direction", "inbound");
        params.put("From", "client:acme_alice");
        params.put("Caller", "client:acme_alice");
        params.put("To", "+15005550199");
        return params;
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }
}
