package dev.switchboard.shared.flows;

/**
 * One step of a call flow. Each kind is its own record so that code walking a flow is a switch
 * the compiler checks: a new kind of node fails to compile everywhere it is not handled yet.
 */
public sealed interface FlowNode permits Hours, Menu, Ring, VoicemailBox, Stream, Say, Hangup {
    /** The node's key in {@link Flow#nodes()}, which other nodes name to go to it. */
    String id();
}
