package dev.switchboard.shared.flows;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.shared.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlowJsonTest {
    @Test
    void readsTheDocumentedFlowWithItsDefaultsFilledIn() {
        Flow flow = ExampleFlow.flow();

        assertEquals("main-line", flow.id());
        assertEquals("Main line", flow.name());
        assertEquals("hours", flow.start());
        assertEquals("reception", flow.operator());
        assertEquals(List.of("hours", "main", "sales", "support", "reception", "sales-vm", "support-vm", "after-hours",
                "general-vm", "holiday", "bot", "bye"), List.copyOf(flow.nodes().keySet()));
        assertEquals(new Hours("hours", "office", "main", "after-hours", "holiday", "after-hours"), flow.node("hours"));
        Menu main = (Menu) flow.node("main");
        assertEquals(new MenuOption("2", List.of("support", "help"), "Support", "support"), main.options().get(1));
        assertEquals(new Ring("support", List.of("bob", "alice"), null, RingStrategy.IN_ORDER, 15, "support-vm", false),
                flow.node("support"));
        assertEquals(new Ring("reception", List.of(), "+15005550181", RingStrategy.SIMULTANEOUS, 20, null, false),
                flow.node("reception"));
        assertEquals(new VoicemailBox("sales-vm", "Sales is busy. Leave a message.", "alice", "sales"),
                flow.node("sales-vm"));
        assertEquals(new VoicemailBox("general-vm", null, null, null), flow.node("general-vm"));
        assertEquals(new Say("holiday", "Happy holidays. We are closed today.", null), flow.node("holiday"));
        assertEquals(new Stream("bot", "wss://agent.example.com/media"), flow.node("bot"));
        assertEquals(new Hangup("bye"), flow.node("bye"));
    }

    @Test
    void aMenuLeftToItsDefaults() {
        Menu menu = (Menu) FlowJson.read(Json.parse("""
                {"name": "n", "start": "m", "nodes": {
                  "m": {"type": "menu", "prompt": "Press 1.", "options": [{"digits": "1", "label": "One", "next": "end"}],
                        "noInput": "end"},
                  "end": {"type": "hangup"}}}
                """), "f").node("m");

        assertEquals(Menu.of("m", "Press 1.", List.of(new MenuOption("1", List.of(), "One", "end")), "end"), menu);
        assertEquals("9", menu.repeatKey());
        assertEquals(5, menu.timeoutSeconds());
        assertTrue(menu.back() && menu.operator());
        assertEquals(3, menu.maxVisits());
    }

    @Test
    void aRepeatKeyOfNullIsNoRepeatKeyAndStaysSoWrittenAndReadAgain() {
        ObjectNode json = ExampleFlow.json();
        ((ObjectNode) json.path("nodes").path("main")).putNull("repeatKey");

        Flow flow = FlowJson.read(json, "f");

        assertNull(((Menu) flow.node("main")).repeatKey());
        assertTrue(FlowJson.write(flow).path("nodes").path("main").has("repeatKey"));
        assertEquals(flow, FlowJson.read(FlowJson.write(flow), "f"));
    }

    @Test
    void writtenAndReadAgainIsTheSameFlowInTheSameOrder() {
        Flow flow = ExampleFlow.flow();

        ObjectNode written = FlowJson.write(flow);
        Flow again = FlowJson.read(written, flow.id());

        assertEquals(flow, again);
        assertEquals(List.copyOf(flow.nodes().keySet()), List.copyOf(again.nodes().keySet()));
        assertEquals(written, FlowJson.write(again));
        assertEquals("in-order", written.path("nodes").path("support").path("strategy").asText());
        assertEquals(20, written.path("nodes").path("reception").path("timeoutSeconds").asInt());
        assertFalse(written.path("nodes").path("general-vm").has("prompt"));
        assertFalse(written.has("id"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusesWithThePathOfTheField(String why, Consumer<ObjectNode> change, String path) {
        ObjectNode json = ExampleFlow.json();
        change.accept(json);

        InvalidFlow refused = assertThrows(InvalidFlow.class, () -> FlowJson.read(json, "f"));

        assertEquals(path, refused.path(), refused.getMessage());
        assertInstanceOf(IllegalArgumentException.class, refused);
    }

    /** java.util.stream.Stream in full: the flows package has a Stream of its own (a media stream node). */
    static java.util.stream.Stream<Arguments> refusals() {
        return java.util.stream.Stream.of(
                refusal("unknown field of the flow", j -> j.put("colour", "red"), "colour"),
                refusal("unknown field of a node", j -> node(j, "sales").put("ringtone", "x"), "nodes.sales.ringtone"),
                refusal("unknown field of an option", j -> option(j, 1).put("colour", "x"), "nodes.main.options[1].colour"),
                refusal("field of another kind of node", j -> node(j, "bye").put("next", "main"), "nodes.bye.next"),
                refusal("no name", j -> j.remove("name"), "name"),
                refusal("no start", j -> j.remove("start"), "start"),
                refusal("no nodes", j -> j.remove("nodes"), "nodes"),
                refusal("empty nodes", j -> j.putObject("nodes"), "nodes"),
                refusal("start not an id", j -> j.put("start", "a b"), "start"),
                refusal("node id not an id", j -> nodes(j).set("a.b", node(j, "bye").deepCopy()), "nodes.a.b"),
                refusal("101 nodes", FlowJsonTest::hundredAndOneNodes, "nodes"),
                refusal("no type", j -> node(j, "bye").remove("type"), "nodes.bye.type"),
                refusal("unknown type", j -> node(j, "bye").put("type", "queue"), "nodes.bye.type"),
                refusal("hours without a schedule", j -> node(j, "hours").remove("schedule"), "nodes.hours.schedule"),
                refusal("hours without closed", j -> node(j, "hours").remove("closed"), "nodes.hours.closed"),
                refusal("blank prompt", j -> node(j, "main").put("prompt", "  "), "nodes.main.prompt"),
                refusal("prompt too long", j -> node(j, "main").put("prompt", "a".repeat(4001)), "nodes.main.prompt"),
                refusal("prompt with a control character", j -> node(j, "main").put("prompt", "a\u0007"), "nodes.main.prompt"),
                refusal("menu without options", j -> node(j, "main").putArray("options"), "nodes.main.options"),
                refusal("13 options", FlowJsonTest::thirteenOptions, "nodes.main.options"),
                refusal("menu without an exit", j -> node(j, "main").remove("noInput"), "nodes.main.noInput"),
                refusal("digits with a star", j -> option(j, 1).put("digits", "2*"), "nodes.main.options[1].digits"),
                refusal("five digits", j -> option(j, 1).put("digits", "12345"), "nodes.main.options[1].digits"),
                refusal("digits as a number", j -> option(j, 1).put("digits", 2), "nodes.main.options[1].digits"),
                refusal("no label", j -> option(j, 0).remove("label"), "nodes.main.options[0].label"),
                refusal("label too long", j -> option(j, 0).put("label", "a".repeat(101)), "nodes.main.options[0].label"),
                refusal("option going nowhere", j -> option(j, 0).remove("next"), "nodes.main.options[0].next"),
                refusal("11 keywords", FlowJsonTest::elevenKeywords, "nodes.main.options[1].keywords"),
                refusal("keyword too long", j -> keywords(j, 1).add("a".repeat(51)), "nodes.main.options[1].keywords[2]"),
                refusal("keyword twice", j -> keywords(j, 1).add("help"), "nodes.main.options[1].keywords[2]"),
                refusal("timeout of 0", j -> node(j, "main").put("timeoutSeconds", 0), "nodes.main.timeoutSeconds"),
                refusal("timeout of 31", j -> node(j, "main").put("timeoutSeconds", 31), "nodes.main.timeoutSeconds"),
                refusal("timeout as text", j -> node(j, "main").put("timeoutSeconds", "5"), "nodes.main.timeoutSeconds"),
                refusal("6 retries", j -> node(j, "main").put("invalidRetries", 6), "nodes.main.invalidRetries"),
                refusal("6 visits", j -> node(j, "main").put("maxVisits", 6), "nodes.main.maxVisits"),
                refusal("no visits", j -> node(j, "main").put("maxVisits", 0), "nodes.main.maxVisits"),
                refusal("back as text", j -> node(j, "main").put("back", "yes"), "nodes.main.back"),
                refusal("agents and a phone", j -> node(j, "sales").put("phone", "+15005550100"), "nodes.sales.phone"),
                refusal("neither agents nor a phone", j -> node(j, "reception").remove("phone"), "nodes.reception.agents"),
                refusal("no agents", j -> node(j, "sales").putArray("agents"), "nodes.sales.agents"),
                refusal("11 agents", FlowJsonTest::elevenAgents, "nodes.sales.agents"),
                refusal("an agent twice", j -> ((ArrayNode) node(j, "sales").get("agents")).add("alice"), "nodes.sales.agents[2]"),
                refusal("an agent id not an id", j -> ((ArrayNode) node(j, "sales").get("agents")).add("a b"), "nodes.sales.agents[2]"),
                refusal("a phone not E.164", j -> node(j, "reception").put("phone", "5005550181"), "nodes.reception.phone"),
                refusal("unknown strategy", j -> node(j, "sales").put("strategy", "round-robin"), "nodes.sales.strategy"),
                refusal("ring timeout of 4", j -> node(j, "sales").put("timeoutSeconds", 4), "nodes.sales.timeoutSeconds"),
                refusal("ring timeout of 601", j -> node(j, "sales").put("timeoutSeconds", 601), "nodes.sales.timeoutSeconds"),
                refusal("record as text", j -> node(j, "sales").put("record", "true"), "nodes.sales.record"),
                refusal("box name too long", j -> node(j, "sales-vm").put("box", "b".repeat(101)), "nodes.sales-vm.box"),
                refusal("stream over ws://", j -> node(j, "bot").put("url", "ws://agent.example.com/media"), "nodes.bot.url"),
                refusal("stream without a host", j -> node(j, "bot").put("url", "wss:///media"), "nodes.bot.url"),
                refusal("stream with a password", j -> node(j, "bot").put("url", "wss://u:p@agent.example.com/"), "nodes.bot.url"),
                refusal("say without text", j -> node(j, "holiday").remove("text"), "nodes.holiday.text"),
                refusal("next not an id", j -> node(j, "after-hours").put("next", ""), "nodes.after-hours.next"),
                refusal("repeat key too long", j -> node(j, "main").put("repeatKey", "12345"), "nodes.main.repeatKey"),
                refusal("node not an object", j -> nodes(j).put("bye", "hangup"), "nodes.bye"),
                refusal("option not an object", j -> options(j).add("sales"), "nodes.main.options[2]"));
    }

    @Test
    void refusesAFlowThatIsNotAnObjectOrAnIdThatIsNotAnId() {
        assertEquals("", assertThrows(InvalidFlow.class, () -> FlowJson.read(Json.parse("[]"), "f")).path());
        assertEquals("id", assertThrows(InvalidFlow.class, () -> FlowJson.read(ExampleFlow.json(), "a/b")).path());
    }

    private static Arguments refusal(String why, Consumer<ObjectNode> change, String path) {
        return Arguments.of(why, change, path);
    }

    private static ObjectNode nodes(ObjectNode json) {
        return (ObjectNode) json.get("nodes");
    }

    private static ObjectNode node(ObjectNode json, String id) {
        return (ObjectNode) nodes(json).get(id);
    }

    private static ArrayNode options(ObjectNode json) {
        return (ArrayNode) node(json, "main").get("options");
    }

    private static ObjectNode option(ObjectNode json, int index) {
        return (ObjectNode) options(json).get(index);
    }

    private static ArrayNode keywords(ObjectNode json, int option) {
        return (ArrayNode) option(json, option).get("keywords");
    }

    private static void hundredAndOneNodes(ObjectNode json) {
        for (int i = nodes(json).size(); i <= FlowLimits.MAX_NODES; i++) {
            nodes(json).putObject("extra-" + i).put("type", "hangup");
        }
    }

    private static void thirteenOptions(ObjectNode json) {
        for (int i = 2; i < 13; i++) {
            options(json).addObject().put("digits", "5" + i).put("label", "L" + i).put("next", "bye");
        }
    }

    private static void elevenKeywords(ObjectNode json) {
        for (int i = 0; i < 9; i++) {
            keywords(json, 1).add("word" + i);
        }
    }

    private static void elevenAgents(ObjectNode json) {
        for (int i = 0; i < 9; i++) {
            ((ArrayNode) node(json, "sales").get("agents")).add("agent" + i);
        }
    }
}
