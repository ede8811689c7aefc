package dev.switchboard.local;

import dev.switchboard.shared.calls.CallProgress;
import dev.switchboard.shared.calls.CallStatus;
import dev.switchboard.shared.calls.CallEvent;
import dev.switchboard.shared.calls.CallStore;
import dev.switchboard.shared.events.DomainEvent;
import java.time.Instant;
import dev.switchboard.shared.calls.StatusCallback;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The DynamoDB condition that orders status callbacks, held to CallProgress (its statement in
 * plain Java) for every pair of stored and incoming status, with and without sequence numbers.
 */
class CallOrderingRuleTest {
    private static final List<CallStatus> STATUSES = List.of(CallStatus.QUEUED, CallStatus.RINGING,
            CallStatus.IN_PROGRESS, CallStatus.COMPLETED, CallStatus.NO_ANSWER);
    private static final List<Long> STORED_SEQUENCES = Arrays.asList(null, 1L);
    private static final List<Long> INCOMING_SEQUENCES = Arrays.asList(null, 0L, 1L, 2L);

    private static StatusCallback callback(String callSid, CallStatus status, Long sequence) {
        return new StatusCallback(callSid, Demo.ACME, Demo.ACME_ACCOUNT, "inbound", Demo.CALLER, Demo.FORWARD_NUMBER,
                status, sequence, null, null, Map.of());
    }

    private static CallStore.StatusResult apply(CallStore calls, StatusCallback cb) {
        var params = Map.of("CallSid", cb.callSid(), "CallStatus", cb.status().wire(),
                "SequenceNumber", String.valueOf(cb.sequenceNumber()));
        return calls.applyStatus(cb, new CallEvent(cb.callSid(), cb.tenantId(), "status", cb.sequenceNumber(),
                Instant.now(), params), call -> DomainEvent.of(DomainEvent.CALL_STATUS_CHANGED, cb.tenantId(),
                cb.callSid() + "#" + cb.status().wire() + "#" + cb.sequenceNumber(), Instant.now(), Map.of()));
    }

    @Test
    void theStoreAppliesExactlyWhatCallProgressSaysSupersedes() {
        CallStore calls = TestStack.platform().calls();
        List<String> disagreements = new ArrayList<>();
        for (CallStatus stored : STATUSES) {
            for (Long storedSequence : STORED_SEQUENCES) {
                for (CallStatus incoming : STATUSES) {
                    for (Long incomingSequence : INCOMING_SEQUENCES) {
                        String callSid = Demo.newCallSid();
                        apply(calls, callback(callSid, stored, storedSequence));
                        var result = apply(calls, callback(callSid, incoming, incomingSequence));
                        boolean expected = CallProgress.supersedes(incoming, incomingSequence, stored, storedSequence);
                        boolean applied = result.outcome() == CallStore.Outcome.APPLIED;
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
}
