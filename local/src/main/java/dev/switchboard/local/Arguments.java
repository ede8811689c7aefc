package dev.switchboard.local;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line of switchboard-local, read into what to do; a mistake in it is a {@link UsageError}. */
final class Arguments {
    private Arguments() {
    }

    /** Bad command line, or a file it names: the message says which, and the exit code is 2. */
    static final class UsageError extends RuntimeException {
        UsageError(String message) {
            super(message);
        }
    }

    /** What to do: serve (neither set), invoke one function, or play a call or message. */
    record Command(String invokeFunction, Path event, LocalStack.Options options, Simulate simulate,
                   Listen.Options listen) {
        Command(String invokeFunction, Path event, LocalStack.Options options) {
            this(invokeFunction, event, options, null, null);
        }
    }

    /**
     * {@code call} or {@code sms}: what to ask the running stack's simulator to play.
     *
     * @param ringSeconds how long a call's dialed party really rings, or null to simulate it
     * @param talkSeconds how long it really talks once answered, or null to simulate it
     */
    /** @param inputs what the caller does at each {@code <Gather>}, in order: keys, words or nothing */
    record Simulate(String kind, URI simulator, String from, String to, String outcome, String say, String body,
                    List<Path> media, Integer ringSeconds, Integer talkSeconds,
                    List<dev.switchboard.local.twilio.CallerInput> inputs) {
        /** Played at once: nothing waits, and the caller never answers a menu. */
        Simulate(String kind, URI simulator, String from, String to, String outcome, String say, String body,
                 List<Path> media) {
            this(kind, simulator, from, to, outcome, say, body, media, null, null, List.of());
        }
    }

    /** --help and --version: printed on stdout, exit 0. */
    static final class Informational extends RuntimeException {
        final String text;

        Informational(String text) {
            super(null, null, false, false);
            this.text = text;
        }
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
        if (rest.contains("-h") || rest.contains("--help") || !rest.isEmpty() && rest.getFirst().equals("help")) {
            throw new Informational(Main.USAGE);
        }
        if (rest.contains("--version")) {
            throw new Informational(Main.version() + "\n");
        }
        if (!rest.isEmpty() && (rest.getFirst().equals("call") || rest.getFirst().equals("sms"))) {
            return new Command(null, null, null, SimulatorClient.parse(rest), null);
        }
        if (!rest.isEmpty() && rest.getFirst().equals("listen")) {
            return new Command(null, null, null, null, Listen.parse(rest));
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
            String option = option(rest, i++);
            String value = rest.get(i);
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

    /** The option at {@code i}, which must be one and have a value after it. */
    static String option(List<String> args, int i) {
        String option = args.get(i);
        if (!option.startsWith("-")) {
            throw new UsageError("unexpected '" + option + "': options start with --, and the commands are "
                    + "invoke, call, sms and help");
        }
        if (i + 1 >= args.size()) {
            throw new UsageError("option " + option + " needs a value");
        }
        return option;
    }

    static int port(String value, String option) {
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

    static URI url(String value, String option) {
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
