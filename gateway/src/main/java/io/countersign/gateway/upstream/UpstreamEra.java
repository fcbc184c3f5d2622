package io.countersign.gateway.upstream;

/**
 * Which MCP era an upstream speaks (2026-07-28, "Versioning and Compatibility", "Terminology"): a
 * property of the server, not of one request.
 */
public enum UpstreamEra {
  /** {@code initialize} and a session: 2025-11-25 and earlier. */
  LEGACY,
  /** Every request carries its own {@code _meta}; no session: 2026-07-28. */
  MODERN
}
