package dev.switchboard.local;

import dev.switchboard.local.twilio.TwilioSimulator;
import dev.switchboard.shared.config.Settings;

import java.net.URI;

/**
 * The one local stack of this test JVM, started on first use and stopped when the JVM exits.
 * It listens on a free port but checks signatures against http://127.0.0.1:3000, as a
 * deployment behind a proxy or custom domain would: what Twilio signs is the public URL, not
 * the address the function is reached on. The committed events/ files are signed for it.
 */
final class TestStack {
    static final URI PUBLIC_URL = URI.create("http://127.0.0.1:3000");
    static final double RETRY_COMPRESSION = 100_000;
    private static LocalStack stack;

    private TestStack() {
    }

    static synchronized LocalStack get() {
        if (stack == null) {
            try {
                // Twilio is the stack's own simulator, on a free port; it knows the seed's accounts.
                // Webhook retries and endpoint health run 100,000 times faster: five days in 4.3 s.
                stack = LocalStack.start(new LocalStack.Options(0, null, PUBLIC_URL, null, 0, 0)
                        .withRetryCompression(RETRY_COMPRESSION));
            } catch (Exception e) {
                throw new IllegalStateException("local stack did not start", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close));
        }
        return stack;
    }

    /** The Twilio simulator the stack's functions call. */
    static TwilioSimulator twilio() {
        return get().simulator().orElseThrow();
    }

    private static Repositories repositories;

    /**
     * The repositories over the stack's emulators, for reading and arranging state: built like a
     * function's, from the stack's environment, once for the tests.
     */
    static synchronized Repositories repositories() {
        if (repositories == null) {
            repositories = Repositories.of(Settings.from(get().environment()));
        }
        return repositories;
    }
}
