package io.countersign.gateway.mcp;

import io.countersign.gateway.session.McpSession;
import java.util.List;

/**
 * The MCP revisions the front speaks over Streamable HTTP with sessions (2026-07-28, which has
 * none, is {@link #V2026_07_28}). 2025-03-26 is accepted because the specification tells servers to
 * assume it when a client sends no {@code MCP-Protocol-Version}.
 */
public final class ProtocolVersions {

  /** The stateless era, served beside the others ({@link ModernEnvelope}, {@link ModernFront}). */
  public static final String V2026_07_28 = McpSession.MODERN;

  public static final String V2025_11_25 = "2025-11-25";
  public static final String V2025_06_18 = "2025-06-18";
  public static final String V2025_03_26 = "2025-03-26";
  public static final String LATEST = V2025_11_25;

  /** When no header is sent (Streamable HTTP, "Protocol Version Header"). */
  public static final String ASSUMED_WITHOUT_HEADER = V2025_03_26;

  private static final List<String> SUPPORTED = List.of(V2025_11_25, V2025_06_18, V2025_03_26);

  private ProtocolVersions() {}

  public static boolean isSupported(String version) {
    return SUPPORTED.contains(version);
  }

  public static List<String> supported() {
    return SUPPORTED;
  }

  /**
   * The versions this endpoint names to clients ({@code server/discover}, -32022), newest first:
   * 2026-07-28 and the session eras a client can negotiate (2025-03-26 is only assumed).
   */
  public static List<String> advertised() {
    return List.of(V2026_07_28, V2025_11_25, V2025_06_18);
  }

  /**
   * Lifecycle, "Version Negotiation": if the server supports the requested version it MUST respond
   * with the same version; otherwise it MUST respond with another version it supports (the latest).
   */
  public static String negotiate(String requested) {
    return isSupported(requested) ? requested : LATEST;
  }
}
