package dev.switchboard.shared.tenancy;

import dev.switchboard.shared.api.ApiError;
import dev.switchboard.shared.api.ApiRequest;
import dev.switchboard.shared.api.Principal;

/** Resolves the {tenantId} of a route for the caller: its own tenant, or any existing one for the admin. */
public final class TenantAccess {
    private final Tenants tenants;

    public TenantAccess(Tenants tenants) {
        this.tenants = tenants;
    }

    public String tenant(ApiRequest request) {
        String tenantId = request.principal().requireTenant(request.path("tenantId"));
        if (request.principal().role() == Principal.Role.ADMIN && tenants.get(tenantId).isEmpty()) {
            throw ApiError.notFound("Tenant " + tenantId);
        }
        return tenantId;
    }
}
