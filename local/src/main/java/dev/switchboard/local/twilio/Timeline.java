package dev.switchboard.local.twilio;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * What a played call or message did, step by step: each request the simulator made and its
 * answer, each TwiML verb run. The command line prints it as it happens; the stack's log gets
 * the timeline of calls placed through the API.
 */
public interface Timeline {
    /** A step that went as it should. */
    void step(String line);

    /** A webhook that failed (no answer, an error status, or TwiML that cannot be run). */
    void failure(String line);

    /** Lines with the time since the call started, to a stream; thread-safe. */
    static Timeline printing(PrintStream out, String prefix) {
        Instant start = Clock.systemUTC().instant();
        return new Timeline() {
            private synchronized void print(String mark, String line) {
                long millis = Duration.between(start, Clock.systemUTC().instant()).toMillis();
                out.printf("%s%6.2fs %s %s%n", prefix, millis / 1000.0, mark, line);
                out.flush();
            }

            @Override
            public void step(String line) {
                print(" ", line);
            }

            @Override
            public void failure(String line) {
                print("!", line);
            }
        };
    }

    /** Both timelines get every line. */
    default Timeline and(Timeline other) {
        Timeline self = this;
        return new Timeline() {
            @Override
            public void step(String line) {
                self.step(line);
                other.step(line);
            }

            @Override
            public void failure(String line) {
                self.failure(line);
                other.failure(line);
            }
        };
    }
}
