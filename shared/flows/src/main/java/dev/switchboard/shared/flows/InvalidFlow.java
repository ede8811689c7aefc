package dev.switchboard.shared.flows;

/**
 * A flow's JSON that cannot be read as a flow, with the path of the field at fault (like
 * {@code nodes.main.options[1].digits}) so the API can point at it.
 */
public final class InvalidFlow extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String path;

    public InvalidFlow(String path, String message) {
        super(message);
        this.path = path;
    }

    /** The field at fault; empty when it is the body as a whole. */
    public String path() {
        return path;
    }
}
