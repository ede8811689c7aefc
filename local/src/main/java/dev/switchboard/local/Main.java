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
            usage: java -jar local/target/switchboard-local.jar [options]
                   java -jar local/target/switchboard-local.jar invoke <FunctionName> -e <event.json> [options]
            options:
              --port N          HTTP port on 127.0.0.1 (default 3000)
              --seed FILE       seed file (default: the bundled demo seed)
              --public-url URL  the base URL webhooks are signed against (default http://127.0.0.1:PORT)
              --twilio-api URL  where Twilio REST calls go (default https://api.twilio.com)
            """;

    /** Bad command line or seed: the message says which, and the exit code is 2. */
    static final class UsageError extends RuntimeException {
        UsageError(String message) {
            super(message);
        }
    }

    record Command(String invokeFunction, Path event, LocalStack.Options options) {
    }

    public static void main(String[] args) {
        int code;
        try {
            code = run(args, System.out, System.err);
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
        out.println("DynamoDB  " + emulators.dynamoEndpoint() + "   (aws dynamodb list-tables --endpoint-url "
                + emulators.dynamoEndpoint() + ")");
        out.println("SQS       " + emulators.sqsEndpoint() + "   events queue "
                + stack.environment().get(Settings.EVENTS_QUEUE_URL));
        out.println("S3        " + emulators.s3Endpoint());
        out.println("Region " + Emulators.REGION + ", access key '" + Emulators.ACCESS_KEY + "', secret '"
                + Emulators.SECRET_KEY + "'");
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
        List<String> rest = new ArrayList<>(List.of(args));
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
        for (int i = 0; i < rest.size(); i++) {
            String option = rest.get(i);
            if (option.equals("-h") || option.equals("--help")) {
                throw new UsageError("help");
            }
            if (i + 1 >= rest.size()) {
                throw new UsageError("option " + option + " needs a value");
            }
            String value = rest.get(++i);
            switch (option) {
                case "--port" -> port = port(value);
                case "--seed" -> seed = Path.of(value);
                case "--public-url" -> publicUrl = url(value, option);
                case "--twilio-api" -> twilioApi = url(value, option);
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
        return new Command(function, event, new LocalStack.Options(port, seed, publicUrl, twilioApi));
    }

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new UsageError("--port must be a number from 0 to 65535, got '" + value + "'");
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
