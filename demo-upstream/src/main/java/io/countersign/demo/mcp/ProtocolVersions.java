package io.countersign.demo.mcp;

import java.util.List;

/** The MCP revisions the demo upstream speaks, oldest first (the SDK answers with the last). */
public final class ProtocolVersions {

  public static final List<String> SUPPORTED = List.of("2025-06-18", "2025-11-25");

  private ProtocolVersions() {}

  public static boolean isSupported(String version) {
    return SUPPORTED.contains(version);
  }
}
