package io.countersign.web.mcp;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A whole answer of the MCP endpoint, decided before anything is written: a status, headers and an
 * optional JSON body. Streams ({@link RelayedOutput}, {@link HeldStream}) write themselves.
 */
public record HttpAnswer(int status, Map<String, String> headers, Optional<String> json) {

  static final String JSON = "application/json";

  public HttpAnswer {
    headers = Map.copyOf(headers);
  }

  static HttpAnswer json(int status, String body) {
    return new HttpAnswer(status, Map.of(), Optional.of(body));
  }

  static HttpAnswer empty(int status) {
    return new HttpAnswer(status, Map.of(), Optional.empty());
  }

  /** The same answer with one more header. */
  HttpAnswer with(String name, String value) {
    var more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new HttpAnswer(status, more, json);
  }

  void writeTo(HttpServletResponse response) throws IOException {
    response.setStatus(status);
    headers.forEach(response::setHeader);
    if (json.isEmpty()) {
      return;
    }
    byte[] body = json.get().getBytes(StandardCharsets.UTF_8);
    response.setContentType(JSON);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }
}
