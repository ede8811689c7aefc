package dev.switchboard.local;

import dev.switchboard.shared.calls.CallDirection;
import dev.switchboard.shared.calls.Calls;
import dev.switchboard.shared.calls.Outcome;
import dev.switchboard.shared.calls.CallProgress;
import dev.switchboard.shared.twilio.CallStatus;
import dev.switchboard.shared.calls.CallEvent;
import dev.switchboard.shared.events.DomainEvent;
import dev.switchboard.shared.events.EventPayload;
import java.time.Instant;
import dev.switchboard.shared.calls.StatusCallback;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The store commits what CallProgress decides: for every pair of stored and incoming status, with
 * and without sequence numbers, and when a call's callbacks race each other.
 */
class CallOrderingRuleTest {
    private static final List<CallStatus> STATUSES = List.of(CallStatus.QUEUED, CallStatus.RINGING,
            CallStatus.IN_PROGRESS, CallStatus.COMPLETED, CallStatus.NO_ANSWER);
    private static final List<Long> STORED_SEQUENCES = Arrays.asList(null, 1L);
    private static final List<Long> INCOMING_SEQUENCES = Arrays.asList(null, 0L, 1L, 2L);

    private static StatusCallback callback(String callSid, CallStatus status, Long sequence) {
        return new StatusCallback(callSid, Demo.ACME, Demo.ACME_ACCOUNT, CallDirection.INBOUND, Demo.CALLER, Demo.FORWARD_NUMBER,
                status, sequence, null, null, Map.of());
    }

    private static Calls.StatusResult apply(Calls calls, StatusCallback cb) {
        var params = Map.of("CallSid", cb.callSid(), "CallStatus", cb.status().wire(),
                "SequenceNumber", String.valueOf(cb.sequenceNumber()));
        return calls.applyStatus(cb, new CallEvent(cb.callSid(), cb.tenantId(), "status", cb.sequenceNumber(),
                Instant.now(), params), call -> DomainEvent.of(cb.tenantId(),
                cb.callSid() + "#" + cb.status().wire() + "#" + cb.sequenceNumber(), Instant.now(),
                new EventPayload.CallStatusChanged(cb.callSid(), cb.status().wire(), cb.sequenceNumber(), null, null,
                        null, null, null, null, null)));
    }

    @Test
    void theStoreAppliesExactlyWhatCallProgressSaysSupersedes() {
        Calls calls = TestStack.repositories().calls();
        List<String> disagreements = new ArrayList<>();
        for (CallStatus stored : STATUSES) {
            for (Long storedSequence : STORED_SEQUENCES) {
                for (CallStatus incoming : STATUSES) {
                    for (Long incomingSequence : INCOMING_SEQUENCES) {
                        String callSid = Demo.newCallSid();
                        apply(calls, callback(callSid, stored, storedSequence));
                        var result = apply(calls, callback(callSid, incoming, incomingSequence));
                        boolean expected = CallProgress.supersedes(incoming, incomingSequence, stored, storedSequence);
                        boolean applied = result.outcome() == Outcome.APPLIED;
                        CallStatus now = calls.get(Demo.ACME, callSid).orElseThrow().status();
                        if (applied != expected || now != (expected ? incoming : stored)) {
                            disagreements.add(stored + "#" + storedSequence + " <- " + incoming + "#" + incomingSequence
                                    + ": store " + (applied ? "applied" : "kept") + ", rule says "
                                    + (expected ? "apply" : "keep"));
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), disagreements);
    }

    @Test
    void callbacksRacingEachOtherLeaveEachCallWhereTheLastFiredOnePutIt() throws Exception {
        Calls calls = TestStack.repositories().calls();
        List<CallStatus> fired = List.of(CallStatus.QUEUED, CallStatus.RINGING, CallStatus.IN_PROGRESS,
                CallStatus.COMPLETED);
        List<String> callSids = new ArrayList<>();
        List<Future<Calls.StatusResult>> results = new ArrayList<>();
        try (var executor = Executors.newFixedThreadPool(16)) {
            List<StatusCallback> deliveries = new ArrayList<>();
            for (int c = 0; c < 20; c++) {
                String callSid = Demo.newCallSid();
                callSids.add(callSid);
                for (int i = 0; i < fired.size(); i++) {
                    // Each callback delivered twice, all of them at once in no order.
                    deliveries.add(callback(callSid, fired.get(i), (long) i));
                    deliveries.add(callback(callSid, fired.get(i), (long) i));
                }
            }
            Collections.shuffle(deliveries);
            for (StatusCallback delivery : deliveries) {
                results.add(executor.submit(() -> apply(calls, delivery)));
            }
            for (Future<Calls.StatusResult> result : results) {
                result.get();
            }
        }
        for (String callSid : callSids) {
            var call = calls.get(Demo.ACME, callSid).orElseThrow();
            assertEquals(CallStatus.COMPLETED, call.status(), callSid);
            assertEquals(3L, call.sequenceNumber(), callSid);
            assertEquals(fired.size(), calls.timeline(Demo.ACME, callSid).size(),
                    "each callback once in the timeline, however often it came");
        }
    }
}
