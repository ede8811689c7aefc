package dev.switchboard.shared.tenancy;

import java.util.Optional;

/** Which of a tenant's numbers an agent's outgoing calls show as caller ID. */
public final class CallerIds {
    private CallerIds() {
    }

    /** The agent's own number (the first routed to them), else the tenant's first number. */
    public static Optional<PhoneNumber> forAgent(Numbers numbers, String tenantId, String agentId) {
        PhoneNumber first = null;
        String cursor = null;
        do {
            var page = numbers.list(tenantId, cursor, 100);
            for (PhoneNumber number : page.items()) {
                if (agentId != null && agentId.equals(number.agentId())) {
                    return Optional.of(number);
                }
                if (first == null) {
                    first = number;
                }
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        return Optional.ofNullable(first);
    }
}
