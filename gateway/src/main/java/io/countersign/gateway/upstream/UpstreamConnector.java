package io.countersign.gateway.upstream;

import io.countersign.gateway.jsonrpc.Jsonp;
import io.countersign.gateway.mcp.ProtocolVersions;
import io.countersign.gateway.session.McpSession;
import io.countersign.gateway.session.SessionStore;
import io.countersign.gateway.upstream.UpstreamFailure.Kind;
import io.countersign.tenant.UpstreamEndpoint;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Talks to an upstream on behalf of one client session, in the upstream's era ({@link
 * UpstreamEras}). A 2026-07-28 upstream gets each request on its own ({@link ModernUpstream}). For
 * an upstream of the session eras it initialises the upstream session on first use (Lifecycle,
 * "Initialization"), keeps it with the client's session, and re-initialises once when the upstream
 * answers 404 for an expired session (Streamable HTTP, "Session Management").
 */
@ApplicationScoped
public class UpstreamConnector {

  static final String CLIENT_NAME = "countersign-gateway";
  static final String CLIENT_VERSION = "0.1";
  private final AtomicLong ids = new AtomicLong();
  private final java.util.Map<String, Object> linking =
      new java.util.concurrent.ConcurrentHashMap<>();

  @Inject UpstreamClient client;
  @Inject SessionStore sessions;
  @Inject UpstreamEras eras;
  @Inject ModernUpstream modern;

  /**
   * Sends one message to this upstream for the session: on the session's link to it, or, to a
   * 2026-07-28 upstream, as a request of its own.
   */
  public UpstreamReply send(McpSession session, UpstreamEndpoint endpoint, JsonObject message) {
    EraProbe.Finding era = eras.of(endpoint);
    if (era instanceof EraProbe.Unanswered unanswered) {
      return unanswered.failed();
    }
    if (era instanceof EraProbe.Unspoken unspoken) {
      return new UpstreamReply.Failed(new UpstreamFailure(Kind.MALFORMED, unspoken.detail()));
    }
    if (((EraProbe.Known) era).era() == UpstreamEra.MODERN) {
      UpstreamReply reply = modern.send(session, endpoint, message);
      if (reply instanceof UpstreamReply.Failed failed
          && failed.failure().kind() == Kind.HTTP_STATUS) {
        // the upstream may have been replaced by one of another era: ask again next time
        eras.forget(endpoint);
      }
      return reply;
    }
    return sendOnLink(session, endpoint, message);
  }

  /** Whether this upstream speaks 2026-07-28 (probing it if it was never asked). */
  public boolean speaksModern(UpstreamEndpoint endpoint) {
    return eras.of(endpoint) instanceof EraProbe.Known known && known.era() == UpstreamEra.MODERN;
  }

  private UpstreamReply sendOnLink(
      McpSession session, UpstreamEndpoint endpoint, JsonObject message) {
    Optional<UpstreamLink> existing = sessions.link(session, endpoint);
    if (existing.isPresent()) {
      UpstreamReply reply = client.post(existing.get(), message);
      boolean expired =
          reply instanceof UpstreamReply.Failed failed
              && failed.failure().kind() == Kind.SESSION_EXPIRED;
      if (!expired) {
        return reply;
      }
      // The upstream forgot the session (it restarted, or expired it): the request was not
      // processed, so a new upstream session may carry it.
    }
    return relink(session, endpoint, message, existing);
  }

  /** Ends the upstream session behind a link, best effort. */
  public void terminateQuietly(UpstreamLink link) {
    client.terminate(link);
  }

  /** Sends a request the gateway itself issues (e.g. a list) and waits for its single response. */
  public UpstreamReply request(
      McpSession session, UpstreamEndpoint endpoint, String method, JsonObject params) {
    JsonValue id = Jsonp.createValue("cs-" + ids.incrementAndGet());
    JsonObject request =
        Jsonp.createObjectBuilder()
            .add("jsonrpc", "2.0")
            .add("id", id)
            .add("method", method)
            .add("params", params)
            .build();
    UpstreamReply reply = send(session, endpoint, request);
    if (reply instanceof UpstreamReply.Stream stream) {
      return stream.stream().awaitResponse(id, endpoint.readTimeout());
    }
    return reply;
  }

  /**
   * Opens the upstream session behind a client session. Parallel first requests on one session (an
   * agent firing several calls at once) wait for one another here, and all but the first use the
   * link the first one made, instead of each opening an upstream session of its own.
   */
  private UpstreamReply relink(
      McpSession session,
      UpstreamEndpoint endpoint,
      JsonObject message,
      Optional<UpstreamLink> stale) {
    String key = session.id() + "|" + endpoint.id();
    Object lock = linking.computeIfAbsent(key, k -> new Object());
    UpstreamLink link;
    try {
      synchronized (lock) {
        Optional<UpstreamLink> current = sessions.link(session, endpoint);
        if (current.isPresent() && !current.equals(stale)) {
          link = current.get();
        } else {
          Linking linking = initialize(session, endpoint);
          if (linking instanceof NotLinked notLinked) {
            eras.forget(endpoint);
            return notLinked.failed();
          }
          link = ((Linked) linking).link();
          sessions.saveLink(session, link);
        }
      }
    } finally {
      linking.remove(key, lock);
    }
    return client.post(link, message);
  }

  private sealed interface Linking {}

  private record Linked(UpstreamLink link) implements Linking {}

  private record NotLinked(UpstreamReply.Failed failed) implements Linking {}

  private Linking initialize(McpSession session, UpstreamEndpoint endpoint) {
    JsonValue id = Jsonp.createValue("cs-init-" + ids.incrementAndGet());
    JsonObject initialize =
        Jsonp.createObjectBuilder()
            .add("jsonrpc", "2.0")
            .add("id", id)
            .add("method", "initialize")
            .add(
                "params",
                Jsonp.createObjectBuilder()
                    .add("protocolVersion", ProtocolVersions.LATEST)
                    // what the client offers and the gateway relays (elicitation, sampling,
                    // roots): the upstream's requests reach the client on the request's stream
                    .add("capabilities", session.upstreamCapabilities())
                    .add(
                        "clientInfo",
                        Jsonp.createObjectBuilder()
                            .add("name", CLIENT_NAME)
                            .add("version", CLIENT_VERSION)))
            .build();
    UpstreamClient.Exchange exchange = client.postInitialize(endpoint, initialize);
    UpstreamReply reply = exchange.reply();
    if (reply instanceof UpstreamReply.Stream stream) {
      reply = stream.stream().awaitResponse(id, endpoint.readTimeout());
    }
    if (reply instanceof UpstreamReply.Failed failed) {
      return new NotLinked(failed);
    }
    if (!(reply instanceof UpstreamReply.Json json) || !json.message().containsKey("result")) {
      return failed("the upstream refused to initialise");
    }
    JsonValue version = json.message().getJsonObject("result").get("protocolVersion");
    if (!(version instanceof JsonString negotiated)
        || !ProtocolVersions.isSupported(negotiated.getString())) {
      return failed("the upstream speaks an MCP version the gateway does not support");
    }
    var link = new UpstreamLink(endpoint, exchange.sessionId(), negotiated.getString());
    client.post(
        link,
        Jsonp.createObjectBuilder()
            .add("jsonrpc", "2.0")
            .add("method", "notifications/initialized")
            .build());
    return new Linked(link);
  }

  private static NotLinked failed(String detail) {
    return new NotLinked(new UpstreamReply.Failed(new UpstreamFailure(Kind.MALFORMED, detail)));
  }
}
