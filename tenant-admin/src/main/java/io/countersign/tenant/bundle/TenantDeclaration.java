package io.countersign.tenant.bundle;

import io.countersign.tenant.ApprovalExpiry;
import io.countersign.tenant.ToolNames;
import io.countersign.tenant.approval.ExternalProvider;
import java.util.Optional;

/**
 * The {@code tenant:} section: the slug, its display name, whether it is the demo tenant, its
 * approval expiry bounds, how agents see tool names, and the external CIBA provider that asks its
 * approvers (empty: the built-in provider).
 */
public record TenantDeclaration(
    String id,
    String displayName,
    boolean demo,
    ApprovalExpiry approvalExpiry,
    ToolNames toolNames,
    Optional<ExternalProvider> approvalProvider) {

  public TenantDeclaration(String id, String displayName, boolean demo) {
    this(
        id,
        displayName,
        demo,
        ApprovalExpiry.platformDefaults(),
        ToolNames.QUALIFIED,
        Optional.empty());
  }
}
