/** The demo tables: Flyway migrations with their own history table, and JDBC failures. */
package io.countersign.demo.db;
