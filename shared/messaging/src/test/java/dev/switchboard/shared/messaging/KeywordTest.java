package dev.switchboard.shared.messaging;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class KeywordTest {

    @Test
    void theWholeBodyInAnyCaseTrimmedIsAKeyword() {
        for (String stop : new String[]{"STOP", "stop", " sToP\n", "STOPALL", "unsubscribe", "Cancel", "END", "quit",
                "REVOKE", "optout"}) {
            assertEquals(Optional.of(Keyword.STOP), Keyword.of(stop), stop);
        }
        for (String start : new String[]{"START", "yes", "Unstop"}) {
            assertEquals(Optional.of(Keyword.START), Keyword.of(start), start);
        }
        assertEquals(Optional.of(Keyword.HELP), Keyword.of("help"));
        assertEquals(Optional.of(Keyword.HELP), Keyword.of("INFO"));
    }

    @Test
    void aKeywordInsideASentenceIsNone() {
        for (String body : new String[]{"stop please", "Please STOP", "OPT OUT", "", "stopp", "HELP!"}) {
            assertEquals(Optional.empty(), Keyword.of(body), body);
        }
        assertEquals(Optional.empty(), Keyword.of(null));
    }

    @Test
    void twiliosOptOutTypeIsTakenAsItSays() {
        assertEquals(Optional.of(Keyword.STOP), Keyword.fromOptOutType("STOP"));
        assertEquals(Optional.of(Keyword.START), Keyword.fromOptOutType("start"));
        assertEquals(Optional.of(Keyword.HELP), Keyword.fromOptOutType("HELP"));
        assertEquals(Optional.empty(), Keyword.fromOptOutType("SOMETHING"));
    }
}
