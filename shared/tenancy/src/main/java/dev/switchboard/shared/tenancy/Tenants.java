package dev.switchboard.shared.tenancy;

import java.util.Optional;

/** The tenants: each a workspace with its own Twilio account or subaccounts. */
public interface Tenants {
    void put(Tenant tenant);

    /** @return false when a tenant with this id exists already */
    boolean create(Tenant tenant);

    Optional<Tenant> get(String tenantId);

    /** The tenant's recording settings; the defaults until it sets them. */
    RecordingSettings recordingSettings(String tenantId);

    /** @return false, writing nothing, when there is no such tenant */
    boolean setRecordingSettings(String tenantId, RecordingSettings settings);

    /** The IANA time zone the tenant's metrics are counted in by default; UTC until it sets one. */
    java.time.ZoneId timeZone(String tenantId);

    /** @return false, writing nothing, when there is no such tenant */
    boolean setTimeZone(String tenantId, java.time.ZoneId zone);
}
