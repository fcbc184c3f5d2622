/** Tenant policies: ordered CEL rules compiled once per policy version and evaluated per call. */
package io.countersign.tenant.policy;
