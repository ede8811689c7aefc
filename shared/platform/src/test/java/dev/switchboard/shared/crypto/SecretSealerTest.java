package dev.switchboard.shared.crypto;

import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SecretSealerTest {
    private final SecretSealer sealer = new SecretSealer(LocalDataKeys.fromBase64(LocalDataKeys.newKeyBase64()));
    private final Map<String, String> account = Map.of("accountSid", "AC1");

    @Test
    void opensWhatItSealedAndNeverStoresThePlaintext() {
        String sealed = sealer.seal("super-secret-token", account);
        assertFalse(sealed.contains("super-secret-token"));
        assertFalse(sealed.contains(Base64.getEncoder().encodeToString("super-secret-token".getBytes())));
        assertEquals("super-secret-token", sealer.open(sealed, account));
    }

    @Test
    void sealingTwiceGivesDifferentCiphertexts() {
        assertNotEquals(sealer.seal("token", account), sealer.seal("token", account));
    }

    @Test
    void aSealedTokenDoesNotOpenForAnotherAccount() {
        String sealed = sealer.seal("token", account);
        assertThrows(SecretUnreadable.class, () -> sealer.open(sealed, Map.of("accountSid", "AC2")));
    }

    @Test
    void aTamperedOrForeignCiphertextDoesNotOpen() {
        String sealed = sealer.seal("token", account);
        char last = sealed.charAt(sealed.length() - 1);
        String tampered = sealed.substring(0, sealed.length() - 1) + (last == 'A' ? 'B' : 'A');
        assertThrows(SecretUnreadable.class, () -> sealer.open(tampered, account));
        var otherKey = new SecretSealer(LocalDataKeys.fromBase64(LocalDataKeys.newKeyBase64()));
        assertThrows(SecretUnreadable.class, () -> otherKey.open(sealed, account));
        assertThrows(SecretUnreadable.class, () -> sealer.open("plaintext-token", account));
    }
}
