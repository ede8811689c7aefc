package dev.switchboard.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.local.twilio.TwilioSimulator;
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
                   switchboard-local sms --from +1… --to +1… [--body "…"] [--media FILE]…
                   (switchboard-local is java -jar local/target/switchboard-local.jar, or local/switchboard-local)
            options:
              --port N            HTTP port on 127.0.0.1 (default 3000)
              --seed FILE         seed file (default: the bundled demo seed)
              --public-url URL    the base URL webhooks are signed against (default http://127.0.0.1:PORT)
              --twilio-api URL    send Switchboard's Twilio REST calls there (a real or mock Twilio)
                                  instead of the built-in Twilio simulator
              --simulator-port N  the Twilio simulator's port (default PORT + 1)
              --aws-ports-from N  the emulators on fixed ports N (DynamoDB), N+1 (SQS), N+2 (S3)
              --help, --version
            call and sms talk to a running stack's simulator (--simulator URL, default
            http://127.0.0.1:3001), print the timeline as it happens, and exit 1 if a webhook failed.
            """;

    /** Bad command line or seed: the message says which, and the exit code is 2. */
    static final class UsageError extends RuntimeException {
        UsageError(String message) {
            super(message);
        }
    }

    /** What to do: serve (neither set), invoke one function, or play a call or message. */
    record Command(String invokeFunction, Path event, LocalStack.Options options, Simulate simulate) {
        Command(String invokeFunction, Path event, LocalStack.Options options) {
            this(invokeFunction, event, options, null);
        }
    }

    /** {@code call} or {@code sms}: what to ask the running stack's simulator to play. */
    record Simulate(String kind, URI simulator, String from, String to, String outcome, String say, String body,
                    List<Path> media) {
    }

    /** --help and --version: printed on stdout, exit 0. */
    static final class Informational extends RuntimeException {
        final String text;

        Informational(String text) {
            super(null, null, false, false);
            this.text = text;
        }
    }

    static String version() {
        String version = Main.class.getPackage().getImplementationVersion();
        return "switchboard-local " + (version == null ? "(development build)" : version);
    }

    public static void main(String[] args) {
        int code;
        try {
            code = run(args, System.out, System.err);
        } catch (Informational e) {
            System.out.print(e.text);
            System.out.flush();
            code = 0;
        } catch (UsageError | Seed.Invalid e) {
            System.err.println("switchboard-local: " + e.getMessage());
            System.err.print(e instanceof UsageError ? USAGE : "");
            code = 2;
        } catch (Exception e) {
            System.err.println("switchboard-local: " + e.getMessage());
            code = 1;
        }
        // The emulators leave non-daemon threads behind them; exit rather than wait on them.
        System.exit(code);
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        Command command = parse(args);
        if (command.invokeFunction() != null) {
            return invoke(command, out);
        }
        if (command.simulate() != null) {
            return SimulatorClient.play(command.simulate(), out, err);
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
        out.println("Twilio    " + stack.simulator().map(sim -> "simulator at " + sim.baseUrl()
                        + "   (any AccountSid and token work; play calls with: switchboard-local call --from … --to …)")
                .orElse(stack.environment().get(Settings.TWILIO_API_BASE_URL)));
        out.println("Tenants   " + String.join(", ", stack.tenantIds()));
        out.println("DynamoDB  " + emulators.dynamoEndpoint() + "   (aws dynamodb list-tables --endpoint-url "
                + emulators.dynamoEndpoint() + ")");
        out.println("SQS       " + emulators.sqsEndpoint() + "   events queue "
                + stack.environment().get(Settings.EVENTS_QUEUE_URL));
        out.println("S3        " + emulators.s3Endpoint());
        out.println("Region " + Emulators.REGION + ", any access key and secret (e.g. AWS_ACCESS_KEY_ID=local "
                + "AWS_SECRET_ACCESS_KEY=local AWS_REGION=" + Emulators.REGION + ")");
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

    private static int invoke(Command command, PrintStream out) throws Exception {
        if (!Files.isRegularFile(command.event())) {
            throw new UsageError("event file " + command.event() + " not found");
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
            throw new UsageError(e.getMessage());
        }
        Object event;
        try {
            event = EVENTS.readValue(file.toFile(), type);
        } catch (IOException e) {
            throw new UsageError("event file " + file + " is not a " + type.getSimpleName() + ": "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        return event instanceof APIGatewayV2HTTPEvent http ? functions.invoke(function, http)
                : functions.invokeRaw(function, event);
    }

    static Command parse(String[] args) {
        List<String> rest = new ArrayList<>();
        for (String arg : args) {
            // --opt=value is --opt value.
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 2) {
                rest.add(arg.substring(0, eq));
                rest.add(arg.substring(eq + 1));
            } else {
                rest.add(arg);
            }
        }
        if (rest.contains("-h") || rest.contains("--help")) {
            throw new Informational(USAGE);
        }
        if (rest.contains("--version")) {
            throw new Informational(version() + "\n");
        }
        if (!rest.isEmpty() && (rest.getFirst().equals("call") || rest.getFirst().equals("sms"))) {
            return new Command(null, null, null, simulate(rest));
        }
        String function = null;
        Path event = null;
        if (!rest.isEmpty() && rest.getFirst().equals("invoke")) {
            rest.removeFirst();
            if (rest.isEmpty() || rest.getFirst().startsWith("-")) {
                throw new UsageError("invoke needs a function name, e.g. invoke InboundCallFunction -e events/inbound-call.json");
            }
            function = rest.removeFirst();
        }
        LocalStack.Options options = LocalStack.Options.defaults();
        int port = options.port();
        Path seed = null;
        URI publicUrl = null;
        URI twilioApi = options.twilioApi();
        int simulatorPort = options.simulatorPort();
        int awsPortsFrom = options.awsPortsFrom();
        for (int i = 0; i < rest.size(); i++) {
            String option = rest.get(i);
            if (i + 1 >= rest.size()) {
                throw new UsageError("option " + option + " needs a value");
            }
            String value = rest.get(++i);
            switch (option) {
                case "--port" -> port = port(value, option);
                case "--seed" -> seed = Path.of(value);
                case "--public-url" -> publicUrl = url(value, option);
                case "--twilio-api" -> twilioApi = url(value, option);
                case "--simulator-port" -> simulatorPort = port(value, option);
                case "--aws-ports-from" -> awsPortsFrom = port(value, option);
                case "-e", "--event" -> {
                    if (function == null) {
                        throw new UsageError(option + " goes with invoke");
                    }
                    event = Path.of(value);
                }
                default -> throw new UsageError("unknown option " + option);
            }
        }
        if (function != null && event == null) {
            throw new UsageError("invoke needs -e <event.json>");
        }
        return new Command(function, event, new LocalStack.Options(port, seed, publicUrl, twilioApi, simulatorPort,
                awsPortsFrom));
    }

    private static Simulate simulate(List<String> args) {
        String kind = args.getFirst();
        URI simulator = URI.create("http://127.0.0.1:3001");
        String from = null;
        String to = null;
        String outcome = "answered";
        String say = null;
        String body = "";
        List<Path> media = new ArrayList<>();
        for (int i = 1; i < args.size(); i++) {
            String option = args.get(i);
            if (i + 1 >= args.size()) {
                throw new UsageError("option " + option + " needs a value");
            }
            String value = args.get(++i);
            switch (option) {
                case "--from" -> from = value;
                case "--to" -> to = value;
                case "--simulator" -> simulator = url(value, option);
                case "--outcome" -> {
                    if (!TwilioSimulator.OUTCOMES.contains(value) || !kind.equals("call")) {
                        throw new UsageError("--outcome is one of answered, no-answer, busy, failed (call only)");
                    }
                    outcome = value;
                }
                case "--say" -> say = value;
                case "--body" -> body = value;
                case "--media" -> {
                    Path file = Path.of(value);
                    if (!Files.isRegularFile(file)) {
                        throw new UsageError("--media " + value + ": no such file");
                    }
                    media.add(file);
                }
                default -> throw new UsageError("unknown option " + option + " for " + kind);
            }
        }
        if (from == null || to == null) {
            throw new UsageError(kind + " needs --from and --to, e.g. " + kind + " --from +14155550100 --to +15005550101");
        }
        return new Simulate(kind, simulator, from, to, outcome, say, body, List.copyOf(media));
    }

    private static int port(String value, String option) {
        try {
            int port = Integer.parseInt(value);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new UsageError(option + " must be a number from 0 to 65535, got '" + value + "'");
        }
    }

    private static URI url(String value, String option) {
        try {
            URI uri = new URI(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new UsageError(option + " must be an http(s) URL, got '" + value + "'");
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw new UsageError(option + " must be an http(s) URL, got '" + value + "'");
        }
    }
}
