package io.countersign.demo.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.countersign.demo.mcp.ProtocolVersions;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Streamable HTTP checks in front of the SDK's transport servlet: GET answers 405 (this server
 * never opens a server-to-client stream), an unsupported {@code MCP-Protocol-Version} answers 400,
 * and a POSTed body must be one well-formed JSON-RPC message.
 */
public class McpRequestFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;
  static final String PROTOCOL_VERSION = "MCP-Protocol-Version";
  static final int MAX_BODY_BYTES = 4 * 1024 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    // Transports, "Listening for Messages from the Server": the server MUST either return
    // Content-Type: text/event-stream in response to this HTTP GET, or else return HTTP 405.
    if ("GET".equals(request.getMethod())) {
      response.setHeader("Allow", "POST, DELETE");
      response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
      return;
    }
    // Transports, "Protocol Version Header": an invalid or unsupported version MUST get 400.
    String version = request.getHeader(PROTOCOL_VERSION);
    if (version != null && !ProtocolVersions.isSupported(version)) {
      write(
          response,
          JsonRpcRejection.badMessage(
              JsonRpcRejection.INVALID_REQUEST,
              "Bad Request: unsupported "
                  + PROTOCOL_VERSION
                  + " "
                  + version
                  + " (supported: "
                  + String.join(", ", ProtocolVersions.SUPPORTED)
                  + ")"));
      return;
    }
    if (!"POST".equals(request.getMethod())) {
      chain.doFilter(request, response);
      return;
    }
    Optional<byte[]> body = readBody(request);
    if (body.isEmpty()) {
      response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
      return;
    }
    Optional<JsonRpcRejection> rejection =
        JsonRpcEnvelope.check(body.get(), request.getHeader("Mcp-Session-Id") != null);
    if (rejection.isPresent()) {
      write(response, rejection.get());
      return;
    }
    chain.doFilter(new CachedBodyRequest(request, body.get()), response);
  }

  private static Optional<byte[]> readBody(HttpServletRequest request) throws IOException {
    if (request.getContentLengthLong() > MAX_BODY_BYTES) {
      return Optional.empty();
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try (InputStream in = request.getInputStream()) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        body.write(buffer, 0, n);
        if (body.size() > MAX_BODY_BYTES) {
          return Optional.empty();
        }
      }
    }
    return Optional.of(body.toByteArray());
  }

  private static void write(HttpServletResponse response, JsonRpcRejection rejection)
      throws IOException {
    response.setStatus(rejection.httpStatus());
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    JSON.writeValue(response.getWriter(), rejection.toJson());
  }
}
