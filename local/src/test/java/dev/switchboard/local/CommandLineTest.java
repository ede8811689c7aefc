package dev.switchboard.local;

import dev.switchboard.local.http.LoopbackServer;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the command line says when something is wrong, and how it exits: every message starts
 * with {@code switchboard-local: }; 2 when nothing was run (the command line or a file it names
 * is wrong), 1 when something failed while running. {@code help} is a command.
 */
class CommandLineTest {

    private record Ran(int exitCode, String out, String err) {
        /** The message, on standard error after the one prefix. */
        void says(int code, String message) {
            assertEquals(code, exitCode, "exit code; stderr: " + err);
            assertTrue(err.startsWith(Main.PREFIX + message), "says '" + message + "':\n" + err);
            err.lines().forEach(line -> assertTrue(line.startsWith(Main.PREFIX), "every line prefixed:\n" + err));
        }
    }

    private static Ran run(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code = Main.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Ran(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void helpIsACommand() {
        for (String[] args : List.of(new String[]{"help"}, new String[]{"--help"}, new String[]{"call", "--help"})) {
            var ran = run(args);
            assertEquals(0, ran.exitCode(), List.of(args) + ": " + ran.err());
            assertEquals(Main.USAGE, ran.out(), List.of(args).toString());
        }
    }

    @Test
    void everyMistakeOnTheCommandLineExits2WithTheSamePrefix() {
        run("call", "--from", "4155550100", "--to", "+15005550101")
                .says(2, "--from must be an E.164 number like +14155550100 (or client:<identity>), got '4155550100'");
        run("call", "--from", "+14155550100", "--to", "5005550101")
                .says(2, "--to must be an E.164 number like +15005550101, got '5005550101'");
        run("sms", "--from", "+14155550100", "--to", "+15005550101", "--media", "damage.jpg")
                .says(2, "--media damage.jpg: no such file");
        run("sms", "--from", "client:alice", "--to", "+15005550101")
                .says(2, "--from must be an E.164 number like +14155550100, got 'client:alice'");
        run("call", "--from", "+14155550100", "--to", "+15005550101", "--outcome", "exploded")
                .says(2, "--outcome is one of answered, no-answer, busy, failed (call only)");
        run("call", "--from", "+14155550100", "--to", "+15005550101", "--ring-seconds", "601")
                .says(2, "--ring-seconds is whole seconds from 0 to 600 (call only)");
        run("call", "--from", "+14155550100", "--to", "+15005550101", "--talk-seconds", "-1")
                .says(2, "--talk-seconds is whole seconds from 0 to 600 (call only)");
        run("call", "--from", "+14155550100", "--to", "+15005550101", "--talk-seconds", "1.5")
                .says(2, "--talk-seconds is whole seconds from 0 to 600 (call only)");
        run("sms", "--from", "+14155550100", "--to", "+15005550101", "--ring-seconds", "3")
                .says(2, "--ring-seconds is whole seconds from 0 to 600 (call only)");
        run("call", "--from", "+14155550100", "--to").says(2, "option --to needs a value");
        run("sms", "+14155550100").says(2, "unexpected '+14155550100': options start with --");
        run("frobnicate").says(2, "unexpected 'frobnicate': options start with --, and the commands are invoke, call, sms and help");
        run("--prot", "3000").says(2, "unknown option --prot");
        run("--seed", "no-such-seed.json").says(2, "no-such-seed.json: no such file");
        run("invoke", "InboundCallFunction").says(2, "invoke needs -e <event.json>");
        run("invoke", "InboundCallFunction", "-e", "no-such-event.json").says(2, "event file no-such-event.json not found");
    }

    @Test
    void aPortInUseIsNamedWithTheOptionThatMovesIt() throws Exception {
        try (var taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            run("--port", Integer.toString(port)).says(1, "port " + port
                    + " is in use, so the API cannot listen on it: stop what holds it, or pass --port N");
            run("--port", "0", "--simulator-port", Integer.toString(port)).says(1, "port " + port
                    + " is in use, so the Twilio simulator cannot listen on it: stop what holds it, or pass --simulator-port N");
        }
    }

    @Test
    void callWithNoStackRunningExits1AndSaysWhereItLooked() throws Exception {
        int nothingThere;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nothingThere = socket.getLocalPort();
        }
        run("call", "--from", "+14155550100", "--to", "+15005550101", "--simulator", "http://127.0.0.1:" + nothingThere)
                .says(1, "no Twilio simulator at http://127.0.0.1:" + nothingThere + ": start the local stack first");
    }

    @Test
    void aRequestTheSimulatorRefusesExits2WithItsReason() throws Exception {
        // A simulator of another version, stricter than this command line.
        HttpServer simulator = LoopbackServer.create(0);
        simulator.createContext("/", exchange -> {
            byte[] body = "from and to must be E.164 numbers, e.g. +14155550100\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(400, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        simulator.start();
        try {
            String url = "http://127.0.0.1:" + simulator.getAddress().getPort();
            run("call", "--from", "+14155550100", "--to", "+15005550101", "--simulator", url)
                    .says(2, "the simulator at " + url + " refused this call (HTTP 400): from and to must be E.164");
        } finally {
            simulator.stop(0);
        }
    }

    @Test
    void aPlayedCallExits0WithItsTimelineOnStandardOutput() {
        var ran = run("call", "--from", Demo.CALLER, "--to", Demo.GREETING_NUMBER, "--simulator",
                TestStack.twilio().baseUrl().toString());
        assertEquals(0, ran.exitCode(), ran.err());
        assertEquals("", ran.err());
        assertTrue(ran.out().contains("<Hangup>"), ran.out());
    }
}
