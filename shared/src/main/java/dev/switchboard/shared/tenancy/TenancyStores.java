package dev.switchboard.shared.tenancy;

import dev.switchboard.shared.store.Page;

import java.util.Optional;

/** Storage of tenants and what they own; one small interface per kind of item. */
public final class TenancyStores {
    private TenancyStores() {
    }

    public interface Tenants {
        void put(Tenant tenant);

        /** @return false when a tenant with this id exists already */
        boolean create(Tenant tenant);

        Optional<Tenant> get(String tenantId);

        /** The tenant's recording settings; the defaults until it sets them. */
        RecordingSettings recordingSettings(String tenantId);

        /** @return false, writing nothing, when there is no such tenant */
        boolean setRecordingSettings(String tenantId, RecordingSettings settings);
    }

    public interface Accounts {
        void put(TwilioAccount account);

        /**
         * Saves the account for its tenant unless another tenant has connected it.
         *
         * @return false when the account belongs to another tenant
         */
        boolean connect(TwilioAccount account);

        Optional<TwilioAccount> get(String accountSid);
    }

    public interface Agents {
        void put(Agent agent);

        /** What creating an agent came to. */
        enum Created { CREATED, ID_TAKEN, IDENTITY_TAKEN }

        /** Creates the agent unless the tenant has one with its id or its client identity already. */
        Created create(Agent agent);

        Optional<Agent> get(String tenantId, String agentId);

        /** @return false, writing nothing, when the agent is no longer {@code before} (changed or deleted) */
        boolean replace(Agent before, Agent after);

        Page<Agent> list(String tenantId, String cursor, int limit);

        /** The tenant's agent with this browser identity; agents of other tenants are never found. */
        Optional<Agent> byClientIdentity(String tenantId, String clientIdentity);

        /** @return false when the tenant has no such agent */
        boolean delete(String tenantId, String agentId);
    }

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
}
