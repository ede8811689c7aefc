package dev.switchboard.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.shared.config.Settings;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar switchboard-local.jar [options]} serves Switchboard locally;
 * {@code java -jar switchboard-local.jar invoke <Function> -e <event.json> [options]} calls one
 * function once with an event, as {@code sam local invoke} does, and prints its response.
 */
public final class Main {
    static final String USAGE = """
            usage: switchboard-local [options]                 serve Switchboard on this machine
                   switchboard-local invoke <FunctionName> -e <event.json> [options]
                   switchboard-local call --from +1… --to +1… [--outcome answered|no-answer|busy|failed] [--say "…"]
                                          [--ring-seconds N] [--talk-seconds N] [--digits D | --say-words "…" | --no-input]…
                   switchboard-local sms --from +1… --to +1… [--body "…"] [--media FILE]…
                   switchboard-local listen --tenant ID --key KEY [--agent ID] [--types call.*,…] [--api URL] [--count N]
                   (switchboard-local is java -jar local/target/switchboard-local.jar, or local/switchboard-local)
            options:
              --port N            HTTP port on 127.0.0.1 (default 3000); the WebSocket API on PORT + 2
              --seed FILE         seed file (default: the bundled demo seed)
              --public-url URL    the base URL webhooks are signed against (default http://127.0.0.1:PORT)
              --twilio-api URL    send Switchboard's Twilio REST calls there (a real or mock Twilio)
                                  instead of the built-in Twilio simulator
              --simulator-port N  the Twilio simulator's port (default PORT + 1)
              --aws-ports-from N  the emulators on fixed ports N (DynamoDB), N+1 (SQS), N+2 (S3)
              help, --help, --version
            call and sms talk to a running stack's simulator (--simulator URL, default
            http://127.0.0.1:3001) and print the timeline as it happens. A call plays at once
            (its dialed party "rings" 5 s and "talks" 15 s); --ring-seconds and --talk-seconds
            (0 to 600) make it really ring and talk that long, to watch it live. --digits, --say-words
            and --no-input answer the call's menus (<Gather>), one each, in the order given; a menu
            after the last is met with silence.
            listen receives a tenant's events from a running stack (--api URL, default
            http://127.0.0.1:3000) as its app would, by signed webhook and by WebSocket, and prints
            each as it arrives; --count N stops after N on each.
            exit status: 0 done; 1 failed while running (a port in use, a webhook failed, no stack
            to talk to); 2 nothing was run: a bad command line, or a seed or event file it names.
            """;

    /** What every message of the command starts with, whichever command it is. */
    static final String PREFIX = "switchboard-local: ";

    static String version() {
        String version = Main.class.getPackage().getImplementationVersion();
        return "switchboard-local " + (version == null ? "(development build)" : version);
    }

    public static void main(String[] args) {
        // The emulators leave non-daemon threads behind them; exit rather than wait on them.
        System.exit(execute(args, System.out, System.err));
    }

    /**
     * Runs a command line and says how it went, as the exit status: 0 done, 1 failed while
     * running, 2 nothing was run because the command line (or a file it names) is wrong. Every
     * message goes to {@code err} after the same prefix.
     */
    static int execute(String[] args, PrintStream out, PrintStream err) {
        try {
            return run(args, out, err);
        } catch (Arguments.Informational e) {
            out.print(e.text);
            out.flush();
            return 0;
        } catch (Arguments.UsageError | Seed.Invalid e) {
            err.println(PREFIX + e.getMessage());
            if (e instanceof Arguments.UsageError) {
                err.println(PREFIX + "'switchboard-local help' lists every command and option");
            }
            return 2;
        } catch (Exception e) {
            err.println(PREFIX + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 1;
        }
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        Arguments.Command command = Arguments.parse(args);
        if (command.invokeFunction() != null) {
            return invoke(command, out);
        }
        if (command.simulate() != null) {
            return SimulatorClient.play(command.simulate(), out, err);
        }
        if (command.listen() != null) {
            return Listen.run(command.listen(), out, err);
        }
        LocalStack stack = LocalStack.start(command.options());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                stack.close();
            } finally {
                out.println("STOPPED");
                out.flush();
                stopped.countDown();
            }
        }, "switchboard-local-stop"));
        Emulators emulators = stack.emulators();
        out.println(version());
        out.println("Public URL " + stack.environment().get(Settings.PUBLIC_BASE_URL)
                + "   (webhook signatures are checked against it)");
        out.println("Console   " + stack.baseUrl() + "/console/   (sign in with a tenant API key)");
        if (stack.realtime() != null) {
            out.println("WebSocket " + stack.realtime().url() + "   (@connections at "
                    + stack.realtime().connectionsUrl() + "/@connections/{id})");
        }
        out.println("Twilio    " + stack.simulator().map(sim -> "simulator at " + sim.baseUrl()
                        + "   (any AccountSid and token work; play calls with: switchboard-local call --from … --to …)")
                .orElse(stack.environment().get(Settings.TWILIO_API_BASE_URL)));
        out.println("Tenants   " + String.join(", ", stack.tenantIds()));
        out.println("DynamoDB  " + emulators.dynamoEndpoint() + "   (aws dynamodb list-tables --endpoint-url "
                + emulators.dynamoEndpoint() + ")");
        out.println("SQS       " + emulators.sqsEndpoint() + "   events queue "
                + stack.environment().get(Settings.EVENTS_QUEUE_URL));
        out.println("S3        " + emulators.s3Endpoint());
        // AWS CLI v1 reads the region only from AWS_DEFAULT_REGION; v2 and the SDKs from AWS_REGION.
        out.println("Region " + Emulators.REGION + ", any access key and secret (e.g. export AWS_ACCESS_KEY_ID=local "
                + "AWS_SECRET_ACCESS_KEY=local AWS_REGION=" + Emulators.REGION + " AWS_DEFAULT_REGION="
                + Emulators.REGION + ")");
        out.println("Admin API key (this run only): " + stack.environment().get(Settings.ADMIN_API_KEY));
        for (Template.Function f : stack.template().functions()) {
            for (Template.Route r : f.routes()) {
                out.println("  " + r.method() + " " + stack.baseUrl() + r.path() + "  -> " + f.logicalId());
            }
        }
        for (var m : stack.eventSources().streams().mappings()) {
            out.println("  stream " + m.source().table() + " -> " + m.function() + " (batch " + m.source().batchSize()
                    + ", retries " + m.source().maximumRetryAttempts() + ", on failure "
                    + (m.source().onFailureQueue() == null ? "dropped" : m.source().onFailureQueue()) + ")");
        }
        for (var m : stack.eventSources().queues().mappings()) {
            out.println("  queue " + m.source().queue() + " -> " + m.function() + " (batch " + m.source().batchSize()
                    + (m.source().reportBatchItemFailures() ? ", partial batch failures" : "") + ", redrive "
                    + m.redrive() + ")");
        }
        for (var m : stack.eventSources().schedules().mappings()) {
            out.println("  schedule " + m.source().expression() + " -> " + m.function()
                    + (m.period() == null ? " (not run locally)" : ""));
        }
        out.println("READY " + stack.baseUrl());
        out.flush();
        stopped.await();
        return 0;
    }

    private static int invoke(Arguments.Command command, PrintStream out) throws Exception {
        // Both checked before anything starts: a typo costs no emulator start-up.
        List<String> names = Template.bundled().functions().stream().map(Template.Function::logicalId).toList();
        if (!names.contains(command.invokeFunction())) {
            throw new Arguments.UsageError("template.yaml has no function " + command.invokeFunction() + "; it has "
                    + String.join(", ", names));
        }
        if (!Files.isRegularFile(command.event())) {
            throw new Arguments.UsageError("event file " + command.event() + " not found");
        }
        // Like sam local invoke: the function's logs to stderr, its response alone to stdout.
        PrintStream stdout = System.out;
        System.setOut(System.err);
        Object response;
        try (LocalStack stack = LocalStack.startWithoutServer(command.options())) {
            response = invoke(stack.functions(), command.invokeFunction(), command.event());
        } finally {
            System.setOut(stdout);
        }
        out.println(EVENTS.writerWithDefaultPrettyPrinter().writeValueAsString(response));
        out.flush();
        return 0;
    }

    // Lambda's event JSON names fields as AWS does ("NewImage", "S"); the event classes' setters do not.
    private static final ObjectMapper EVENTS = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .enable(com.fasterxml.jackson.databind.MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    /**
     * Calls a function with an event file as sam local invoke does: the JSON read as the event
     * type the function's handler takes. An HTTP function's failure is API Gateway's 500.
     */
    static Object invoke(LambdaFunctions functions, String function, Path file) {
        Class<?> type;
        try {
            type = functions.eventType(function);
        } catch (IllegalArgumentException e) {
            throw new Arguments.UsageError(e.getMessage());
        }
        Object event;
        try {
            event = EVENTS.readValue(file.toFile(), type);
        } catch (IOException e) {
            throw new Arguments.UsageError("event file " + file + " is not a " + type.getSimpleName() + ": "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        return event instanceof APIGatewayV2HTTPEvent http ? functions.invoke(function, http)
                : functions.invokeRaw(function, event);
    }

}
