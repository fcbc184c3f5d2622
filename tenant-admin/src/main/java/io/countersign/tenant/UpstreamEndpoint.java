package io.countersign.tenant;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * An upstream MCP server of a tenant. {@code headers} holds the decrypted credentials the gateway
 * sends to the upstream (e.g. {@code Authorization}); they are never shown to agents or logged.
 */
public record UpstreamEndpoint(
    String id,
    String tenantId,
    String name,
    URI url,
    Map<String, String> headers,
    Duration connectTimeout,
    Duration readTimeout) {

  public UpstreamEndpoint {
    headers = Map.copyOf(headers);
  }

  @Override
  public String toString() {
    return "UpstreamEndpoint["
        + tenantId
        + "/"
        + name
        + " "
        + url
        + ", headers="
        + headers.keySet()
        + "]";
  }
}
