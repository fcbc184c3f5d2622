/** The approvers' decision API: {@code /api/v1/tenants/{tenant}/approvals}. */
package io.countersign.web.approvals;
