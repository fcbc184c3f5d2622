/**
 * The signed, per-tenant Merkle audit log: leaves, appends, checkpoints, proofs, search, export.
 */
package io.countersign.audit.log;
