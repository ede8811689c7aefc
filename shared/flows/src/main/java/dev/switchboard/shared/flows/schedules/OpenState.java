package dev.switchboard.shared.flows.schedules;

/**
 * What a schedule says at an instant. HOLIDAY is a closure by an override marked holiday, so a
 * flow can say "closed for Christmas" rather than "closed"; EMERGENCY is an emergency closure.
 */
public enum OpenState {
    OPEN, CLOSED, HOLIDAY, EMERGENCY
}
