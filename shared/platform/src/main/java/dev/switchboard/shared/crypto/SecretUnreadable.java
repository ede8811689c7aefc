package dev.switchboard.shared.crypto;

/** A sealed secret that cannot be opened: wrong key, wrong context, or tampered with. */
public final class SecretUnreadable extends RuntimeException {
    public SecretUnreadable(String reason) {
        super("Secret cannot be decrypted: " + reason);
    }
}
