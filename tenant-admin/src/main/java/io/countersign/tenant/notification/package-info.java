/**
 * Where a tenant's approver notifications go besides the approvers themselves: the signed webhook
 * of a chat bridge its bundle declares ({@code tenant.notifications.webhook}).
 */
package io.countersign.tenant.notification;
