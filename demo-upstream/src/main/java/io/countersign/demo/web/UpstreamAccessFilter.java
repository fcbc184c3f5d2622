package io.countersign.demo.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who may call the demo upstream: only this machine (it is the upstream of the local gateway, not a
 * public server), and, when {@code countersign.demo.upstream-token} is set, only with {@code
 * Authorization: Bearer <that token>}.
 */
public class UpstreamAccessFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;

  /** IPv4 digits and dots, or IPv6 (always with a ':'): literals Java parses without DNS. */
  private static final Pattern IP_LITERAL =
      Pattern.compile("[0-9.]+|[0-9A-Fa-f.%]*:[0-9A-Za-z:.%]*");

  private static final String BEARER = "Bearer ";

  private final transient Optional<byte[]> expectedTokenDigest;

  public UpstreamAccessFilter(Optional<String> upstreamToken) {
    this.expectedTokenDigest = upstreamToken.map(UpstreamAccessFilter::sha256);
  }

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (!isLoopback(request.getRemoteAddr())) {
      deny(
          response,
          HttpServletResponse.SC_FORBIDDEN,
          "The demo upstream only answers local requests");
      return;
    }
    if (expectedTokenDigest.isPresent() && !bearerMatches(request.getHeader("Authorization"))) {
      response.setHeader("WWW-Authenticate", "Bearer realm=\"countersign-demo-upstream\"");
      deny(response, HttpServletResponse.SC_UNAUTHORIZED, "A valid bearer token is required");
      return;
    }
    chain.doFilter(request, response);
  }

  /** Whether {@code remoteAddress}, an IP literal as the container reports it, is loopback. */
  static boolean isLoopback(String remoteAddress) {
    if (remoteAddress == null || !IP_LITERAL.matcher(remoteAddress).matches()) {
      return false;
    }
    try {
      // An IP literal is parsed, never looked up in DNS.
      return InetAddress.getByName(remoteAddress).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /**
   * Compares digests, so the comparison takes the same time whatever the presented token's length
   * or content.
   */
  boolean bearerMatches(String authorization) {
    if (authorization == null
        || authorization.length() <= BEARER.length()
        || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return false;
    }
    byte[] presented = sha256(authorization.substring(BEARER.length()).trim());
    return MessageDigest.isEqual(presented, expectedTokenDigest.orElseThrow());
  }

  private static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }

  private static void deny(HttpServletResponse response, int status, String message)
      throws IOException {
    response.setStatus(status);
    response.setContentType("text/plain;charset=UTF-8");
    response.getWriter().write(message);
  }
}
