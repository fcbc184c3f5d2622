package io.countersign.web.mcp;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Collections;
import java.util.Locale;
import java.util.Optional;

/**
 * What the MCP endpoint reads of an HTTP request: its headers as one string each (repeated headers
 * joined with commas, RFC 9110 section 5.3), the media types it accepts and sends, and the URL it
 * was sent to.
 */
public final class McpHttpRequest {

  private final HttpServletRequest request;

  McpHttpRequest(HttpServletRequest request) {
    this.request = request;
  }

  /** The header's value, its occurrences joined with commas; null when absent. */
  String header(String name) {
    var values = request.getHeaders(name);
    if (values == null || !values.hasMoreElements()) {
      return null;
    }
    String first = values.nextElement();
    if (!values.hasMoreElements()) {
      return first;
    }
    return first + "," + String.join(",", Collections.list(values));
  }

  Optional<String> optionalHeader(String name) {
    return Optional.ofNullable(header(name));
  }

  /** Whether {@code Accept} names {@code type} or {@code *}{@code /*}. */
  boolean accepts(String type) {
    String accept = header("Accept");
    if (accept == null) {
      return false;
    }
    for (String part : accept.split(",")) {
      String media = mediaOf(part);
      if (media.equals(type) || media.equals("*/*")) {
        return true;
      }
    }
    return false;
  }

  /** Whether the body is declared JSON: {@code application/json}, or a wildcard that covers it. */
  boolean sendsJson() {
    String type = request.getContentType();
    if (type == null) {
      return false;
    }
    String[] media = mediaOf(type).split("/", 2);
    return media.length == 2
        && (media[0].equals("application") || media[0].equals("*"))
        && (media[1].equals("json") || media[1].equals("*"));
  }

  /** The declared body length, or -1 when none (or none that parses) is declared. */
  long declaredLength() {
    return request.getContentLengthLong();
  }

  /** The URL the request was sent to (scheme and authority are what {@link McpAdmission} uses). */
  URI url() {
    return URI.create(request.getRequestURL().toString());
  }

  private static String mediaOf(String part) {
    return part.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
  }
}
