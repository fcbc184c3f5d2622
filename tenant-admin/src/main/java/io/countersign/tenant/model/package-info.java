/** JPA entities of the tenant model, one per table of {@code V1__tenant_model.sql}. */
package io.countersign.tenant.model;
