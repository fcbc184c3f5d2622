package io.countersign.gateway.mcp;

import io.countersign.tenant.UpstreamEndpoint;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonValue;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which upstream is working on which client request, so that a client's {@code
 * notifications/cancelled} reaches the upstream that has the request (Cancellation).
 */
@ApplicationScoped
public class InFlightRequests {

  private final Map<String, UpstreamEndpoint> requests = new ConcurrentHashMap<>();

  void started(String sessionId, JsonValue requestId, UpstreamEndpoint upstream) {
    requests.put(key(sessionId, requestId), upstream);
  }

  void finished(String sessionId, JsonValue requestId) {
    requests.remove(key(sessionId, requestId));
  }

  Optional<UpstreamEndpoint> owner(String sessionId, JsonValue requestId) {
    return Optional.ofNullable(requests.get(key(sessionId, requestId)));
  }

  private static String key(String sessionId, JsonValue requestId) {
    return sessionId + "|" + requestId;
  }
}
