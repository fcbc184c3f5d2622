package io.countersign.tenant.bundle;

import io.countersign.tenant.ApprovalExpiry;
import io.countersign.tenant.ToolNames;

/**
 * The {@code tenant:} section: the slug, its display name, whether it is the demo tenant, its
 * approval expiry bounds and how agents see tool names.
 */
public record TenantDeclaration(
    String id,
    String displayName,
    boolean demo,
    ApprovalExpiry approvalExpiry,
    ToolNames toolNames) {

  public TenantDeclaration(String id, String displayName, boolean demo) {
    this(id, displayName, demo, ApprovalExpiry.platformDefaults(), ToolNames.QUALIFIED);
  }
}
