package dev.switchboard.shared.tenancy;

import dev.switchboard.shared.store.Page;

import java.util.Optional;

/** Phone numbers, each owned by one tenant, with its routing and messaging settings. */
public interface Numbers {
    void put(PhoneNumber number);

    /**
     * Saves the number for its tenant unless another tenant has it.
     *
     * @return false when the number belongs to another tenant
     */
    boolean claim(PhoneNumber number);

    /** @return false, writing nothing, when the number is no longer {@code before} (changed or released) */
    boolean replace(PhoneNumber before, PhoneNumber after);

    /** How many numbers the tenant has, counting no further than {@code atMost}. */
    int count(String tenantId, int atMost);

    /** Saves a number no tenant has. @return false, writing nothing, when anyone has it */
    boolean add(PhoneNumber number);

    /** Removes the number only while it is exactly as given. @return false when it was changed or gone */
    boolean withdraw(PhoneNumber number);

    Optional<PhoneNumber> get(String phoneNumber);

    Page<PhoneNumber> list(String tenantId, String cursor, int limit);

    /** @return false when the tenant has no such number */
    boolean delete(String tenantId, String phoneNumber);
}
