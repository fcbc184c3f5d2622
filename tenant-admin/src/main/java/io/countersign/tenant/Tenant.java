package io.countersign.tenant;

/** A tenant as the gateway sees it. */
public record Tenant(String id, String displayName, boolean demo, ToolNames toolNames) {

  public Tenant(String id, String displayName, boolean demo) {
    this(id, displayName, demo, ToolNames.QUALIFIED);
  }
}
