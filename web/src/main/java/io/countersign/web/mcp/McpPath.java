package io.countersign.web.mcp;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The path of a tenant's MCP endpoint, {@code /t/{tenant}/mcp}, and the tenant it names. */
final class McpPath {

  private static final Pattern PATH = Pattern.compile("/t/([^/;]+)/mcp/?");

  private McpPath() {}

  /** The tenant whose MCP endpoint the request is for; empty for any other path. */
  static Optional<String> tenantOf(HttpServletRequest request) {
    String uri = request.getRequestURI();
    String path = uri.substring(Math.min(uri.length(), request.getContextPath().length()));
    return tenantOf(path);
  }

  /** The tenant of a raw (percent-encoded) path below the context root. */
  static Optional<String> tenantOf(String rawPath) {
    Matcher matcher = PATH.matcher(rawPath);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    String segment = matcher.group(1);
    try {
      // a path segment keeps '+' as it is (only a query string's '+' means a space)
      return Optional.of(URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException malformed) {
      return Optional.of(segment);
    }
  }
}
