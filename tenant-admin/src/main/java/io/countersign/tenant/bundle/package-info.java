/**
 * Tenant bundles: the YAML that declares a tenant (policy as code), its validation and its import.
 */
package io.countersign.tenant.bundle;
