package io.countersign.demo.tool;

import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;

/**
 * Tool annotations (MCP server/tools, ToolAnnotations): hints a gateway policy may read. All four
 * hints are always spelled out, because the spec's defaults (destructive and open world) are the
 * opposite of what most readers assume.
 */
public final class Annotations {

  private Annotations() {}

  public static ToolAnnotations of(
      String title, boolean readOnly, boolean destructive, boolean idempotent, boolean openWorld) {
    return new ToolAnnotations(title, readOnly, destructive, idempotent, openWorld, null);
  }
}
