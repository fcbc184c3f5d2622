/** The audit log stored with JPA in the table {@code audit_entry}. */
package io.countersign.audit.jpa;
