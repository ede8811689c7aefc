package dev.switchboard.shared.flows;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.shared.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlowValidatorTest {
    static final FlowContext CONTEXT = new FlowContext(Set.of("alice", "bob"), Set.of("office"));

    @Test
    void theDocumentedFlowWithEveryNodeReachableRuns() {
        Flow flow = ExampleFlow.reachable();

        assertEquals(List.of(), FlowValidator.problems(flow, CONTEXT));
        // One menu: 3 visits of at most 1 + 3 + 3 + 3 prompts; six nodes that speak (the hours,
        // two says, three voicemail boxes), at most once between two menu visits.
        assertEquals(new Proof(3 * 10 + (3 + 1) * 6, 3), FlowValidator.prove(flow));
    }

    @Test
    void theDocumentedFlowAsItIsHasTwoNodesNoCallReaches() {
        assertEquals(List.of(new Problem("nodes.bot", "bot: no route from the start reaches it"),
                new Problem("nodes.bye", "bye: no route from the start reaches it")),
                FlowValidator.problems(ExampleFlow.flow(), CONTEXT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusesWithThePathAndTheRoute(String why, Consumer<ObjectNode> change, String path, String message) {
        ObjectNode json = ExampleFlow.reachableJson();
        change.accept(json);

        List<Problem> problems = FlowValidator.problems(FlowJson.read(json, "f"), CONTEXT);

        assertTrue(problems.contains(new Problem(path, message)), () -> "Not among " + problems);
    }

    static java.util.stream.Stream<Arguments> refusals() {
        String main = "start → hours (open) → main";
        return java.util.stream.Stream.of(
                // 1. names of nothing
                refusal("a start that is no node", j -> j.put("start", "nope"), "start", "start → nope: there is no node nope"),
                refusal("an operator that is no node", j -> j.put("operator", "nope"), "operator",
                        "operator → nope: there is no node nope"),
                refusal("an option to no node", j -> option(j, 1).put("next", "nowhere"), "nodes.main.options[1].next",
                        main + " [2] → nowhere: there is no node nowhere"),
                refusal("a menu's exit to no node", j -> node(j, "main").put("noInput", "nowhere"), "nodes.main.noInput",
                        main + " (no input) → nowhere: there is no node nowhere"),
                refusal("a menu's invalid to no node", j -> node(j, "main").put("invalid", "nowhere"), "nodes.main.invalid",
                        main + " (invalid) → nowhere: there is no node nowhere"),
                refusal("an hours branch to no node", j -> node(j, "hours").put("holiday", "nowhere"), "nodes.hours.holiday",
                        "start → hours (holiday) → nowhere: there is no node nowhere"),
                refusal("a say's next to no node", j -> node(j, "holiday").put("next", "nowhere"), "nodes.holiday.next",
                        "start → hours (holiday) → holiday → nowhere: there is no node nowhere"),
                refusal("a ring group's no answer to no node", j -> node(j, "support").put("noAnswer", "nowhere"),
                        "nodes.support.noAnswer", main + " [2] → support (no answer) → nowhere: there is no node nowhere"),
                refusal("an agent the account does not have", j -> agents(j, "support").add("carol"),
                        "nodes.support.agents[2]", main + " [2] → support: there is no agent carol"),
                refusal("a voicemail box of an agent the account does not have", j -> node(j, "sales-vm").put("agentId", "carol"),
                        "nodes.sales-vm.agentId", main + " [1] → sales (no answer) → sales-vm: there is no agent carol to take the messages"),
                refusal("a schedule the account does not have", j -> node(j, "hours").put("schedule", "shop"),
                        "nodes.hours.schedule", "start → hours: there is no schedule shop"),
                // 2. unreachable
                refusal("an operator no menu reaches", j -> node(j, "main").put("operator", false).put("noInput", "after-hours")
                                .put("invalid", "after-hours"), "nodes.reception",
                        "reception: no route from the start reaches it (it is the operator, but no menu a call reaches has its operator key on)"),
                // 3. keys and phrases
                refusal("two options on one key", j -> option(j, 1).put("digits", "1"), "nodes.main.options[1].digits",
                        main + ": options[0] (Sales) and options[1] (Support) both take 1"),
                refusal("an option on the repeat key", j -> option(j, 1).put("digits", "9"), "nodes.main.options[1].digits",
                        main + ": options[1] (Support) takes 9, the repeat key"),
                refusal("an option on a moved repeat key", j -> node(j, "main").put("repeatKey", "2"), "nodes.main.options[1].digits",
                        main + ": options[1] (Support) takes 2, the repeat key"),
                refusal("an option on the operator's key", j -> option(j, 1).put("digits", "0"), "nodes.main.options[1].digits",
                        main + ": options[1] (Support) takes 0, the operator's key"),
                refusal("an option's keys the start of another's", j -> option(j, 1).put("digits", "12"),
                        "nodes.main.options[1].digits", main + ": options[0] (Sales) takes 1 and options[1] (Support) takes 12:"
                                + " a caller who means the shorter has to wait for the timeout"),
                refusal("an option's keys beginning with the repeat key", j -> option(j, 1).put("digits", "91"),
                        "nodes.main.options[1].digits", main + ": options[1] (Support) takes 91, which begins with 9, the repeat key"),
                refusal("one keyword on two options", j -> keywords(j, 1).add(" SALES "), "nodes.main.options[1].keywords[2]",
                        main + ": options[1] (Support)'s keyword ' SALES ' is also said for options[0] (Sales): saying it picks neither"),
                refusal("a keyword that is another option's label", j -> keywords(j, 0).add("support"),
                        "nodes.main.options[1].label", main + ": options[1] (Support)'s label 'Support' is also said for"
                                + " options[0] (Sales): saying it picks neither"),
                refusal("a keyword of no words", j -> keywords(j, 0).add("?!"), "nodes.main.options[0].keywords[1]",
                        main + ": options[0] (Sales)'s keyword '?!' holds no word a caller could say"),
                refusal("an option with neither keys nor words", j -> option(j, 1).without(List.of("digits", "keywords")),
                        "nodes.main.options[1]", main + ": options[1] (Support) has neither digits nor keywords:"
                                + " give it a key to press or words to say"),
                refusal("the repeat key on 0", j -> node(j, "main").put("repeatKey", "0"), "nodes.main.repeatKey",
                        main + ": the repeat key cannot be '0': 0 is the operator's key (null turns repeating off)"),
                refusal("the repeat key on *", j -> node(j, "main").put("repeatKey", "*"), "nodes.main.repeatKey",
                        main + ": the repeat key cannot be '*': * is the back key (null turns repeating off)"),
                refusal("the repeat key on two keys", j -> node(j, "main").put("repeatKey", "99"), "nodes.main.repeatKey",
                        main + ": the repeat key cannot be '99': it must be a single digit (null turns repeating off)"),
                refusal("the repeat key on a letter", j -> node(j, "main").put("repeatKey", "a"), "nodes.main.repeatKey",
                        main + ": the repeat key cannot be 'a': it must be a single digit (null turns repeating off)"),
                // 5. loops with no way out
                refusal("a menu whose exit comes back to it", j -> {
                    node(j, "main").put("noInput", "info");
                    nodes(j).putObject("info").put("type", "say").put("text", "We are at 1 Main St.").put("next", "main");
                }, "nodes.main", "main (no input) → info → main: a loop with no way out (once its menus' visits are used up,"
                        + " each takes its no-input exit, back into it), so a call that comes here never ends;"
                        + " reached by start → hours (open) → main"),
                refusal("a say that says itself", j -> node(j, "holiday").put("next", "holiday"), "nodes.holiday",
                        "holiday → holiday: a loop with no way out, so a call that comes here never ends;"
                                + " reached by start → hours (holiday) → holiday"),
                refusal("a loop through hours, a menu's exit and a ring group", j -> node(j, "reception").put("noAnswer", "hours"),
                        "nodes.hours", "hours (open) → main (no input) → reception (no answer) → hours: a loop with no way out"
                                + " (once its menus' visits are used up, each takes its no-input exit, back into it),"
                                + " so a call that comes here never ends; reached by start → hours"));
    }

    /** "Press 5 to hear our hours", and back to the menu. */
    static ObjectNode loopThroughAMenu() {
        ObjectNode json = ExampleFlow.reachableJson();
        ((ArrayNode) node(json, "main").get("options")).addObject().put("digits", "5").put("label", "Our hours")
                .put("next", "our-hours");
        nodes(json).putObject("our-hours").put("type", "say").put("text", "We are open 9 to 5.").put("next", "main");
        return json;
    }

    @Test
    void aLoopThroughAMenuRuns() {
        // The menu's visits end the loop.
        Flow flow = FlowJson.read(loopThroughAMenu(), "f");

        assertEquals(List.of(), FlowValidator.problems(flow, CONTEXT));
        assertEquals(new Proof(3 * 10 + (3 + 1) * 7, 3), FlowValidator.prove(flow));
    }

    @Test
    void aKnotOfLoopsIsToldOnceFromTheNodeNearestTheStart() {
        Flow flow = FlowJson.read(Json.parse("""
                {"name": "n", "start": "welcome", "nodes": {
                  "welcome": {"type": "say", "text": "Welcome.", "next": "a"},
                  "a": {"type": "say", "text": "A.", "next": "b"},
                  "b": {"type": "hours", "schedule": "office", "open": "a", "closed": "c"},
                  "c": {"type": "say", "text": "C.", "next": "b"}}}
                """), "f");

        assertEquals(List.of(new Problem("nodes.a", "a → b (open) → a: a loop with no way out, so a call that comes"
                + " here never ends; reached by start → welcome → a")), FlowValidator.problems(flow, CONTEXT));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> FlowValidator.prove(flow));
        assertTrue(refused.getMessage().startsWith("a → b (open) → a: "), refused.getMessage());
    }

    @Test
    void zeroIsAnOptionWhenTheMenuOrTheFlowHasNoOperator() {
        ObjectNode json = ExampleFlow.reachableJson();
        ((ObjectNode) node(json, "main").get("options").get(1)).put("digits", "0");
        node(json, "main").put("operator", false);
        json.remove("operator");

        assertEquals(List.of(), FlowValidator.problems(FlowJson.read(json, "f"), CONTEXT));

        node(json, "main").put("operator", true);
        assertEquals(List.of(), FlowValidator.problems(FlowJson.read(json, "f"), CONTEXT));
    }

    @Test
    void aMenuWithNoRepeatKeyLetsAnOptionTake9() {
        ObjectNode json = ExampleFlow.reachableJson();
        node(json, "main").putNull("repeatKey");
        ((ObjectNode) node(json, "main").get("options").get(1)).put("digits", "9");

        assertEquals(List.of(), FlowValidator.problems(FlowJson.read(json, "f"), CONTEXT));
    }

    @Test
    void fiveMenusDeepRunsSixAreRefused() {
        assertEquals(List.of(), FlowValidator.problems(menus(5), CONTEXT));
        assertEquals(List.of(new Problem("nodes.m6", "start → m1 [1] → m2 [1] → m3 [1] → m4 [1] → m5 [1] → m6: 6 menus"
                + " deep, where a caller may be taken at most 5 menus deep")), FlowValidator.problems(menus(6), CONTEXT));
    }

    @Test
    void aShortcutMakesAMenuShallow() {
        Flow deep = menus(6);
        ObjectNode json = FlowJson.write(deep);
        ((ArrayNode) node(json, "m1").get("options")).addObject().put("digits", "2").put("label", "Shortcut")
                .put("next", "m6");

        assertEquals(List.of(), FlowValidator.problems(FlowJson.read(json, "f"), CONTEXT));
    }

    @Test
    void aFlowSomeCallCouldHearMoreThan500PromptsInIsRefused() {
        // Four menus of 5 visits, each of at most 1 + 5 + 5 + 3 prompts: 280; 21 times the
        // 10 nodes that speak: 210.
        Flow flow = menus(4, 5, 5, 10);

        assertEquals(new Proof(4 * 5 * 14 + 21 * 10, 20), FlowValidator.prove(flow));
        assertEquals(List.of(), FlowValidator.problems(flow, CONTEXT));

        Flow more = menus(4, 5, 5, 11);
        assertEquals(4 * 5 * 14 + 21 * 11, FlowValidator.prove(more).maxPrompts());
        assertEquals(List.of(new Problem("nodes", "A call could hear up to 511 prompts before it ends, more than 500:"
                + " lower the menus' maxVisits or retries, or use fewer menus or spoken nodes")),
                FlowValidator.problems(more, CONTEXT));
    }

    /** A chain of menus, each going on to the next with 1, then a goodbye. */
    private static Flow menus(int count) {
        return menus(count, 3, 3, 1);
    }

    /** A chain of menus, then {@code says} nodes that speak one after the other. */
    private static Flow menus(int count, int visits, int retries, int says) {
        ObjectNode json = Json.MAPPER.createObjectNode().put("name", "n").put("start", "m1");
        ObjectNode nodes = json.putObject("nodes");
        for (int i = 1; i <= count; i++) {
            ObjectNode menu = nodes.putObject("m" + i).put("type", "menu").put("prompt", "Menu " + i + ".")
                    .put("noInput", "say1").put("maxVisits", visits).put("noInputRetries", retries)
                    .put("invalidRetries", retries);
            menu.putArray("options").addObject().put("digits", "1").put("label", "On")
                    .put("next", i == count ? "say1" : "m" + (i + 1));
        }
        for (int i = 1; i <= says; i++) {
            ObjectNode say = nodes.putObject("say" + i).put("type", "say").put("text", "Say " + i + ".");
            if (i < says) {
                say.put("next", "say" + (i + 1));
            }
        }
        return FlowJson.read(json, "f");
    }

    private static Arguments refusal(String why, Consumer<ObjectNode> change, String path, String message) {
        return Arguments.of(why, change, path, message);
    }

    static ObjectNode nodes(ObjectNode json) {
        return (ObjectNode) json.get("nodes");
    }

    static ObjectNode node(ObjectNode json, String id) {
        return (ObjectNode) nodes(json).get(id);
    }

    private static ObjectNode option(ObjectNode json, int index) {
        return (ObjectNode) node(json, "main").get("options").get(index);
    }

    private static ArrayNode keywords(ObjectNode json, int option) {
        return (ArrayNode) option(json, option).get("keywords");
    }

    private static ArrayNode agents(ObjectNode json, String ring) {
        return (ArrayNode) node(json, ring).get("agents");
    }
}
