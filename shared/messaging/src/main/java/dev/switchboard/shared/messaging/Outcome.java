package dev.switchboard.shared.messaging;

/** What a write to a message, a conversation or an opt-out did. */
public enum Outcome {
    /** The change was made, with its event. */
    APPLIED,
    /** Older than what is kept: only its facts (error code, times) and its log entry were kept. */
    STALE,
    /** The same delivery again: nothing was written. */
    REPEAT,
    /** Another tenant's or account's message, or another Twilio message's callback: nothing was written. */
    FOREIGN,
    /** No message Switchboard sent has this id: nothing was written. */
    UNKNOWN
}
