package dev.switchboard.shared.flows.run;

import dev.switchboard.shared.config.WebhookPaths;
import dev.switchboard.shared.flows.Flow;
import dev.switchboard.shared.flows.FlowJson;
import dev.switchboard.shared.flows.FlowLimits;
import dev.switchboard.shared.flows.FlowNode;
import dev.switchboard.shared.flows.FlowValidator;
import dev.switchboard.shared.flows.Hangup;
import dev.switchboard.shared.flows.Hours;
import dev.switchboard.shared.flows.Menu;
import dev.switchboard.shared.flows.MenuOption;
import dev.switchboard.shared.flows.Proof;
import dev.switchboard.shared.flows.RandomFlows;
import dev.switchboard.shared.flows.Ring;
import dev.switchboard.shared.flows.RingStrategy;
import dev.switchboard.shared.flows.Say;
import dev.switchboard.shared.flows.Stream;
import dev.switchboard.shared.flows.VoicemailBox;
import dev.switchboard.shared.flows.schedules.Emergency;
import dev.switchboard.shared.flows.schedules.Interval;
import dev.switchboard.shared.flows.schedules.Override;
import dev.switchboard.shared.flows.schedules.Schedule;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The validator's promise, kept by the real engine: random callers run through random flows the
 * validator accepts, one Twilio request at a time, the way Twilio would. Each answer's TwiML is
 * read as Twilio reads it (the JDK's XML parser); what the call waits at (a {@code <Gather>} or a
 * {@code <Dial>}) gives the next request's phase and state, which goes through
 * {@link FlowState#decode} as it does between two real requests. Every call must end, within the
 * prompts {@link FlowValidator#prove} bounds, with a small state, steps numbered in order and
 * selections that lead somewhere.
 *
 * <p>Prompts are counted as the validator's proof counts them: a menu's prompt each time a
 * {@code <Gather>} plays it (the "not one of the choices" said before a replay is part of that
 * replay, not a prompt of its own), and each speech of a node that speaks: a say's text, an
 * hours node's emergency message, a voicemail box's prompt.
 *
 * <p>Counting every {@code <Say>} instead, that apology included, some calls of stubborn callers
 * go over the bound (the figure is printed): the javadoc's count is of prompts, and an invalid
 * entry's replay is one prompt, however it is introduced.
 *
 * <p>Seeded: the seed is in every failure message, and {@code -Dflows.seed=} replays it.
 */
class FlowEngineTerminationTest {
    private static final long SEED = Long.getLong("flows.seed", System.nanoTime());
    private static final int FLOWS = 2000;
    private static final int CALLS = 10;
    private static final int MAX_REQUESTS = 2000;
    private static final int MAX_STATE = 4000;
    /** A list, not a set: the same seed picks the same statuses in every JVM. */
    private static final List<String> DIAL_STATUSES = List.of("completed", "no-answer", "busy", "failed");
    private static final Set<String> CHOICES = Set.of("option", "operator", "back", "no-input", "invalid");
    /** Said to a menu, picks nothing: no option of a random flow listens for it. */
    private static final String MUMBLE = "mumble mumble";

    /** A Wednesday noon in UTC, the zone of every schedule here. */
    static final Instant NOW = Instant.parse("2025-06-11T12:00:00Z");
    static final URI BASE = URI.create("https://hooks.example.com");
    static final String STORM = "We are closed by the storm.";
    private static final Map<String, FlowWorld.Dialable> PEOPLE = Map.of(
            "alice", new FlowWorld.Dialable("alice", "+15005550001", null),
            "bob", new FlowWorld.Dialable("bob", "+15005550002", null),
            "carol", new FlowWorld.Dialable("carol", null, "carol-browser"),
            "dave", new FlowWorld.Dialable("dave", "+15005550004", null),
            "erin", new FlowWorld.Dialable("erin", null, "erin-browser"));

    /** What a schedule says at {@link #NOW}, and the branch an hours node takes for it. */
    enum Kind {
        OPEN("open"), CLOSED("closed"), CLOSED_ALL_DAY("closed"), HOLIDAY("holiday"), EMERGENCY("emergency"),
        MISSING("closed");

        final String branch;

        Kind(String branch) {
            this.branch = branch;
        }
    }

    /**
     * Schedules each of a kind at {@link #NOW}, built from the schedules' records (a missing one
     * is a schedule deleted since the flow was saved); the agents of {@link #PEOPLE}, "gone" not
     * among them.
     */
    record World(Map<String, Kind> kinds, Map<String, Schedule> schedules) implements FlowWorld {
        static World random(Random random) {
            Map<String, Kind> kinds = new HashMap<>();
            Map<String, Schedule> schedules = new HashMap<>();
            for (String id : RandomFlows.SCHEDULES) {
                Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
                kinds.put(id, kind);
                if (kind != Kind.MISSING) {
                    schedules.put(id, schedule(id, kind, random));
                }
            }
            return new World(kinds, schedules);
        }

        /** Changes come within a day, so that the engine's look at the schedule stays cheap. */
        static Schedule schedule(String id, Kind kind, Random random) {
            LocalDate today = LocalDate.ofInstant(NOW, ZoneOffset.UTC);
            Interval nineToFive = Interval.of(LocalTime.of(9, 0), LocalTime.of(17, 0));
            Interval afternoon = Interval.of(LocalTime.of(13, 0), LocalTime.of(17, 0));
            Map<DayOfWeek, List<Interval>> weekly = new EnumMap<>(DayOfWeek.class);
            for (DayOfWeek day : DayOfWeek.values()) {
                weekly.put(day, List.of(kind == Kind.CLOSED ? afternoon : nineToFive));
            }
            List<Override> overrides = switch (kind) {
                case CLOSED_ALL_DAY -> List.of(new Override.Dated(today, new Override.Effect.ClosedAllDay(), false,
                        "Stocktaking"));
                case HOLIDAY -> List.of(new Override.Dated(today, new Override.Effect.ClosedAllDay(), true,
                        "Founders Day"));
                default -> List.of();
            };
            Emergency emergency = kind == Kind.EMERGENCY
                    ? new Emergency(STORM, random.nextBoolean() ? null : NOW.plusSeconds(7200)) : null;
            return new Schedule(id, id, ZoneOffset.UTC, weekly, overrides, emergency);
        }

        @java.lang.Override
        public Optional<Schedule> schedule(String scheduleId) {
            return Optional.ofNullable(schedules.get(scheduleId));
        }

        @java.lang.Override
        public Optional<Dialable> agent(String agentId) {
            return Optional.ofNullable(PEOPLE.get(agentId));
        }
    }

    /** What an answer leaves the call waiting at: the action's phase and state; null phase when the call ends. */
    record Wait(String phase, String encoded, FlowState state) {
        static final Wait END = new Wait(null, null, null);
    }

    /** Figures over the run, and the things that must have happened somewhere for the test to mean much. */
    static final class Tally {
        int accepted;
        int calls;
        long requests;
        int mostRequests;
        int longestState;
        int closest;
        int literalOver;
        final Map<String, Integer> seen = new LinkedHashMap<>();

        void saw(String what) {
            seen.merge(what, 1, Integer::sum);
        }
    }

    private final DocumentBuilder xml = newBuilder();

    @Test
    void everyCallThroughTheEngineEndsWithinTheProvenPrompts() {
        Tally tally = new Tally();
        for (int f = 0; f < FLOWS; f++) {
            long flowSeed = mix(SEED + f);
            Flow flow = RandomFlows.forEngine(flowSeed);
            if (!FlowValidator.problems(flow, RandomFlows.ENGINE_CONTEXT).isEmpty()) {
                continue;
            }
            tally.accepted++;
            countShape(flow, tally);
            Proof proof = FlowValidator.prove(flow);
            Random random = new Random(flowSeed);
            for (int c = 0; c < CALLS; c++) {
                int index = f;
                int number = c;
                Supplier<String> where = () -> "seed " + SEED + " (-Dflows.seed=" + SEED + "), flow " + index
                        + " (RandomFlows.forEngine(" + flowSeed + "L)), call " + number + ": " + FlowJson.write(flow);
                new Call(flow, proof, World.random(random), random, c % 2 == 1, where, tally).run();
            }
        }
        System.out.printf("FlowEngineTerminationTest seed %d: %d flows of %d accepted, %d calls, %d requests"
                        + " (most in one call %d), longest state %d chars, closest to the bound %d%%,"
                        + " calls over the bound counting every <Say> literally %d; seen %s%n",
                SEED, tally.accepted, FLOWS, tally.calls, tally.requests, tally.mostRequests, tally.longestState,
                tally.closest, tally.literalOver, tally.seen);

        String seed = " (seed " + SEED + ")";
        assertTrue(tally.accepted >= FLOWS / 5, "Too few flows accepted to prove much: " + tally.accepted + seed);
        // The stubborn callers come near the bound somewhere: the bound is tried, not just met.
        assertTrue(tally.closest >= 50, "No call came within half of its bound: " + tally.closest + "%" + seed);
        for (String what : List.of("flow: phone rung in order", "flow: several agents rung in order", "flow: hours",
                "flow: say chain", "flow: submenu", "call: back", "call: visits used", "call: next agent in order",
                "call: absent agent skipped", "call: phone unanswered in order", "call: emergency",
                "call: holiday", "call: no input exit", "call: invalid exit", "call: operator", "call: repeat",
                "call: hung up", "call: voicemail", "call: stream", "call: answered")) {
            assertTrue(tally.seen.getOrDefault(what, 0) > 0, "Never happened: " + what + seed);
        }
    }

    /** What a flow holds that the engine handles apart. */
    private static void countShape(Flow flow, Tally tally) {
        for (FlowNode node : flow.nodes().values()) {
            switch (node) {
                case Ring ring when ring.strategy() == RingStrategy.IN_ORDER && ring.phone() != null ->
                        tally.saw("flow: phone rung in order");
                case Ring ring when ring.strategy() == RingStrategy.IN_ORDER && ring.agents().size() > 1 ->
                        tally.saw("flow: several agents rung in order");
                case Hours ignored -> tally.saw("flow: hours");
                case Say say when flow.node(say.next()) instanceof Say -> tally.saw("flow: say chain");
                case Menu menu when menu.options().stream().anyMatch(o -> flow.node(o.next()) instanceof Menu) ->
                        tally.saw("flow: submenu");
                default -> {
                }
            }
        }
    }

    /** One caller through one flow, request by request. */
    private final class Call {
        private final Flow flow;
        private final Proof proof;
        private final World world;
        private final Random random;
        private final boolean stubborn;
        private final Supplier<String> where;
        /** What the caller did, request by request, for the failure message. */
        private final StringBuilder trace = new StringBuilder();
        private final Tally tally;
        private final FlowEngine engine;
        private final FlowCall call;
        private int prompts;
        private int says;
        private int lastStep = -1;
        /** Replays of one menu visit: the menu and its visit number. */
        private final Map<String, Integer> plays = new HashMap<>();
        /** Dials of one ring group's turn: the ring and the step it was entered at. */
        private final Map<String, Integer> lastRung = new HashMap<>();

        Call(Flow flow, Proof proof, World world, Random random, boolean stubborn, Supplier<String> where, Tally tally) {
            this.flow = flow;
            this.proof = proof;
            this.world = world;
            this.random = random;
            this.stubborn = stubborn;
            this.where = () -> where.get() + "; schedules " + world.kinds() + "; the caller: " + trace;
            this.tally = tally;
            this.engine = new FlowEngine(world);
            this.call = new FlowCall("tenant-1", "CA" + Long.toHexString(random.nextLong()),
                    random.nextInt(5) == 0 ? "anonymous" : "+15005550199", "+15005550006", NOW, BASE);
        }

        void run() {
            tally.calls++;
            FlowAnswer answer = engine.start(flow, call);
            int requests = 1;
            while (true) {
                Wait wait = read(answer, requests);
                if (wait.phase() == null) {
                    break;
                }
                if (requests >= MAX_REQUESTS) {
                    fail("Still going after " + requests + " requests: " + where.get());
                }
                tally.longestState = Math.max(tally.longestState, wait.encoded().length());
                assertTrue(wait.encoded().length() <= MAX_STATE, () -> "A state of " + wait.encoded().length()
                        + " characters: " + where.get());
                FlowState state = wait.state();
                requests++;
                if (!stubborn && random.nextInt(60) == 0) {
                    tally.saw("call: hung up");
                    trace.append(" [hangs up at ").append(state.node()).append(']');
                    answer = engine.hungUp(flow, state, call);
                    assertEquals(List.of("caller-hung-up"), answer.steps().stream().map(FlowAnswer.Step::branch).toList(),
                            where);
                    assertNull(read(answer, requests).phase(), where);
                    break;
                }
                answer = switch (wait.phase()) {
                    case "gather" -> gather(state);
                    case "dialed" -> dial(state);
                    default -> throw new AssertionError("Phase " + wait.phase() + ": " + where.get());
                };
            }
            tally.requests += requests;
            tally.mostRequests = Math.max(tally.mostRequests, requests);
            tally.closest = Math.max(tally.closest, 100 * prompts / proof.maxPrompts());
            if (says > proof.maxPrompts()) {
                tally.literalOver++;
            }
            assertTrue(prompts <= proof.maxPrompts(), () -> prompts + " prompts, more than the "
                    + proof.maxPrompts() + " proven: " + where.get());
        }

        private FlowAnswer gather(FlowState state) {
            Menu menu = (Menu) flow.node(state.node());
            String digits = null;
            String speech = null;
            if (stubborn) {
                // Hears the prompt as often as a visit allows: every repeat, every invalid entry,
                // every no input but the last; then anything.
                if (menu.repeatKey() != null && state.repeats() < FlowLimits.REPEATS_PER_VISIT) {
                    digits = menu.repeatKey();
                } else if (state.invalid() < menu.invalidRetries()) {
                    speech = MUMBLE;
                } else if (state.noInput() >= menu.noInputRetries()) {
                    String[] any = anything(menu);
                    digits = any[0];
                    speech = any[1];
                }
            } else {
                String[] any = anything(menu);
                digits = any[0];
                speech = any[1];
            }
            trace.append(" [").append(menu.id()).append(": ").append(digits).append(" / ").append(speech).append(']');
            FlowAnswer answer = engine.gathered(flow, state, call, digits, speech);
            if (menu.repeatKey() != null && menu.repeatKey().equals(digits)) {
                tally.saw("call: repeat");
            }
            return answer;
        }

        /** Keys and words at random: options, back, repeat, the operator, nonsense, nothing. */
        private String[] anything(Menu menu) {
            List<MenuOption> options = menu.options();
            MenuOption option = options.get(random.nextInt(options.size()));
            MenuOption other = options.get(random.nextInt(options.size()));
            return switch (random.nextInt(13)) {
                case 0 -> new String[]{null, null};
                case 1 -> new String[]{" ", ""};
                case 2 -> new String[]{null, MUMBLE};
                case 3 -> new String[]{String.valueOf(random.nextInt(10)), null};
                case 4 -> new String[]{"*", null};
                case 5 -> new String[]{menu.repeatKey() == null ? "9" : menu.repeatKey(), null};
                case 6 -> new String[]{"0", random.nextBoolean() ? null : "operator"};
                case 7 -> new String[]{null, "I want " + (option.keywords().isEmpty() ? option.label()
                        : option.keywords().get(random.nextInt(option.keywords().size()))) + " please"};
                case 8 -> new String[]{null, option.label() + " or " + other.label()};
                case 9 -> new String[]{option.digits() == null ? null : option.digits() + "#", null};
                case 10 -> new String[]{option.digits(), option.label()};
                case 11 -> new String[]{"" + random.nextInt(10) + random.nextInt(10), null};
                default -> new String[]{"*", "back"};
            };
        }

        private FlowAnswer dial(FlowState state) {
            Ring ring = (Ring) flow.node(state.node());
            String status = stubborn ? List.of("no-answer", "busy", "failed").get(random.nextInt(3))
                    : DIAL_STATUSES.get(random.nextInt(DIAL_STATUSES.size()));
            if (status.equals("completed")) {
                tally.saw("call: answered");
            } else if (ring.phone() != null && ring.strategy() == RingStrategy.IN_ORDER) {
                tally.saw("call: phone unanswered in order");
            }
            trace.append(" [").append(ring.id()).append(": ").append(status).append(']');
            return engine.dialed(flow, state, call, status);
        }

        /**
         * Reads an answer as Twilio would, checks it, counts its prompts and says what the call
         * waits at next.
         */
        private Wait read(FlowAnswer answer, int request) {
            String text = answer.twiml().toXml();
            Element response;
            try {
                response = xml.parse(new InputSource(new StringReader(text))).getDocumentElement();
            } catch (Exception e) {
                throw new AssertionError("Not XML: " + text + ": " + where.get(), e);
            }
            assertEquals("Response", response.getTagName(), where);
            List<Element> verbs = children(response);
            List<String> spoken = new ArrayList<>();
            Wait wait = Wait.END;
            for (int i = 0; i < verbs.size(); i++) {
                Element verb = verbs.get(i);
                boolean last = i == verbs.size() - 1;
                switch (verb.getTagName()) {
                    case "Say" -> {
                        spoken.add(verb.getTextContent());
                        prompts++;
                        says++;
                    }
                    case "Gather" -> {
                        assertTrue(last, () -> "Something after the <Gather>: " + text + ": " + where.get());
                        wait = gatherAt(verb, text);
                    }
                    case "Dial" -> {
                        assertTrue(last, () -> "Something after the <Dial>: " + text + ": " + where.get());
                        wait = dialAt(verb, text);
                    }
                    case "Record" -> {
                        assertTrue(last, () -> "Something after the <Record>: " + text + ": " + where.get());
                        tally.saw("call: voicemail");
                    }
                    case "Connect" -> {
                        assertTrue(last, () -> "Something after the <Connect>: " + text + ": " + where.get());
                        tally.saw("call: stream");
                    }
                    case "Hangup" -> assertTrue(last, () -> "Something after the <Hangup>: " + text + ": " + where.get());
                    default -> fail("Unexpected <" + verb.getTagName() + ">: " + text + ": " + where.get());
                }
            }
            assertEquals(speeches(answer), spoken, () -> "What was said outside menus is not what the steps' nodes"
                    + " say: " + text + ": " + where.get());
            checkSteps(answer, text);
            return wait;
        }

        /** The texts the nodes of the answer's steps speak, in order: the javadoc's speaking nodes. */
        private List<String> speeches(FlowAnswer answer) {
            List<String> texts = new ArrayList<>();
            for (FlowAnswer.Step step : answer.steps()) {
                switch (flow.node(step.node())) {
                    case Say say -> texts.add(say.text());
                    case Hours ignored when "emergency".equals(step.branch()) -> texts.add(STORM);
                    case VoicemailBox box -> texts.add(box.prompt() != null ? box.prompt()
                            : FlowTwiml.DEFAULT_VOICEMAIL_PROMPT);
                    case null -> fail("A step at no node: " + step + ": " + where.get());
                    default -> {
                    }
                }
            }
            return texts;
        }

        private void checkSteps(FlowAnswer answer, String text) {
            Map<Integer, String> stepNodes = new HashMap<>();
            for (FlowAnswer.Step step : answer.steps()) {
                int before = lastStep;
                assertTrue(step.step() > lastStep, () -> "Step " + step + " after step " + before + ": " + text
                        + ": " + where.get());
                lastStep = step.step();
                stepNodes.put(step.step(), step.node());
                FlowNode node = flow.node(step.node());
                assertNotNull(node, () -> "Step at no node: " + step + ": " + where.get());
                String type = switch (node) {
                    case Hours ignored -> "hours";
                    case Menu ignored -> "menu";
                    case Ring ignored -> "ring";
                    case Say ignored -> "say";
                    case VoicemailBox ignored -> "voicemail";
                    case Stream ignored -> "stream";
                    case Hangup ignored -> "hangup";
                };
                assertEquals(type, step.type(), () -> step + ": " + where.get());
                if (node instanceof Hours hours) {
                    Kind kind = world.kinds().get(hours.scheduleId());
                    assertEquals(kind.branch, step.branch(), () -> step + " with the schedule " + kind + ": "
                            + where.get());
                    tally.saw("call: " + step.branch());
                }
                if ("visits-used".equals(step.branch())) {
                    tally.saw("call: visits used");
                }
            }
            // Past the node the request answered, the call moves by exits alone until it waits or
            // ends (the proof's stretch): it crosses no node twice.
            List<String> walked = answer.steps().stream().skip(1).map(FlowAnswer.Step::node).toList();
            assertEquals(walked.size(), Set.copyOf(walked).size(), () -> "A node crossed twice in one request: "
                    + answer.steps() + ": " + where.get());
            for (FlowAnswer.Selection selection : answer.selections()) {
                assertTrue(CHOICES.contains(selection.choice()), () -> selection + ": " + where.get());
                assertNotNull(selection.next(), () -> "A selection to nowhere: " + selection + ": " + where.get());
                assertNotNull(flow.node(selection.next()), () -> "A selection to no node: " + selection + ": "
                        + where.get());
                assertEquals(selection.menu(), stepNodes.get(selection.step()), () -> "A selection without its"
                        + " step: " + selection + " in " + answer.steps() + ": " + where.get());
                assertTrue(flow.node(selection.menu()) instanceof Menu, () -> selection + ": " + where.get());
                switch (selection.choice()) {
                    case "back" -> tally.saw("call: back");
                    case "operator" -> tally.saw("call: operator");
                    case "no-input" -> tally.saw("call: no input exit");
                    case "invalid" -> tally.saw("call: invalid exit");
                    default -> {
                    }
                }
            }
        }

        /** A menu waits: its prompt played once more (after "not one of the choices", on a retry). */
        private Wait gatherAt(Element gather, String text) {
            Wait wait = action(gather, "gather", text);
            FlowState state = wait.state();
            Menu menu = assertInstance(Menu.class, flow.node(state.node()), text);
            List<Element> says = children(gather);
            List<String> heard = says.stream().map(Element::getTextContent).toList();
            assertTrue(says.stream().allMatch(e -> e.getTagName().equals("Say"))
                            && (heard.equals(List.of(menu.prompt()))
                            || heard.equals(List.of(FlowTwiml.NOT_UNDERSTOOD + " " + menu.prompt()))),
                    () -> "Not the menu's prompt: " + text + ": " + where.get());
            prompts++;
            this.says += says.size();
            // The rules the proof counts on: at most maxVisits visits, each playing the prompt at
            // most 1 + noInputRetries + invalidRetries + 3 times.
            int visit = state.visitsOf(menu.id());
            assertTrue(visit >= 1 && visit <= menu.maxVisits(), () -> "Visit " + visit + " of " + menu.id()
                    + ": " + where.get());
            int played = plays.merge(menu.id() + "#" + visit, 1, Integer::sum);
            int most = 1 + menu.noInputRetries() + menu.invalidRetries() + FlowLimits.REPEATS_PER_VISIT;
            assertTrue(played <= most, () -> "Prompt played " + played + " times in one visit of " + menu.id()
                    + ", more than " + most + ": " + where.get());
            return wait;
        }

        /** A ring group rings: its phone, all its agents who can be rung, or the next one in order. */
        private Wait dialAt(Element dial, String text) {
            Wait wait = action(dial, "dialed", text);
            FlowState state = wait.state();
            Ring ring = assertInstance(Ring.class, flow.node(state.node()), text);
            List<String> targets = children(dial).stream().map(e -> e.getTagName() + ":" + e.getTextContent().strip())
                    .toList();
            List<String> expected;
            // The same turn of a ring group: entered at the same step.
            String turn = ring.id() + "#" + state.step();
            Integer previous = lastRung.put(turn, state.ringIndex());
            if (ring.phone() != null) {
                expected = List.of("Number:" + ring.phone());
                assertNull(previous, () -> "A phone rung twice in one turn: " + text + ": " + where.get());
            } else if (ring.strategy() == RingStrategy.SIMULTANEOUS) {
                expected = ring.agents().stream().filter(PEOPLE::containsKey).map(a -> target(PEOPLE.get(a))).toList();
                assertNull(previous, () -> "A group rung twice in one turn: " + text + ": " + where.get());
            } else {
                int from = previous == null ? 0 : previous + 1;
                assertTrue(state.ringIndex() >= from && state.ringIndex() < ring.agents().size(),
                        () -> "Agent " + state.ringIndex() + " rung after agent " + previous + ": " + text + ": "
                                + where.get());
                for (int skipped = from; skipped < state.ringIndex(); skipped++) {
                    assertTrue(!PEOPLE.containsKey(ring.agents().get(skipped)), () -> "An agent who can be rung"
                            + " was skipped: " + text + ": " + where.get());
                    tally.saw("call: absent agent skipped");
                }
                if (previous != null) {
                    tally.saw("call: next agent in order");
                }
                expected = List.of(target(PEOPLE.get(ring.agents().get(state.ringIndex()))));
            }
            assertEquals(expected, targets, () -> "Rang the wrong people: " + text + ": " + where.get());
            return wait;
        }

        /** The action URL's phase and state, the URL itself checked. */
        private Wait action(Element verb, String phase, String text) {
            String action = verb.getAttribute("action");
            URI uri = URI.create(action);
            assertEquals(BASE + WebhookPaths.FLOW, action.substring(0, action.indexOf('?')), where);
            assertEquals("POST", verb.getAttribute("method"), where);
            Map<String, String> query = new HashMap<>();
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
            assertEquals(phase, query.get("phase"), () -> "The phase of " + action + ": " + where.get());
            String encoded = query.get("s");
            assertNotNull(encoded, () -> "No state in " + action + ": " + text + ": " + where.get());
            // Decoded as the next request decodes it.
            FlowState state;
            try {
                state = FlowState.decode(encoded);
            } catch (IllegalArgumentException e) {
                throw new AssertionError("A state the engine wrote is refused: " + text + ": " + where.get(), e);
            }
            assertEquals(flow.id(), state.flowId(), where);
            return new Wait(phase, encoded, state);
        }

        private <T> T assertInstance(Class<T> type, FlowNode node, String text) {
            if (!type.isInstance(node)) {
                fail("Waits at " + node + ", not a " + type.getSimpleName() + ": " + text + ": " + where.get());
            }
            return type.cast(node);
        }
    }

    private static String target(FlowWorld.Dialable agent) {
        return agent.phone() != null ? "Number:" + agent.phone() : "Client:" + agent.clientIdentity();
    }

    @Test
    void aPhoneRungInOrderGoesToItsNoAnswerNodeAfterOneDial() {
        LinkedHashMap<String, FlowNode> nodes = new LinkedHashMap<>();
        nodes.put("desk", new Ring("desk", List.of(), "+15005550100", RingStrategy.IN_ORDER, 20, "sorry", false));
        nodes.put("sorry", new Say("sorry", "Nobody is free.", null));
        Flow flow = new Flow("f", "Desk", "desk", null, nodes);
        assertEquals(List.of(), FlowValidator.problems(flow, RandomFlows.ENGINE_CONTEXT));
        FlowEngine engine = new FlowEngine(World.random(new Random(1)));
        FlowCall call = new FlowCall("tenant-1", "CA1", "+15005550199", "+15005550006", NOW, BASE);

        for (String status : List.of("no-answer", "busy", "failed")) {
            FlowAnswer first = engine.start(flow, call);
            String dial = first.twiml().toXml();
            assertTrue(dial.contains("<Number") && dial.contains(">+15005550100</Number>"), dial);
            FlowState ringing = FlowState.decode(stateOf(dial, "dialed"));
            assertEquals("desk", ringing.node());

            FlowAnswer after = engine.dialed(flow, ringing, call, status);

            String twiml = after.twiml().toXml();
            assertTrue(!twiml.contains("<Dial"), () -> status + ", rung again: " + twiml);
            assertTrue(twiml.contains("<Say>Nobody is free.</Say><Hangup/>"), twiml);
            assertEquals(List.of(new FlowAnswer.Step(0, "desk", "ring", "no-answer"),
                    new FlowAnswer.Step(1, "sorry", "say", null)), after.steps());
        }
    }

    @Test
    void aGroupRungInOrderSkipsAnAgentWhoIsGoneAndRingsEachOtherOnce() {
        LinkedHashMap<String, FlowNode> nodes = new LinkedHashMap<>();
        nodes.put("team", new Ring("team", List.of("gone", "alice", "carol"), null, RingStrategy.IN_ORDER, 20,
                "box", false));
        nodes.put("box", new VoicemailBox("box", null, null, null));
        Flow flow = new Flow("f", "Team", "team", null, nodes);
        assertEquals(List.of(), FlowValidator.problems(flow, RandomFlows.ENGINE_CONTEXT));
        FlowEngine engine = new FlowEngine(World.random(new Random(1)));
        FlowCall call = new FlowCall("tenant-1", "CA1", "+15005550199", "+15005550006", NOW, BASE);

        String first = engine.start(flow, call).twiml().toXml();
        assertTrue(first.contains(">+15005550001</Number>") && !first.contains("<Client"), first);
        FlowState alice = FlowState.decode(stateOf(first, "dialed"));
        assertEquals(1, alice.ringIndex());
        String second = engine.dialed(flow, alice, call, "no-answer").twiml().toXml();
        assertTrue(second.contains(">carol-browser</Client>") && !second.contains("<Number"), second);
        FlowState carol = FlowState.decode(stateOf(second, "dialed"));
        assertEquals(2, carol.ringIndex());
        FlowAnswer last = engine.dialed(flow, carol, call, "busy");
        String third = last.twiml().toXml();
        assertTrue(!third.contains("<Dial") && third.contains("<Record"), third);
        assertEquals(List.of(new FlowAnswer.Step(0, "team", "ring", "no-answer"),
                new FlowAnswer.Step(1, "box", "voicemail", null)), last.steps());
    }

    @Test
    void decodeRefusesCountsOutOfRangeAndGarbage() {
        String good = "{\"f\":\"f\",\"n\":\"main\",\"s\":3,\"i\":1,\"x\":1,\"r\":1,\"g\":0,\"v\":{\"main\":1},"
                + "\"m\":[\"main\"]}";
        assertEquals(new FlowState("f", "main", 3, Map.of("main", 1), List.of("main"), 1, 1, 1, 0),
                FlowState.decode(encode(good)));

        List<String> refused = new ArrayList<>(List.of(
                // Negative counts.
                good.replace("\"s\":3", "\"s\":-1"),
                good.replace("\"i\":1", "\"i\":-1"),
                good.replace("\"x\":1", "\"x\":-1"),
                good.replace("\"r\":1", "\"r\":-1"),
                good.replace("\"g\":0", "\"g\":-1"),
                good.replace("{\"main\":1}", "{\"main\":-1}"),
                // Over the limits.
                good.replace("\"s\":3", "\"s\":10000"),
                good.replace("\"i\":1", "\"i\":" + (FlowLimits.MAX_RETRIES + 1)),
                good.replace("\"x\":1", "\"x\":" + (FlowLimits.MAX_RETRIES + 1)),
                good.replace("\"r\":1", "\"r\":" + (FlowEngine.REPEATS + 1)),
                good.replace("\"g\":0", "\"g\":" + FlowLimits.MAX_AGENTS),
                good.replace("{\"main\":1}", "{\"main\":" + (FlowLimits.MAX_VISITS + 1) + "}"),
                good.replace("[\"main\"]", "[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\",\"main\"]"),
                good.replace("{\"main\":1}", manyVisits(FlowLimits.MAX_NODES + 1)),
                // Counts that are no int: wrapped round into range, fractions, text.
                good.replace("\"s\":3", "\"s\":4294967299"),
                good.replace("{\"main\":1}", "{\"main\":4294967297}"),
                good.replace("\"i\":1", "\"i\":1.5"),
                good.replace("\"x\":1", "\"x\":\"1\""),
                good.replace("\"g\":0", "\"g\":null"),
                good.replace("{\"main\":1}", "{\"main\":\"one\"}"),
                // Missing what every state has.
                good.replace("\"f\":\"f\",", ""),
                good.replace("\"n\":\"main\",", ""),
                good.replace("\"s\":3,", ""),
                good.replace("\"n\":\"main\"", "\"n\":null"),
                good.replace("\"n\":\"main\"", "\"n\":{}"),
                good.replace("[\"main\"]", "[{\"a\":1}]"),
                good.replace("[\"main\"]", "\"main\""),
                // Not a state at all.
                "{}", "[]", "42", "null", "not json", "{\"f\":"));
        for (String json : refused) {
            assertThrows(IllegalArgumentException.class, () -> FlowState.decode(encode(json)), json);
        }
        for (String garbage : new String[]{null, "", "!!!", "%%%%", "a", "x".repeat(6001),
                Base64.getEncoder().encodeToString(good.getBytes(StandardCharsets.UTF_8)) + "+/"}) {
            assertThrows(IllegalArgumentException.class, () -> FlowState.decode(garbage), garbage);
        }
    }

    private static String manyVisits(int menus) {
        StringBuilder visits = new StringBuilder("{");
        for (int i = 0; i < menus; i++) {
            visits.append(i == 0 ? "" : ",").append("\"m").append(i).append("\":1");
        }
        return visits.append('}').toString();
    }

    private static String encode(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** The state in the first action of the phase in a TwiML document. */
    private static String stateOf(String twiml, String phase) {
        String marker = "?phase=" + phase + "&amp;s=";
        int at = twiml.indexOf(marker);
        assertTrue(at >= 0, twiml);
        int from = at + marker.length();
        return twiml.substring(from, twiml.indexOf('"', from));
    }

    private static List<Element> children(Element parent) {
        List<Element> elements = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element) {
                elements.add(element);
            }
        }
        return elements;
    }

    private static DocumentBuilder newBuilder() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** SplitMix64's finaliser: seeds next to each other make flows unlike each other. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
