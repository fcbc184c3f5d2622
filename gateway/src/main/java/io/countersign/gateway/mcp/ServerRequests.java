package io.countersign.gateway.mcp;

import io.countersign.gateway.jsonrpc.JsonRpcMessage.Response;
import io.countersign.gateway.jsonrpc.Jsonp;
import io.countersign.gateway.session.McpSession;
import io.countersign.gateway.session.UnguessableIds;
import io.countersign.tenant.UpstreamEndpoint;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Requests an upstream sends to the client while it works on a request (elicitation/create,
 * sampling/createMessage, roots/list), relayed on that request's stream (Streamable HTTP, "Sending
 * Messages to the Server", item 6). Each gets an id of the gateway's own, unguessable and bound to
 * the client session, so ids of several upstreams never collide, and the client's answer goes back
 * to exactly the upstream that asked, under the id it used, and never to another session.
 */
@ApplicationScoped
public class ServerRequests {

  /** How long an unanswered server request is remembered. */
  static final Duration KEPT = Duration.ofHours(1);

  private record Pending(UpstreamEndpoint upstream, JsonValue upstreamId, Instant at) {}

  /** Where a client's answer goes, and the answer as the upstream must see it. */
  public record Answer(UpstreamEndpoint upstream, JsonObject message) {}

  private final Map<String, Pending> pending = new ConcurrentHashMap<>();

  /** Per session, the upstreams (by id) that asked the client for its roots. */
  private final Map<String, Map<String, UpstreamEndpoint>> askedForRoots =
      new ConcurrentHashMap<>();

  /**
   * The event data as the client gets it: a request from the upstream carries the gateway's id;
   * anything else (responses, notifications, data that is not JSON) passes unchanged.
   */
  public String relay(McpSession session, UpstreamEndpoint upstream, String data) {
    JsonObject message;
    try (var reader = Jsonp.createReader(new StringReader(data))) {
      JsonValue value = reader.readValue();
      if (value.getValueType() != JsonValue.ValueType.OBJECT) {
        return data;
      }
      message = value.asJsonObject();
    } catch (JsonException e) {
      return data;
    }
    JsonValue id = message.get("id");
    if (!message.containsKey("method")
        || id == null
        || id.getValueType() == JsonValue.ValueType.NULL) {
      return data;
    }
    if (message.get("method") instanceof JsonString method
        && "roots/list".equals(method.getString())) {
      askedForRoots
          .computeIfAbsent(session.id(), key -> new ConcurrentHashMap<>())
          .put(upstream.id(), upstream);
    }
    purge(Instant.now());
    String gatewayId = "cs-sr-" + UnguessableIds.of(16);
    pending.put(key(session, gatewayId), new Pending(upstream, id, Instant.now()));
    return Jsonp.createObjectBuilder(message).add("id", gatewayId).build().toString();
  }

  /** The upstream that asked, and the answer under its own id; empty for an unknown id. */
  public Optional<Answer> answer(McpSession session, Response response) {
    if (response.id().getValueType() != JsonValue.ValueType.STRING) {
      return Optional.empty();
    }
    String gatewayId = ((jakarta.json.JsonString) response.id()).getString();
    Pending asked = pending.remove(key(session, gatewayId));
    if (asked == null) {
      return Optional.empty();
    }
    return Optional.of(
        new Answer(
            asked.upstream(),
            Jsonp.createObjectBuilder(response.json()).add("id", asked.upstreamId()).build()));
  }

  /**
   * The upstreams of this session that asked the client for its roots: those a {@code
   * notifications/roots/list_changed} concerns (Roots, "Root List Changes").
   */
  public Collection<UpstreamEndpoint> askedForRoots(McpSession session) {
    return List.copyOf(askedForRoots.getOrDefault(session.id(), Map.of()).values());
  }

  /** The session ended: nothing of it is remembered. */
  public void forget(McpSession session) {
    askedForRoots.remove(session.id());
    pending.keySet().removeIf(key -> key.startsWith(session.id() + "|"));
  }

  private void purge(Instant now) {
    pending.values().removeIf(p -> p.at().plus(KEPT).isBefore(now));
  }

  private static String key(McpSession session, String gatewayId) {
    return session.id() + "|" + gatewayId;
  }
}
