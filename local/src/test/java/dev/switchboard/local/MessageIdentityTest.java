package dev.switchboard.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.shared.events.DomainEvent;
import dev.switchboard.shared.messaging.MessageIds;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.switchboard.local.MessagingTest.conversationWith;
import static dev.switchboard.local.MessagingTest.events;
import static dev.switchboard.local.MessagingTest.hex;
import static dev.switchboard.local.MessagingTest.inbound;
import static dev.switchboard.local.MessagingTest.message;
import static dev.switchboard.local.MessagingTest.newParty;
import static dev.switchboard.local.MessagingTest.sendText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whose message is whose: nothing one tenant's account signs (an inbound message, a status
 * callback) can block, replace or hide another tenant's message, and a status callback for a
 * message Switchboard does not know leaves nothing behind, while one for a message Switchboard
 * sent always finds it, even before Twilio's answer does, or without it.
 */
class MessageIdentityTest {

    @AfterEach
    void twilioAsUsual() {
        TestStack.twilio().answerMessagesAfterCallbacks(false);
        TestStack.twilio().loseMessageAnswers(false);
        TestStack.twilio().answerMessagesWithStatus(null);
    }

    /** Every id a tenant could derive for another tenant's inbound message from its MessageSid. */
    private static List<String> derivableIds(String tenantId, String messageSid) throws Exception {
        var sha = MessageDigest.getInstance("SHA-256");
        String fromSidAlone = "msg_" + HexFormat.of().formatHex(
                sha.digest(("inbound|" + messageSid).getBytes(StandardCharsets.UTF_8)), 0, 12);
        return List.of(fromSidAlone, MessageIds.inboundId(tenantId, messageSid));
    }

    private static Map<String, String> status(String account, String sid, String status, String from, String to) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", account);
        params.put("ApiVersion", "2010-04-01");
        params.put("MessageSid", sid);
        params.put("SmsSid", sid);
        params.put("MessageStatus", status);
        params.put("SmsStatus", status);
        params.put("From", from);
        params.put("To", to);
        return params;
    }

    private static List<JsonNode> eventsOf(String tenantId, String type, String field, String value) {
        return events(type, field, value).stream().filter(e -> e.path("tenantId").asText().equals(tenantId)).toList();
    }

    @Test
    void anotherTenantUsingAMessageSidFirstCannotHideThisTenantsInboundMessage() throws Exception {
        String sid = "SM" + hex(16);
        String party = newParty();

        // globex's account, signing for itself, uses the SID first: a message to its own number...
        Map<String, String> theirs = inbound(party, sid, "globex's own message");
        theirs.put("AccountSid", Demo.GLOBEX_ACCOUNT);
        theirs.put("To", Demo.GLOBEX_NUMBER);
        assertEquals(200, SignedWebhooks.post("/twilio/messaging/inbound", theirs, Demo.GLOBEX_TOKEN).status());
        // ...and status callbacks naming every id acme's message could be given.
        for (String id : derivableIds(Demo.ACME, sid)) {
            var answer = SignedWebhooks.post("/twilio/messaging/status?messageId=" + id,
                    status(Demo.GLOBEX_ACCOUNT, sid, "delivered", Demo.GLOBEX_NUMBER, party), Demo.GLOBEX_TOKEN);
            assertEquals(200, answer.status(), answer.body());
        }

        // acme's real message with that SID is kept, as acme's, untouched by globex's requests.
        var answer = SignedWebhooks.post("/twilio/messaging/inbound", inbound(party, sid, "Is my order ready?"),
                Demo.ACME_TOKEN);
        assertEquals(200, answer.status(), answer.body());
        JsonNode conversation = conversationWith(party);
        assertEquals(1, conversation.path("unreadCount").asInt(), conversation.toString());
        JsonNode m = message(conversation.path("lastMessage").path("messageId").asText());
        assertEquals("Is my order ready?", m.path("body").asText(), m.toString());
        assertEquals("inbound", m.path("direction").asText());
        assertEquals("received", m.path("status").asText());
        assertEquals(sid, m.path("messageSid").asText());
        assertEquals(0, m.path("callbacks").size(), "no other account's callbacks in its log: " + m);
        assertEquals(1, eventsOf(Demo.ACME, DomainEvent.MESSAGE_RECEIVED, "messageSid", sid).size());
        assertTrue(eventsOf(Demo.ACME, DomainEvent.MESSAGE_STATUS_CHANGED, "messageSid", sid).isEmpty());

        // globex keeps its own message too.
        List<JsonNode> globex = eventsOf(Demo.GLOBEX, DomainEvent.MESSAGE_RECEIVED, "messageSid", sid);
        assertEquals(1, globex.size());
        assertEquals("globex's own message", globex.getFirst().path("payload").path("body").asText());
    }

    @Test
    void aStatusCallbackForAMessageSwitchboardDoesNotKnowLeavesNothing() {
        String sid = "SM" + hex(16);
        String party = newParty();
        String madeUp = "msg_" + hex(12);
        var answer = SignedWebhooks.post("/twilio/messaging/status?messageId=" + madeUp,
                status(Demo.ACME_ACCOUNT, sid, "sent", Demo.FORWARD_NUMBER, party), Demo.ACME_TOKEN);
        assertEquals(200, answer.status(), answer.body());
        assertEquals(404, Api.call("GET", "/v1/tenants/{tenantId}/messages/{messageId}",
                MessagingTest.at("messageId", madeUp), Api.adminKey(), null).status());
        assertTrue(events(DomainEvent.MESSAGE_STATUS_CHANGED, "messageId", madeUp).isEmpty(),
                "no event for a message that does not exist");

        // A later inbound message with that SID is kept.
        assertEquals(200, SignedWebhooks.post("/twilio/messaging/inbound", inbound(party, sid, "Hello"),
                Demo.ACME_TOKEN).status());
        assertEquals("Hello", conversationWith(party).path("lastMessage").path("body").asText());
        assertEquals(1, events(DomainEvent.MESSAGE_RECEIVED, "messageSid", sid).size());
    }

    @Test
    void statusCallbacksThatBeatTwiliosAnswerToTheSendAreKept() {
        TestStack.twilio().answerMessagesAfterCallbacks(true);
        String party = newParty();
        var sent = sendText(party, "Your parcel is on its way");
        assertEquals(201, sent.status(), sent.body());
        String id = sent.json().path("id").asText();
        JsonNode m = message(id);
        assertEquals("delivered", m.path("status").asText(), m.toString());
        assertEquals(sent.json().path("messageSid").asText(), m.path("messageSid").asText());
        assertFalse(m.path("sentAt").isNull(), m.toString());
        assertFalse(m.path("deliveredAt").isNull(), m.toString());
        assertEquals(2, m.path("callbacks").size(), m.toString());
        assertEquals(party, m.path("to").asText());
        assertEquals(2, events(DomainEvent.MESSAGE_STATUS_CHANGED, "messageId", id).size());
        assertEquals(id, conversationWith(party).path("lastMessage").path("messageId").asText());
    }

    @Test
    void aSendWhoseAnswerNeverCameIsKeptAndItsCallbacksFillItIn() {
        TestStack.twilio().loseMessageAnswers(true);
        String party = newParty();
        var lost = sendText(party, "See you at 10");
        assertEquals(502, lost.status(), lost.body());
        var named = java.util.regex.Pattern.compile("msg_[0-9a-f]{24}").matcher(lost.body());
        assertTrue(named.find(), "the answer names the message: " + lost.body());
        String id = named.group();

        List<JsonNode> atTwilio = TestStack.twilio().messagesTo(party);
        assertEquals(1, atTwilio.size(), "Twilio took it");
        JsonNode m = message(id);
        assertEquals(atTwilio.getFirst().path("sid").asText(), m.path("messageSid").asText(), m.toString());
        assertEquals("delivered", m.path("status").asText(), m.toString());
        assertEquals("See you at 10", m.path("body").asText());
        assertEquals(2, events(DomainEvent.MESSAGE_STATUS_CHANGED, "messageId", id).size());
    }

    @Test
    void aSendTwilioFailedToAnswerAfterMakingItIsKeptAndItsCallbacksFillItIn() {
        // A 500 may come after Twilio made the message: as with no answer, it may have gone.
        TestStack.twilio().answerMessagesWithStatus(500);
        String party = newParty();
        var failed = sendText(party, "Your table is ready");
        assertEquals(502, failed.status(), failed.body());
        var named = java.util.regex.Pattern.compile("msg_[0-9a-f]{24}").matcher(failed.body());
        assertTrue(named.find(), "the answer names the message: " + failed.body());

        List<JsonNode> atTwilio = TestStack.twilio().messagesTo(party);
        assertEquals(1, atTwilio.size(), "Twilio made it");
        JsonNode m = message(named.group());
        assertEquals(atTwilio.getFirst().path("sid").asText(), m.path("messageSid").asText(), m.toString());
        assertEquals("delivered", m.path("status").asText(), m.toString());
    }
}
