package io.countersign.tenant.bundle;

import io.countersign.tenant.ApprovalExpiry;
import io.countersign.tenant.ApproverSignIn;
import io.countersign.tenant.ToolNames;
import io.countersign.tenant.approval.ExternalProvider;
import io.countersign.tenant.notification.ChatWebhook;
import java.util.Optional;

/**
 * The {@code tenant:} section: the slug, its display name, whether it is the demo tenant, its
 * approval expiry bounds, how agents see tool names, the external CIBA provider that asks its
 * approvers (empty: the built-in provider), the signed webhook told of approval requests, and how
 * its approvers sign in.
 */
public record TenantDeclaration(
    String id,
    String displayName,
    boolean demo,
    ApprovalExpiry approvalExpiry,
    ToolNames toolNames,
    Optional<ExternalProvider> approvalProvider,
    Optional<ChatWebhook> webhook,
    ApproverSignIn approverSignIn) {

  /** A tenant without an external provider or webhook. */
  public TenantDeclaration(
      String id,
      String displayName,
      boolean demo,
      ApprovalExpiry approvalExpiry,
      ToolNames toolNames,
      Optional<ExternalProvider> approvalProvider) {
    this(
        id,
        displayName,
        demo,
        approvalExpiry,
        toolNames,
        approvalProvider,
        Optional.empty(),
        ApproverSignIn.DEFAULT);
  }

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
