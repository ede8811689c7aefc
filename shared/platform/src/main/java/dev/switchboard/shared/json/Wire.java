package dev.switchboard.shared.json;

import java.util.Optional;

/** A value Twilio spells its own way on the wire ("in-progress", "no-answer"), kept as an enum. */
public interface Wire {
    String wire();

    /** The constant Twilio's spelling names, if any. */
    static <E extends Enum<E> & Wire> Optional<E> of(Class<E> type, String value) {
        for (E constant : type.getEnumConstants()) {
            if (constant.wire().equals(value)) {
                return Optional.of(constant);
            }
        }
        return Optional.empty();
    }
}
