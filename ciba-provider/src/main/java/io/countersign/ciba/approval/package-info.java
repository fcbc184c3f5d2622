/**
 * The approval request aggregate: one held tool call behind one {@code auth_req_id}, its state
 * machine, the votes of its approvers and the domain events every transition produces.
 */
package io.countersign.ciba.approval;
