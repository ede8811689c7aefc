package dev.switchboard.shared.tenancy;

import java.util.Optional;

/** Storage of tenants and what they own; one small interface per kind of item. */
public final class TenancyStores {
    private TenancyStores() {
    }

    public interface Tenants {
        void put(Tenant tenant);

        Optional<Tenant> get(String tenantId);
    }

    public interface Accounts {
        void put(TwilioAccount account);

        Optional<TwilioAccount> get(String accountSid);
    }

    public interface Agents {
        void put(Agent agent);

        Optional<Agent> get(String tenantId, String agentId);
    }

    public interface Numbers {
        void put(PhoneNumber number);

        Optional<PhoneNumber> get(String phoneNumber);
    }
}
