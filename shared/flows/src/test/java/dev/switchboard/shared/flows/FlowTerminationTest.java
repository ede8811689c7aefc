package dev.switchboard.shared.flows;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The validator's promise, tried on random flows: a flow it accepts ends every call within the
 * prompts {@link FlowValidator#prove} bounds, whatever the caller does; a flow it refuses for a
 * loop has a caller who would never get out.
 */
class FlowTerminationTest {
    private static final int FLOWS = 3000;
    private static final int CALLS = 40;
    private static final int MAX_STEPS = 100_000;
    /** Enough to go round any loop of a random flow far more often than a menu may be visited. */
    private static final int SEEKER_STEPS = 20_000;

    @Test
    void everyCallOfAnAcceptedFlowEndsWithinTheProvenPrompts() {
        int accepted = 0;
        int closest = 0;
        for (long seed = 0; seed < FLOWS; seed++) {
            Flow flow = RandomFlows.flow(seed);
            if (!FlowValidator.problems(flow, FlowValidatorTest.CONTEXT).isEmpty()) {
                continue;
            }
            accepted++;
            Proof proof = FlowValidator.prove(flow);
            Random random = new Random(seed);
            for (int call = 0; call < CALLS; call++) {
                CallSimulator.Caller caller = call % 2 == 0 ? Callers.random(random) : Callers.stubborn(random);
                CallSimulator.Outcome outcome = CallSimulator.call(flow, caller, MAX_STEPS);
                long flowSeed = seed;
                int callNumber = call;
                Supplier<String> where = () -> "flow " + flowSeed + ", call " + callNumber + ": " + FlowJson.write(flow);
                assertTrue(outcome.ended(), () -> "Never ended: " + where.get());
                assertTrue(outcome.prompts() <= proof.maxPrompts(), () -> outcome.prompts() + " prompts, more than "
                        + proof.maxPrompts() + ": " + where.get());
                closest = Math.max(closest, 100 * outcome.prompts() / proof.maxPrompts());
            }
        }
        assertTrue(accepted >= FLOWS / 4, "Too few flows accepted to prove much: " + accepted);
        // The stubborn callers come near the bound somewhere: the bound is tried, not just met.
        assertTrue(closest >= 50, "No call came within half of its bound: " + closest + "%");
    }

    @Test
    void everyFlowRefusedOnlyForALoopHasACallerWhoNeverGetsOut() {
        int refused = 0;
        for (long seed = 0; seed < FLOWS; seed++) {
            Flow flow = RandomFlows.flow(seed);
            List<Problem> problems = FlowValidator.problems(flow, FlowValidatorTest.CONTEXT);
            if (problems.isEmpty() || !problems.stream().allMatch(p -> p.message().contains(": a loop with no way out"))) {
                continue;
            }
            refused++;
            Routes routes = new Routes(new FlowGraph(flow));
            List<List<FlowGraph.Edge>> loops = ExitCycles.find(routes);
            assertEquals(problems.size(), loops.size());
            for (List<FlowGraph.Edge> loop : loops) {
                LoopSeeker seeker = new LoopSeeker(routes, loop);
                CallSimulator.Outcome outcome = CallSimulator.call(flow, seeker, SEEKER_STEPS);
                long flowSeed = seed;
                Supplier<String> where = () -> "flow " + flowSeed + ", loop " + ExitCycles.told(loop) + ": "
                        + FlowJson.write(flow);
                assertFalse(outcome.ended(), () -> "Ended: " + where.get());
                // Round the loop far more often than any menu of the flow may be visited.
                int rounds = outcome.entries().getOrDefault(loop.getFirst().from(), 0);
                assertTrue(rounds > 100, () -> "Only " + rounds + " times round: " + where.get());
            }
        }
        assertTrue(refused >= FLOWS / 20, "Too few flows refused for a loop alone to prove much: " + refused);
    }

    @Test
    void aLoopThroughAMenuIsGoneRoundOnlyAsOftenAsTheMenuMayBeVisited() {
        // main [5] → our-hours → main is a loop of the whole flow, not of the exit graph.
        Flow flow = FlowJson.read(FlowValidatorTest.loopThroughAMenu(), "f");
        assertEquals(List.of(), FlowValidator.problems(flow, FlowValidatorTest.CONTEXT));
        CallSimulator.Caller hoursAgain = new CallSimulator.Caller() {
            @Override
            public CallSimulator.Answer answer(Menu menu, int given) {
                return new CallSimulator.Answer("5", null);
            }

            @Override
            public CallSimulator.ScheduleState schedule(Hours hours) {
                return CallSimulator.ScheduleState.OPEN;
            }

            @Override
            public boolean answers(Ring ring) {
                return false;
            }
        };

        CallSimulator.Outcome outcome = CallSimulator.call(flow, hoursAgain, MAX_STEPS);

        // Three visits of the menu, each sent to our-hours; the fourth entry takes the exit to
        // reception, where no one answers.
        assertTrue(outcome.ended());
        assertEquals(3, outcome.entries().get("our-hours"));
        assertEquals(4, outcome.entries().get("main"));
        assertEquals(1, outcome.entries().get("reception"));
        assertEquals(3 + 3, outcome.prompts());
    }
}
