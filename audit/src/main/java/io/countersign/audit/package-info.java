/** The audit log: append-only evidence of every decision, written in the decision's transaction. */
package io.countersign.audit;
