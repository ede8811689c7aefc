package dev.switchboard.shared.lambda;

import dev.switchboard.shared.events.DomainEvent;
import dev.switchboard.shared.events.EventOutbox;
import dev.switchboard.shared.webhook.TwilioSignature;
import dev.switchboard.shared.tenancy.PhoneNumber;
import dev.switchboard.shared.tenancy.Routing;
import dev.switchboard.shared.voice.CallAnswers;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * SnapStart priming: before Lambda snapshots an initialised function, run the code every
 * webhook runs (TwiML, signature, JSON) so that its classes are loaded and in the snapshot.
 * Nothing here touches the network or a secret.
 */
public final class Priming implements Resource {
    // CRaC holds resources weakly; this keeps ours alive.
    private static final Priming INSTANCE = new Priming();
    private static volatile boolean registered;

    private Priming() {
    }

    public static synchronized void register() {
        if (!registered) {
            Core.getGlobalContext().register(INSTANCE);
            registered = true;
        }
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        warm();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
    }

    /** What the checkpoint hook runs: for the benchmark and the test that counts what it leaves to load. */
    public static void prime() {
        warm();
    }

    static void warm() {
        String accountSid = "AC00000000000000000000000000000000";
        PhoneNumber number = new PhoneNumber("+15005550006", "priming", accountSid, null,
                Routing.forward("+15005550001"));
        new CallAnswers(URI.create("https://example.invalid")).answer(number, Optional.empty(), "CA0", "+15005550002")
                .toXml();
        TwilioSignature.isValid("priming", "https://example.invalid/twilio/voice/inbound",
                Map.of("AccountSid", accountSid), "AAAAAAAAAAAAAAAAAAAAAAAAAAA=");
        EventOutbox.body(DomainEvent.of(DomainEvent.CALL_STARTED, "priming", "CA0", Instant.EPOCH,
                Map.of("callSid", "CA0")));
    }
}
