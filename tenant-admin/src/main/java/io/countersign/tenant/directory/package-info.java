/**
 * The {@link io.countersign.tenant.TenantDirectory} backed by JPA, with short-lived caches for the
 * hot path.
 */
package io.countersign.tenant.directory;
