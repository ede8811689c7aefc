package dev.switchboard.local;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Bad seeds and bad command lines are refused with a message that says where. */
class SeedAndOptionsTest {

    private static String seedProblem(String json) {
        return assertThrows(Seed.Invalid.class, () -> Seed.read(
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "seed.json").check()).getMessage();
    }

    private static final String TENANT = """
            {"id":"acme","twilio":{"accountSid":"AC00000000000000000000000000000001","authToken":"t"},
             "agents":[{"id":"alice","name":"Alice","phone":"+15005550181"}],
             "numbers":[%s]}""";

    private static String seedWithNumber(String number) {
        return "{\"tenants\":[" + TENANT.formatted(number) + "]}";
    }

    @Test
    void theBundledDemoSeedIsValid() throws Exception {
        var contents = LocalStack.readSeed(null).check();
        assertEquals(2, contents.tenants().size());
        assertEquals(8, contents.numbers().size());
    }

    @Test
    void seedProblemsNameTheirPlace() {
        assertEquals("seed.json: not valid JSON: it ends early", seedProblem("{\"tenants\": ["));
        assertEquals("seed.json: not valid JSON at line 1, column 14", seedProblem("{\"tenants\": [}"));
        assertEquals("seed.json: wrong type of value at tenants[0].agents",
                seedProblem("{\"tenants\":[{\"id\":\"acme\",\"agents\":\"alice\"}]}"));
        assertEquals("seed.json: unknown field 'colour' at tenants[0].colour",
                seedProblem("{\"tenants\":[{\"id\":\"acme\",\"colour\":\"red\"}]}"));
        assertEquals("tenants[0].numbers[0]: routing.forwardTo must be an E.164 number like +14155550100, got '5550100'",
                seedProblem(seedWithNumber("{\"phoneNumber\":\"+15005550101\",\"routing\":{\"mode\":\"forward\",\"forwardTo\":\"5550100\"}}")));
        assertEquals("tenants[0].numbers[0].agentId: no agent 'bob' in this tenant",
                seedProblem(seedWithNumber("{\"phoneNumber\":\"+15005550101\",\"agentId\":\"bob\",\"routing\":{\"mode\":\"voicemail\"}}")));
        assertEquals("tenants[0].numbers[1].phoneNumber: +15005550101 appears twice",
                seedProblem(seedWithNumber("{\"phoneNumber\":\"+15005550101\",\"routing\":{\"mode\":\"voicemail\"}},"
                        + "{\"phoneNumber\":\"+15005550101\",\"routing\":{\"mode\":\"voicemail\"}}")));
        assertEquals("tenants[0].twilio: accountSid and authToken are required",
                seedProblem("{\"tenants\":[{\"id\":\"acme\",\"twilio\":{\"accountSid\":\"AC00000000000000000000000000000001\"}}]}"));
    }

    @Test
    void aMissingSeedFileIsNamed() {
        var e = assertThrows(Seed.Invalid.class, () -> LocalStack.readSeed(Path.of("no-such-seed.json")));
        assertEquals("no-such-seed.json: no such file", e.getMessage());
    }

    @Test
    void optionsParseAndBadOnesAreRefused() {
        var command = Arguments.parse(new String[]{"--port", "3100", "--public-url", "https://abc.ngrok.app/"});
        assertEquals(3100, command.options().port());
        assertEquals("https://abc.ngrok.app", command.options().publicUrl().toString());
        assertNull(command.invokeFunction());

        var invoke = Arguments.parse(new String[]{"invoke", "InboundCallFunction", "-e", "events/inbound-call.json"});
        assertEquals("InboundCallFunction", invoke.invokeFunction());

        assertEquals("unknown option --prot", assertThrows(Arguments.UsageError.class,
                () -> Arguments.parse(new String[]{"--prot", "1"})).getMessage());
        assertEquals("--port must be a number from 0 to 65535, got 'x'", assertThrows(Arguments.UsageError.class,
                () -> Arguments.parse(new String[]{"--port", "x"})).getMessage());
        assertEquals("--public-url must be an http(s) URL, got 'ftp://x'", assertThrows(Arguments.UsageError.class,
                () -> Arguments.parse(new String[]{"--public-url", "ftp://x"})).getMessage());
        assertEquals("invoke needs -e <event.json>", assertThrows(Arguments.UsageError.class,
                () -> Arguments.parse(new String[]{"invoke", "InboundCallFunction"})).getMessage());
    }

    @Test
    void optionsTakeEqualsSignsAndDefaultToTheSimulator() {
        var command = Arguments.parse(new String[]{"--port=3100", "--aws-ports-from=4566", "--simulator-port", "3200"});
        assertEquals(3100, command.options().port());
        assertEquals(4566, command.options().awsPortsFrom());
        assertEquals(3200, command.options().simulatorPort());
        assertNull(command.options().twilioApi(), "the built-in Twilio simulator unless --twilio-api says otherwise");
        assertEquals("https://api.twilio.com", Arguments.parse(new String[]{"--twilio-api=https://api.twilio.com"})
                .options().twilioApi().toString());
    }

    @Test
    void helpAndVersionAreAnswersNotErrors() {
        assertEquals(Main.USAGE, assertThrows(Arguments.Informational.class,
                () -> Arguments.parse(new String[]{"--help"})).text);
        org.junit.jupiter.api.Assertions.assertTrue(assertThrows(Arguments.Informational.class,
                () -> Arguments.parse(new String[]{"--port", "1", "--version"})).text.startsWith("switchboard-local "));
    }

    @Test
    void callAndSmsNeedTheirNumbers() {
        var call = Arguments.parse(new String[]{"call", "--from", "+14155550100", "--to=+15005550101", "--outcome",
                "no-answer", "--say", "Call me back"});
        assertEquals("call", call.simulate().kind());
        assertEquals("+15005550101", call.simulate().to());
        assertEquals("no-answer", call.simulate().outcome());
        assertEquals("http://127.0.0.1:3001", call.simulate().simulator().toString());
        assertEquals(null, call.simulate().ringSeconds(), "played at once unless paced");
        assertEquals(null, call.simulate().talkSeconds());
        var paced = Arguments.parse(new String[]{"call", "--from", "+14155550100", "--to", "+15005550101",
                "--ring-seconds", "3", "--talk-seconds=0"}).simulate();
        assertEquals(3, paced.ringSeconds());
        assertEquals(0, paced.talkSeconds());
        assertEquals("call needs --from and --to, e.g. call --from +14155550100 --to +15005550101",
                assertThrows(Arguments.UsageError.class, () -> Arguments.parse(new String[]{"call", "--to", "+1"})).getMessage());
        assertThrows(Arguments.UsageError.class, () -> Arguments.parse(new String[]{"call", "--from", "+1", "--to", "+2",
                "--outcome", "exploded"}));
        assertThrows(Arguments.UsageError.class, () -> Arguments.parse(new String[]{"sms", "--from", "+1", "--to", "+2",
                "--media", "/no/such/file.png"}));
    }
}
