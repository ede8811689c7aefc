package dev.switchboard.local;

import java.io.IOException;
import java.net.BindException;

/**
 * A port the stack must listen on is taken. "Address already in use" alone does not say which of
 * the stack's ports it is nor what to do; this says the port, whose it is and the option that
 * moves it.
 */
final class PortInUse extends RuntimeException {

    PortInUse(int port, String whose, String remedy) {
        super("port " + port + " is in use, so " + whose + " cannot listen on it: stop what holds it, or "
                + remedy);
    }

    /** Something that opens a listener. */
    interface Listener<T> {
        T open() throws IOException;
    }

    /** Opens a listener; a port already taken becomes a PortInUse. */
    static <T> T listen(int port, String whose, String remedy, Listener<T> listener) throws IOException {
        try {
            return listener.open();
        } catch (BindException e) {
            throw new PortInUse(port, whose, remedy);
        }
    }

    /** Whether a failure to start came from a port being taken, however deep the emulator wrapped it. */
    static boolean isCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (t instanceof BindException || message.contains("Failed to bind") || message.contains("Bind failed")) {
                return true;
            }
        }
        return false;
    }
}
