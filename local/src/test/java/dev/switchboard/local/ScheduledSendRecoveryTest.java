package dev.switchboard.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.twilio.type.PhoneNumber;
import dev.switchboard.messaging.scheduled.ScheduledSends;
import dev.switchboard.shared.json.Json;
import dev.switchboard.shared.queue.QueueMessage;
import dev.switchboard.shared.twilio.rest.TwilioAccess;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static dev.switchboard.local.MessagingTest.message;
import static dev.switchboard.local.MessagingTest.newParty;
import static dev.switchboard.local.MessagingTest.send;
import static dev.switchboard.local.MessagingTest.twilioSendsTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A scheduled message whose sending was taken and never finished (the sender died, or Twilio's
 * answer never came) is checked at Twilio before it is sent again, and is matched only to a
 * Twilio message of its own: two identical reminders are two messages.
 */
class ScheduledSendRecoveryTest {
    private static final String BODY = "Reminder: your table for two is at 8pm";

    /** The scheduled sender, its clock at {@code now}, as SendQueue's function runs it. */
    private static ScheduledSends senderAt(Instant now) {
        var p = TestStack.repositories();
        return new ScheduledSends(p.scheduledMessages(), p.messages(), p.optOuts(),
                new TwilioAccess(p.accounts(), p.sealer(), p::twilio), TestStack.PUBLIC_URL.toString(),
                Clock.fixed(now, ZoneOffset.UTC));
    }

    private static void handle(ScheduledSends sender, String messageId) throws Exception {
        sender.handle(new QueueMessage("q-" + messageId, Json.write(Map.of("tenantId", Demo.ACME,
                "messageId", messageId)), 1, Map.of()));
    }

    private static String schedule(String party) {
        Instant sendAt = Instant.now().plusSeconds(90).truncatedTo(ChronoUnit.SECONDS);
        var scheduled = send(Map.of("from", Demo.FORWARD_NUMBER, "to", party, "body", BODY,
                "sendAt", sendAt.toString()));
        assertEquals(201, scheduled.status(), scheduled.body());
        return scheduled.json().path("id").asText();
    }

    /** Takes the message for sending as a sender does, at {@code at}, and is never heard from again. */
    private static void lostClaim(String messageId, Instant at) {
        assertTrue(TestStack.repositories().scheduledMessages().claim(Demo.ACME, messageId, at, at).isPresent(),
                "scheduled, so taken");
    }

    /** A message at Twilio with no answer or callback ever reaching Switchboard. */
    private static String sentAtTwilioUnseen(String party) {
        var client = TestStack.repositories().twilio().forAccount(Demo.ACME_ACCOUNT, Demo.ACME_TOKEN);
        return com.twilio.rest.api.v2010.account.Message.creator(Demo.ACME_ACCOUNT, new PhoneNumber(party),
                new PhoneNumber(Demo.FORWARD_NUMBER), BODY).create(client).getSid();
    }

    private static void assertSentAsItself(String messageSid, String party) {
        JsonNode atTwilio = TestStack.twilio().message(messageSid).orElseThrow();
        assertEquals(party, atTwilio.path("to").asText());
        assertEquals(BODY, atTwilio.path("body").asText());
    }

    @Test
    void twoIdenticalRemindersAreBothSentWhenOnesSendingWasLost() throws Exception {
        String party = newParty();
        String first = schedule(party);
        String second = schedule(party);
        Instant claimed = Instant.now();
        lostClaim(second, claimed);

        handle(senderAt(Instant.now()), first);
        assertEquals(1, twilioSendsTo(party));

        // Minutes later the second is taken back. Twilio has one message like it: the first's.
        handle(senderAt(claimed.plus(Duration.ofMinutes(3))), second);
        assertEquals(2, twilioSendsTo(party), "the second reminder went too");
        String a = message(first).path("messageSid").textValue();
        String b = message(second).path("messageSid").textValue();
        assertNotNull(a);
        assertNotNull(b);
        assertNotEquals(a, b);
        assertSentAsItself(a, party);
        assertSentAsItself(b, party);
    }

    @Test
    void aReminderWhoseAnswerWasLostKeepsTheSidItsCallbacksGaveIt() throws Exception {
        String party = newParty();
        String first = schedule(party);
        String second = schedule(party);
        Instant claimed = Instant.now();
        lostClaim(second, claimed);

        // The first reaches Twilio, whose answer is lost; its status callbacks get here.
        TestStack.twilio().loseMessageAnswers(true);
        try {
            assertThrows(IllegalStateException.class, () -> handle(senderAt(Instant.now()), first));
        } finally {
            TestStack.twilio().loseMessageAnswers(false);
        }
        JsonNode a = message(first);
        assertEquals("delivered", a.path("status").asText(), a.toString());
        String sid = a.path("messageSid").textValue();
        assertNotNull(sid);
        assertTrue(TestStack.repositories().scheduledMessages().due(claimed.plus(Duration.ofMinutes(10)), 5000).stream()
                .noneMatch(d -> d.messageId().equals(first)), "no longer due");

        handle(senderAt(claimed.plus(Duration.ofMinutes(3))), second);
        assertEquals(2, twilioSendsTo(party), "the second reminder went too");
        assertNotEquals(sid, message(second).path("messageSid").textValue());
        assertSentAsItself(message(second).path("messageSid").textValue(), party);
    }

    @Test
    void aLostSendThatReachedTwilioIsFoundAndNotSentAgain() throws Exception {
        String party = newParty();
        String first = schedule(party);
        String second = schedule(party);
        Instant claimed = Instant.now();
        lostClaim(second, claimed);
        handle(senderAt(Instant.now()), first);
        String reached = sentAtTwilioUnseen(party);
        assertEquals(2, twilioSendsTo(party));

        handle(senderAt(claimed.plus(Duration.ofMinutes(3))), second);
        assertEquals(2, twilioSendsTo(party), "not sent a second time");
        assertEquals(reached, message(second).path("messageSid").textValue());
        assertNotEquals(reached, message(first).path("messageSid").textValue());
    }

    @Test
    void aLostSendIsFoundEvenWhenTheFirstCheckForItWasLostToo() throws Exception {
        String party = newParty();
        String reminder = schedule(party);
        Instant claimed = Instant.now();
        lostClaim(reminder, claimed);
        String reached = sentAtTwilioUnseen(party);
        // Taken back minutes later, and that attempt died too before it could check.
        lostClaim(reminder, claimed.plus(Duration.ofMinutes(3)));

        handle(senderAt(claimed.plus(Duration.ofMinutes(6))), reminder);
        assertEquals(1, twilioSendsTo(party), "not sent a second time");
        assertEquals(reached, message(reminder).path("messageSid").textValue());
    }

    @Test
    void aLikeMessageSentBeforeTheLostClaimIsNotTakenForIt() throws Exception {
        String party = newParty();
        String reminder = schedule(party);
        // The same text, sent at Twilio by something else before the sender took the reminder.
        sentAtTwilioUnseen(party);
        Instant claimed = Instant.now().plus(Duration.ofMinutes(1));
        lostClaim(reminder, claimed);

        handle(senderAt(claimed.plus(Duration.ofMinutes(3))), reminder);
        assertEquals(2, twilioSendsTo(party), "the reminder went");
        assertSentAsItself(message(reminder).path("messageSid").textValue(), party);
    }

    @Test
    void noSendingAttemptOutlivesTheWindowItsMessageIsLookedForIn() throws Exception {
        try (InputStream in = Template.class.getResourceAsStream(Template.RESOURCE)) {
            JsonNode template = new ObjectMapper(new YAMLFactory()).readTree(in);
            int timeout = template.path("Resources").path("ScheduledSendFunction").path("Properties").path("Timeout")
                    .asInt();
            assertTrue(timeout > 0 && Duration.ofSeconds(timeout).compareTo(ScheduledSends.ATTEMPT) < 0,
                    "ScheduledSendFunction's timeout " + timeout + " s is under " + ScheduledSends.ATTEMPT);
        }
    }
}
