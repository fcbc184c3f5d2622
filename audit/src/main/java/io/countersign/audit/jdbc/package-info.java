/** The audit log stored with plain JDBC in the table {@code audit_entry}. */
package io.countersign.audit.jdbc;
