package dev.switchboard.shared.log;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether an invocation is the first its handler serves. One per handler instance, which Lambda
 * creates once per container (and the local stack once per function): per instance, not per JVM,
 * so that the local stack's functions each have their own. SnapStart priming answers its made-up
 * requests without a Lambda context and does not count, so the first request after a restore is
 * still reported cold.
 */
public final class ColdStart {
    private final AtomicBoolean served = new AtomicBoolean();

    /** True once: for the first invocation that has a Lambda context. */
    public boolean first(Object lambdaContext) {
        return lambdaContext != null && !served.getAndSet(true);
    }
}
