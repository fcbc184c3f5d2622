/** Tenant members as people who sign in: passwords, roles and approver group membership. */
package io.countersign.tenant.member;
