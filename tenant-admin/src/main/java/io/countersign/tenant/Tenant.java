package io.countersign.tenant;

/**
 * A tenant as the gateway and the approver surfaces see it.
 *
 * @param approverSignIn how its approvers sign in and whether their votes must be device-bound
 */
public record Tenant(
    String id,
    String displayName,
    boolean demo,
    ToolNames toolNames,
    ApproverSignIn approverSignIn) {

  public Tenant(String id, String displayName, boolean demo, ToolNames toolNames) {
    this(id, displayName, demo, toolNames, ApproverSignIn.DEFAULT);
  }

  public Tenant(String id, String displayName, boolean demo) {
    this(id, displayName, demo, ToolNames.QUALIFIED);
  }
}
