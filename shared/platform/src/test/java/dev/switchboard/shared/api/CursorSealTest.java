package dev.switchboard.shared.api;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CursorSealTest {
    private static final byte[] KEY = new byte[32];
    private final CursorSeal seal = new CursorSeal(() -> KEY);
    private static final String POSITION = "{\"tenantId\":\"acme\",\"agentId\":\"ann\"}";

    private void refused(CursorSeal by, String cursor, String scope) {
        var error = assertThrows(ApiError.class, () -> by.open(cursor, scope, "cursor"), cursor);
        assertEquals(400, error.status());
    }

    @Test
    void opensWhatItSealedForTheSameQuery() {
        String scope = CursorSeal.scope("calls", "acme", "inbound", null);
        String cursor = seal.seal(POSITION, scope);
        assertEquals(POSITION, seal.open(cursor, scope, "cursor"));
        assertNull(seal.seal(null, scope), "the last page has no cursor");
        assertNull(seal.open(null, scope, "cursor"));
        assertNull(seal.open("", scope, "cursor"));
    }

    @Test
    void refusesAnotherTenantListOrQuery() {
        String cursor = seal.seal(POSITION, CursorSeal.scope("calls", "acme", "inbound", null));
        refused(seal, cursor, CursorSeal.scope("calls", "globex", "inbound", null));
        refused(seal, cursor, CursorSeal.scope("agents", "acme", "inbound", null));
        refused(seal, cursor, CursorSeal.scope("calls", "acme", "outbound", null));
        refused(seal, cursor, CursorSeal.scope("calls", "acme", "inbound", ""));
        refused(seal, cursor, CursorSeal.scope("calls", "acme", null, "inbound"));
    }

    @Test
    void refusesEditsForgeriesAndOtherDeployments() {
        String scope = CursorSeal.scope("agents", "acme");
        String cursor = seal.seal(POSITION, scope);
        String mac = cursor.substring(cursor.indexOf('.') + 1);
        String edited = Base64.getUrlEncoder().withoutPadding().encodeToString(
                POSITION.replace("ann", "bob").getBytes(StandardCharsets.UTF_8)) + "." + mac;
        refused(seal, edited, scope);
        refused(seal, cursor.substring(0, cursor.indexOf('.')), scope);
        refused(seal, cursor + "x", scope);
        refused(seal, cursor + "." + mac, scope);
        refused(seal, "not a cursor!", scope);
        refused(seal, "x".repeat(5000), scope);
        byte[] otherKey = Arrays.copyOf(KEY, 32);
        otherKey[0] = 1;
        refused(new CursorSeal(() -> otherKey), cursor, scope);
    }
}
