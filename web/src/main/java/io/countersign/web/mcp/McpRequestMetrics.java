package io.countersign.web.mcp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * The MCP endpoint's requests in {@code /metrics}: {@code
 * countersign_mcp_request_duration_seconds}, by HTTP method and status, from the request's arrival
 * to the end of its answer (a held call's stream included). The server's own HTTP metrics measure
 * requests on their way to a servlet, which the MCP endpoint, a filter, answers before; this timer
 * takes their place for it.
 */
@ApplicationScoped
public class McpRequestMetrics {

  static final String NAME = "countersign.mcp.request.duration";

  private static final Metadata METADATA =
      Metadata.builder()
          .withName(NAME)
          .withUnit(MetricUnits.NANOSECONDS)
          .withDescription(
              "Requests to the MCP endpoints /t/{tenant}/mcp, from arrival to the end of the answer")
          .build();

  @Inject MetricRegistry registry;

  private final Map<String, Timer> timers = new ConcurrentHashMap<>();

  void record(String method, int status, Duration took) {
    timers
        .computeIfAbsent(
            method + ' ' + status,
            key ->
                registry.timer(
                    METADATA,
                    new Tag("method", method),
                    new Tag("status", Integer.toString(status))))
        .update(took);
  }
}
