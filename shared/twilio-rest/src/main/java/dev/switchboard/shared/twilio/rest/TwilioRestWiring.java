package dev.switchboard.shared.twilio.rest;

import dev.switchboard.shared.Lazy;
import dev.switchboard.shared.Platform;
import dev.switchboard.shared.tenancy.TenancyWiring;

import java.util.function.Supplier;

/**
 * The wiring of Switchboard's calls to Twilio's REST API: one client factory per function, built
 * when a request first calls Twilio (a list or a read never builds it), against the configured API
 * base (Twilio's own, or the local stack's simulator).
 */
public final class TwilioRestWiring {
    private final Platform platform;
    private final Supplier<TwilioClients> clients;

    public TwilioRestWiring(Platform platform) {
        this.platform = platform;
        // A class, not a lambda: linking a lambda resolves its return type, which would load
        // twilio-java's classes when the handler is built, not when a request first calls Twilio.
        var api = platform.settings().twilioApi();
        this.clients = Lazy.of(new Supplier<>() {
            @Override
            public TwilioClients get() {
                return new TwilioClients(api);
            }
        });
    }

    public TwilioClients clients() {
        return clients.get();
    }

    /** A tenant's connected accounts, as clients that speak to Twilio as each. */
    public TwilioAccess access(TenancyWiring tenancy) {
        return new TwilioAccess(tenancy.accounts(), platform.sealer(), clients);
    }
}
