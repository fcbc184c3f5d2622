/**
 * The tenant model as the gateway sees it: the {@link io.countersign.tenant.TenantDirectory} seam.
 */
package io.countersign.tenant;
