package dev.switchboard.local;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * README's onboarding walk-through, run as written (the block between its onboarding markers)
 * with bash, curl and jq against the local stack and its Twilio simulator: from creating the
 * tenant to a completed click-to-call in the call history. Twice, as a reader might.
 */
class OnboardingWalkthroughTest {

    static String walkthrough() {
        return Readme.block(Readme.section("onboarding"), "sh");
    }

    @Test
    void readmesOnboardingRunsAsWrittenToACompletedCall() throws Exception {
        for (String tool : List.of("bash", "curl", "jq", "openssl")) {
            // CI installs them (.ci/run); a laptop without them skips this one test, and says why.
            Assumptions.assumeTrue(Readme.has(tool), tool + " is not installed: README's walk-through needs it");
        }
        String script = walkthrough();
        for (int run = 1; run <= 2; run++) {
            ProcessBuilder bash = new ProcessBuilder("bash", "-eo", "pipefail", "-c", script).redirectErrorStream(true);
            bash.environment().put("API", TestStack.get().baseUrl().toString());
            bash.environment().put("ADMIN_KEY", Api.adminKey());
            Process process = bash.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the walk-through finished");
            assertEquals(0, process.exitValue(), "run " + run + ":\n" + output);
            String compact = output.replaceAll("\\s+", "");
            assertTrue(compact.contains("\"status\":\"completed\",\"events\":[\"queued\",\"ringing\",\"in-progress\",\"completed\"]"),
                    "run " + run + " ends with the call completed and its callbacks in order:\n" + output);
            assertTrue(output.contains("\"identity\""), "a voice token was issued:\n" + output);
        }
    }
}
