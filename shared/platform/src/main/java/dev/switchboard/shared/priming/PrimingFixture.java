package dev.switchboard.shared.priming;

import java.util.Map;

/**
 * What a capability lends SnapStart priming: the made-up items its tables answer with while the
 * adapters answer their made-up requests, and how it cleans up after. The capability that owns the
 * tables owns their items (tenancy: the account, number, agent and tenant {@link Priming} names).
 */
public interface PrimingFixture {

    /** Before the made-up requests: what must be ready for them (the made-up account's sealed token). */
    default void before() {
    }

    /**
     * The made-up item a DynamoDB read answers with, in DynamoDB's JSON, or null when the request is
     * not for one of this capability's tables or finds nothing there.
     */
    Map<String, Object> item(String operation, String body);

    /** After them: forget what they left in caches, so that no made-up item outlives priming. */
    default void after() {
    }

    /** One real read of an item that does not exist, for the classes of the way to DynamoDB. */
    void realRead();
}
