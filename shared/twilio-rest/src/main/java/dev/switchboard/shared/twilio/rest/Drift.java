package dev.switchboard.shared.twilio.rest;

/**
 * One thing Twilio has otherwise than Switchboard needs it.
 *
 * @param resource "twimlApp", "apiKey" or "number"
 * @param sid      the Twilio resource, or null when it is missing altogether
 * @param field    e.g. "voiceUrl"
 */
public record Drift(String resource, String sid, String field, String expected, String actual) {
}
