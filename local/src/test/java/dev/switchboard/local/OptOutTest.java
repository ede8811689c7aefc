package dev.switchboard.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.shared.events.DomainEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static dev.switchboard.local.MessagingTest.events;
import static dev.switchboard.local.MessagingTest.hex;
import static dev.switchboard.local.MessagingTest.inbound;
import static dev.switchboard.local.MessagingTest.message;
import static dev.switchboard.local.MessagingTest.newParty;
import static dev.switchboard.local.MessagingTest.send;
import static dev.switchboard.local.MessagingTest.sweepAt;
import static dev.switchboard.local.MessagingTest.texted;
import static dev.switchboard.local.MessagingTest.twilioSendsTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A party who opted out of any of a tenant's senders gets nothing from the tenant, whichever
 * number or Messaging Service a send names, now or scheduled, until they opt back in.
 */
class OptOutTest {
    /** A Messaging Service of acme's account; in the simulator it holds none of acme's numbers. */
    private static final String SERVICE = "MG" + "5e1f".repeat(8);

    private static Api.Response sendThroughService(String to, String body) {
        return send(Map.of("messagingServiceSid", SERVICE, "to", to, "body", body));
    }

    private static void assertOptedOut(Api.Response refused) {
        assertEquals(409, refused.status(), refused.body());
        assertEquals("opted_out", refused.json().path("error").path("code").asText(), refused.body());
    }

    /** Every conversation acme has with the party, whichever sender it is with. */
    private static List<JsonNode> conversationsWith(String party) {
        return MessagingTest.conversations().stream().filter(c -> c.path("party").asText().equals(party)).toList();
    }

    @Test
    void aStopToOneNumberRefusesSendsThroughAMessagingServiceAndFromOtherNumbersUntilStart() {
        String party = newParty();
        assertEquals(201, sendThroughService(party, "Thanks for your order").status());
        texted(party, "STOP", List.of());
        long before = twilioSendsTo(party);

        assertOptedOut(sendThroughService(party, "20% off this weekend"));
        assertOptedOut(send(Map.of("from", Demo.GREETING_NUMBER, "to", party, "body", "Your table is ready")));
        assertOptedOut(send(Map.of("messagingServiceSid", SERVICE, "to", party, "body", "Later",
                "sendAt", Instant.now().plus(10, ChronoUnit.MINUTES).toString())));
        assertEquals(before, twilioSendsTo(party), "Twilio was not asked");
        // Every conversation with the party says so, the service's as well as the number's.
        List<JsonNode> conversations = conversationsWith(party);
        assertEquals(2, conversations.size(), conversations.toString());
        conversations.forEach(c -> assertTrue(c.path("optedOut").asBoolean(), c.toString()));
        var read = Api.call("POST", "/v1/tenants/{tenantId}/conversations/{conversationId}/read",
                MessagingTest.at("conversationId", conversations.getFirst().path("id").asText()), Api.adminKey(), null);
        assertTrue(read.json().path("optedOut").asBoolean(), read.body());

        texted(party, "START", List.of());
        conversationsWith(party).forEach(c -> assertFalse(c.path("optedOut").asBoolean(), c.toString()));
        var sent = sendThroughService(party, "Welcome back");
        assertEquals(201, sent.status(), sent.body());
        assertEquals(before + 1, twilioSendsTo(party));
    }

    @Test
    void aStopThroughAMessagingServiceRefusesSendsFromTheTenantsNumbers() {
        String party = newParty();
        Map<String, String> stop = inbound(party, "SM" + hex(16), "stop");
        stop.put("MessagingServiceSid", SERVICE);
        assertEquals(200, SignedWebhooks.post("/twilio/messaging/inbound", stop, Demo.ACME_TOKEN).status());
        assertEquals(1, events(DomainEvent.CONTACT_OPTED_OUT, "party", party).size());

        assertOptedOut(send(Map.of("from", Demo.GREETING_NUMBER, "to", party, "body", "Hi")));
        assertOptedOut(sendThroughService(party, "Hi"));
        assertEquals(0, twilioSendsTo(party));
    }

    @Test
    void aScheduledSendThroughAServiceIsNotSentToAPartyWhoOptedOutAfterItWasScheduled() {
        String party = newParty();
        Instant sendAt = Instant.now().plusSeconds(90).truncatedTo(ChronoUnit.SECONDS);
        var scheduled = send(Map.of("messagingServiceSid", SERVICE, "to", party,
                "body", "Your appointment is tomorrow at 9", "sendAt", sendAt.toString()));
        assertEquals(201, scheduled.status(), scheduled.body());
        String id = scheduled.json().path("id").asText();

        texted(party, "STOP", List.of());
        assertTrue(sweepAt(sendAt).sweep().stream().anyMatch(s -> s.messageId().equals(id)));
        TestStack.get().eventSources().drain();

        JsonNode m = message(id);
        assertEquals("failed", m.path("status").asText(), m.toString());
        assertEquals("21610", m.path("errorCode").asText(), m.toString());
        assertEquals(0, twilioSendsTo(party), "Twilio was not asked");
        assertFalse(events(DomainEvent.MESSAGE_STATUS_CHANGED, "messageId", id).isEmpty());
    }
}
