package dev.switchboard.shared.calls;

/** What a write to a call, its recordings or its voicemail did. */
public enum Outcome {
    /** The write was applied. */
    APPLIED,
    /** A later status is already recorded; the callback's facts (times, duration) were kept. */
    STALE,
    /** The CallSid belongs to another tenant (or account): nothing was written. */
    FOREIGN,
    /** This callback is already in the call's timeline: a retry or duplicate; nothing was written. */
    REPEAT
}
