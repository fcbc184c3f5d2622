package io.countersign.tenant.bundle;

import io.countersign.tenant.ApprovalExpiry;

/** The {@code tenant:} section: the slug, its display name, and whether it is the demo tenant. */
public record TenantDeclaration(
    String id, String displayName, boolean demo, ApprovalExpiry approvalExpiry) {

  public TenantDeclaration(String id, String displayName, boolean demo) {
    this(id, displayName, demo, ApprovalExpiry.platformDefaults());
  }
}
