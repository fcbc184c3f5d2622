package io.countersign.demo.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The access filter on whole requests, named after what a caller tries. */
class UpstreamAccessFilterRequestTest {

  private final StringWriter body = new StringWriter();
  private final Map<String, Object> response = new HashMap<>();
  private final AtomicBoolean passedOn = new AtomicBoolean();

  private HttpServletRequest request(String remoteAddress, String authorization) {
    return (HttpServletRequest)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {HttpServletRequest.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "getRemoteAddr" -> remoteAddress;
                  case "getHeader" -> "Authorization".equals(args[0]) ? authorization : null;
                  default -> null;
                });
  }

  private HttpServletResponse response() {
    return (HttpServletResponse)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {HttpServletResponse.class},
            (proxy, method, args) -> {
              switch (method.getName()) {
                case "setStatus" -> response.put("status", args[0]);
                case "setHeader" -> response.put((String) args[0], args[1]);
                case "getWriter" -> {
                  return new PrintWriter(body);
                }
                default -> {}
              }
              return null;
            });
  }

  private final FilterChain chain = (req, res) -> passedOn.set(true);

  @Test
  void remoteCallerIsForbiddenEvenWithTheRightToken() throws Exception {
    new UpstreamAccessFilter(Optional.of("s3cret"))
        .doFilter(request("192.168.1.20", "Bearer s3cret"), response(), chain);

    assertEquals(403, response.get("status"));
    assertFalse(passedOn.get());
  }

  @Test
  void localCallerWithoutTokenIsUnauthorizedWhenATokenIsConfigured() throws Exception {
    new UpstreamAccessFilter(Optional.of("s3cret"))
        .doFilter(request("127.0.0.1", null), response(), chain);

    assertEquals(401, response.get("status"));
    assertTrue(((String) response.get("WWW-Authenticate")).startsWith("Bearer "));
    assertFalse(body.toString().contains("s3cret"));
    assertFalse(passedOn.get());
  }

  @Test
  void localCallerWithAWrongTokenIsUnauthorized() throws Exception {
    new UpstreamAccessFilter(Optional.of("s3cret"))
        .doFilter(request("::1", "Bearer guess"), response(), chain);

    assertEquals(401, response.get("status"));
    assertFalse(passedOn.get());
  }

  @Test
  void localCallerIsPassedOnWithTheTokenOrWhenNoneIsConfigured() throws Exception {
    new UpstreamAccessFilter(Optional.of("s3cret"))
        .doFilter(request("127.0.0.1", "Bearer s3cret"), response(), chain);
    assertTrue(passedOn.getAndSet(false));

    new UpstreamAccessFilter(Optional.empty())
        .doFilter(request("127.0.0.1", null), response(), chain);
    assertTrue(passedOn.get());
    assertFalse(response.containsKey("status"));
  }
}
