/** Card charges, recorded in a ledger table, never sent to a payment network. */
package io.countersign.demo.payment;
