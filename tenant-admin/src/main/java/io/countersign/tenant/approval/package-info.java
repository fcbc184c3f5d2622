/**
 * Which CIBA provider asks a tenant's approvers: the built-in one, or an external provider the
 * tenant's bundle declares ({@code tenant.approvalProvider}).
 */
package io.countersign.tenant.approval;
