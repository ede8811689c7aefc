package dev.switchboard.local.realtime;

/**
 * Calls a function of the template with an event and returns what it returned; a failure is
 * the exception it throws. The local stack's is {@code LambdaFunctions::invokeRaw}; tests play
 * the functions themselves, so the gateway can be tried before the handlers exist.
 */
@FunctionalInterface
public interface Invoker {
    Object invoke(String functionLogicalId, Object event);
}
