package io.countersign.gateway.upstream;

import io.countersign.gateway.jsonrpc.Jsonp;
import io.countersign.gateway.mcp.ProtocolVersions;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Set;

/**
 * Reads an upstream's answer to a modern {@code server/discover} as its era, the way 2026-07-28
 * tells a dual-era client to ("Versioning and Compatibility", "Backward Compatibility with
 * Initialization-Based Versions"; Streamable HTTP, "Backward Compatibility"): a {@code
 * DiscoverResult}, or a recognised modern JSON-RPC error, identifies a modern server; anything else
 * that the server answered identifies a legacy one. No answer at all identifies nothing.
 */
public final class EraProbe {

  /** The revision the gateway speaks to modern upstreams. */
  public static final String MODERN_VERSION = ProtocolVersions.V2026_07_28;

  /** Header mismatch, missing client capability, unsupported protocol version (2026-07-28). */
  static final Set<Integer> MODERN_ERRORS = Set.of(-32020, -32021, -32022);

  private EraProbe() {}

  /** What the probe tells. */
  public sealed interface Finding {}

  /** The upstream's era, to remember. */
  public record Known(UpstreamEra era) implements Finding {}

  /** A modern server that does not speak 2026-07-28: nothing to fall back to. */
  public record Unspoken(String detail) implements Finding {}

  /**
   * The upstream could not be asked (down, slow, refused by the outbound guard): ask again later.
   */
  public record Unanswered(UpstreamReply.Failed failed) implements Finding {}

  public static Finding read(UpstreamReply reply) {
    if (reply instanceof UpstreamReply.Failed failed) {
      boolean answered =
          failed.failure().kind() == UpstreamFailure.Kind.HTTP_STATUS
              || failed.failure().kind() == UpstreamFailure.Kind.MALFORMED
              || failed.failure().kind() == UpstreamFailure.Kind.SESSION_EXPIRED;
      // "If the body is empty or is not a recognized modern JSON-RPC error, fall back"
      return answered ? new Known(UpstreamEra.LEGACY) : new Unanswered(failed);
    }
    if (!(reply instanceof UpstreamReply.Json json)) {
      return new Known(UpstreamEra.LEGACY);
    }
    JsonObject message = json.message();
    if (message.get("result") instanceof JsonObject result) {
      // a server that answers any method (a legacy one may process "an era-ambiguous method under
      // legacy semantics") does not name the versions it supports: that is not a DiscoverResult
      return result.get("supportedVersions") instanceof JsonArray
          ? byVersions(result.get("supportedVersions"))
          : new Known(UpstreamEra.LEGACY);
    }
    if (!(message.get("error") instanceof JsonObject error)
        || !(error.get("code") instanceof JsonNumber code)
        || !MODERN_ERRORS.contains(code.intValue())) {
      return new Known(UpstreamEra.LEGACY);
    }
    // "a recognized modern JSON-RPC error identifies a modern server: the client retries with a
    // supported version rather than falling back"
    if (code.intValue() == -32022) {
      return byVersions(
          error.get("data") instanceof JsonObject data ? data.get("supported") : JsonValue.NULL);
    }
    return new Known(UpstreamEra.MODERN);
  }

  /**
   * A modern server's own list: 2026-07-28 if it speaks it, else a legacy revision the gateway
   * speaks (a dual-era server), else nothing in common.
   */
  private static Finding byVersions(JsonValue versions) {
    if (!(versions instanceof JsonArray array)) {
      return new Unspoken("the upstream named no protocol versions it supports");
    }
    if (array.contains(Jsonp.createValue(MODERN_VERSION))) {
      return new Known(UpstreamEra.MODERN);
    }
    for (String legacy : ProtocolVersions.supported()) {
      if (array.contains(Jsonp.createValue(legacy))) {
        return new Known(UpstreamEra.LEGACY);
      }
    }
    return new Unspoken("the upstream speaks MCP " + array + ", none of which the gateway speaks");
  }
}
