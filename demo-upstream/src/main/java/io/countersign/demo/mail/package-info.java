/** E-mail that is recorded in an outbox table, never sent. */
package io.countersign.demo.mail;
