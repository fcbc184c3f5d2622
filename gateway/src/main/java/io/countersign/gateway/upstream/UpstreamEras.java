package io.countersign.gateway.upstream;

import io.countersign.gateway.jsonrpc.Jsonp;
import io.countersign.tenant.UpstreamEndpoint;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The era of each upstream, found out the way 2026-07-28 tells a dual-era client to: a modern
 * request first ({@code server/discover}, which every modern server must implement), then {@code
 * initialize} only if the answer is not modern ({@link EraProbe}). "The era determination is a
 * property of the server": it is remembered per upstream (its id and URL, so a bundle that points
 * the upstream elsewhere asks again) for the life of this node, and forgotten when it later fails
 * ("re-probing if the cached assumption later fails").
 */
@ApplicationScoped
public class UpstreamEras {

  private static final Logger LOG = Logger.getLogger(UpstreamEras.class.getName());

  /** The gateway as the client, in every modern request's {@code _meta}. */
  static final JsonObject CLIENT_INFO =
      Jsonp.createObjectBuilder()
          .add("name", UpstreamConnector.CLIENT_NAME)
          .add("version", UpstreamConnector.CLIENT_VERSION)
          .build();

  @Inject UpstreamClient client;

  private final Map<String, UpstreamEra> known = new ConcurrentHashMap<>();
  private final Map<String, Object> probing = new ConcurrentHashMap<>();

  /**
   * The upstream's era, probing it on first use. Parallel first requests (an agent firing several
   * calls at once) wait for one probe instead of each sending its own.
   */
  public EraProbe.Finding of(UpstreamEndpoint upstream) {
    UpstreamEra remembered = known.get(key(upstream));
    if (remembered != null) {
      return new EraProbe.Known(remembered);
    }
    Object lock = probing.computeIfAbsent(key(upstream), k -> new Object());
    try {
      synchronized (lock) {
        remembered = known.get(key(upstream));
        return remembered != null ? new EraProbe.Known(remembered) : probe(upstream);
      }
    } finally {
      probing.remove(key(upstream), lock);
    }
  }

  private EraProbe.Finding probe(UpstreamEndpoint upstream) {
    JsonObject discover =
        Jsonp.createObjectBuilder()
            .add("jsonrpc", "2.0")
            .add("id", "cs-discover")
            .add("method", "server/discover")
            .add("params", JsonValue.EMPTY_JSON_OBJECT)
            .build();
    UpstreamReply reply =
        client.postModern(
            upstream, ModernRequest.of(discover, CLIENT_INFO, JsonValue.EMPTY_JSON_OBJECT));
    if (reply instanceof UpstreamReply.Stream stream) {
      reply = stream.stream().awaitResponse(discover.get("id"), upstream.readTimeout());
    }
    EraProbe.Finding finding = EraProbe.read(reply);
    if (finding instanceof EraProbe.Known found) {
      known.put(key(upstream), found.era());
      LOG.info(
          () ->
              "upstream "
                  + upstream.tenantId()
                  + "/"
                  + upstream.name()
                  + " speaks the "
                  + found.era().name().toLowerCase(java.util.Locale.ROOT)
                  + " era of MCP");
    }
    return finding;
  }

  /** The remembered era no longer holds (the upstream was replaced): ask again next time. */
  public void forget(UpstreamEndpoint upstream) {
    known.remove(key(upstream));
  }

  /** Remembers an era without asking (tests, and an upstream that proved its era otherwise). */
  void remember(UpstreamEndpoint upstream, UpstreamEra era) {
    known.put(key(upstream), era);
  }

  private static String key(UpstreamEndpoint upstream) {
    return upstream.id() + "|" + upstream.url();
  }
}
