package io.countersign.tenant;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a member of a tenant may do; {@link #word()} is the name used in bundles and the database.
 */
public enum MemberRole {
  /** Manages the tenant. */
  TENANT_ADMIN("tenant-admin"),
  /** Approves or denies held tool calls. */
  APPROVER("approver"),
  /** Reads the audit log. */
  AUDITOR("auditor");

  private final String word;

  MemberRole(String word) {
    this.word = word;
  }

  public String word() {
    return word;
  }

  /** The role with this word, if any. */
  public static Optional<MemberRole> fromWord(String word) {
    return Arrays.stream(values()).filter(role -> role.word.equals(word)).findFirst();
  }
}
