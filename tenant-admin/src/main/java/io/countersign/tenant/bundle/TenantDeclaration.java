package io.countersign.tenant.bundle;

/** The {@code tenant:} section: the slug, its display name, and whether it is the demo tenant. */
public record TenantDeclaration(String id, String displayName, boolean demo) {}
