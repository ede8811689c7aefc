package dev.switchboard.shared.api;

import java.util.Map;

/**
 * Who is calling the API, as the authorizer established it: the platform admin, or one tenant
 * through one of its keys. It travels from the authorizer to the API functions in API Gateway's
 * authorizer context.
 */
public record Principal(Role role, String tenantId, String keyId) {

    /**
     * NONE: the authorizer saw no valid key; the API answers 401 (see ApiKeyAuthorizer). SESSION: a
     * tenant's console session, which acts for its tenant as a key does but cannot make keys or
     * sessions (a stolen session ends when it expires).
     */
    public enum Role { ADMIN, TENANT, SESSION, NONE }

    public static Principal admin() {
        return new Principal(Role.ADMIN, null, "admin");
    }

    public static Principal none() {
        return new Principal(Role.NONE, null, "none");
    }

    public static Principal tenant(String tenantId, String keyId) {
        return new Principal(Role.TENANT, tenantId, keyId);
    }

    public static Principal session(String tenantId, String sessionId) {
        return new Principal(Role.SESSION, tenantId, sessionId);
    }

    public Map<String, Object> toContext() {
        return tenantId == null ? Map.of("role", role.name(), "keyId", keyId)
                : Map.of("role", role.name(), "tenantId", tenantId, "keyId", keyId);
    }

    public static Principal fromContext(Map<String, Object> context) {
        if (context == null || context.get("role") == null) {
            throw ApiError.unauthorized();
        }
        Role role;
        try {
            role = Role.valueOf(String.valueOf(context.get("role")));
        } catch (IllegalArgumentException e) {
            throw ApiError.unauthorized();
        }
        if (role == Role.NONE) {
            throw ApiError.unauthorized();
        }
        Object tenant = context.get("tenantId");
        return new Principal(role, tenant == null ? null : tenant.toString(), String.valueOf(context.get("keyId")));
    }

    /**
     * The tenant in the path, if this caller may act for it. A tenant key for another tenant
     * gets 404, as if the tenant did not exist: its existence is not this caller's business.
     */
    public String requireTenant(String pathTenantId) {
        if ((role == Role.TENANT || role == Role.SESSION) && !pathTenantId.equals(tenantId)) {
            throw ApiError.notFound("Tenant " + pathTenantId);
        }
        return pathTenantId;
    }

    /** For what only a key may do (make keys and sessions): a console session may not. */
    public void requireKey() {
        if (role == Role.SESSION) {
            throw ApiError.forbidden("A console session cannot do this: use an API key");
        }
    }

    public void requireAdmin() {
        if (role != Role.ADMIN) {
            throw ApiError.forbidden("Only the platform admin key may do this");
        }
    }
}
