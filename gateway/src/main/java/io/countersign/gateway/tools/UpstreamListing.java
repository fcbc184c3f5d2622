package io.countersign.gateway.tools;

import io.countersign.gateway.jsonrpc.Jsonp;
import io.countersign.gateway.session.McpSession;
import io.countersign.gateway.upstream.UpstreamConnector;
import io.countersign.gateway.upstream.UpstreamFailure;
import io.countersign.gateway.upstream.UpstreamReply;
import io.countersign.tenant.UpstreamEndpoint;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;

/**
 * Fetches a paginated list ({@code tools/list}, {@code prompts/list}, {@code resources/list}, ...)
 * from every upstream of a tenant in parallel. An upstream that fails is left out and named, so one
 * bad upstream does not break the list for the others.
 */
@ApplicationScoped
public class UpstreamListing {

  private static final Logger LOG = Logger.getLogger(UpstreamListing.class.getName());
  private static final int MAX_PAGES = 50;

  @Inject UpstreamConnector connector;

  @Resource ManagedExecutorService executor;

  /** The items of one upstream, or why they could not be listed. */
  public record Page(UpstreamEndpoint upstream, List<JsonObject> items, UpstreamFailure failure) {
    public boolean failed() {
      return failure != null;
    }
  }

  public List<Page> listAll(
      McpSession session, List<UpstreamEndpoint> upstreams, String method, String field) {
    List<CompletableFuture<Page>> futures = new ArrayList<>();
    for (UpstreamEndpoint upstream : upstreams) {
      futures.add(
          CompletableFuture.supplyAsync(() -> list(session, upstream, method, field), executor));
    }
    return futures.stream().map(CompletableFuture::join).toList();
  }

  public Page list(McpSession session, UpstreamEndpoint upstream, String method, String field) {
    List<JsonObject> items = new ArrayList<>();
    String cursor = null;
    for (int page = 0; page < MAX_PAGES; page++) {
      var params = Jsonp.createObjectBuilder();
      if (cursor != null) {
        params.add("cursor", cursor);
      }
      UpstreamReply reply = connector.request(session, upstream, method, params.build());
      if (reply instanceof UpstreamReply.Failed failed) {
        LOG.warning(
            () -> method + " failed on upstream " + upstream.name() + ": " + failed.failure());
        return new Page(upstream, List.of(), failed.failure());
      }
      if (reply instanceof UpstreamReply.Json json && isMethodNotFound(json.message())) {
        // The upstream does not offer this kind of item (no prompts, say): an empty list.
        return new Page(upstream, List.of(), null);
      }
      if (!(reply instanceof UpstreamReply.Json json) || !json.message().containsKey("result")) {
        return new Page(upstream, List.of(), malformed(method + " returned an error"));
      }
      JsonObject result = json.message().getJsonObject("result");
      JsonValue array = result.get(field);
      if (!(array instanceof JsonArray values)) {
        return new Page(upstream, List.of(), malformed(method + " result has no '" + field + "'"));
      }
      for (JsonValue value : values) {
        if (value.getValueType() == JsonValue.ValueType.OBJECT) {
          items.add(value.asJsonObject());
        }
      }
      cursor =
          result.containsKey("nextCursor") && !result.isNull("nextCursor")
              ? result.getString("nextCursor", null)
              : null;
      if (cursor == null) {
        break;
      }
    }
    return new Page(upstream, items, null);
  }

  private static boolean isMethodNotFound(JsonObject message) {
    return message.get("error") instanceof JsonObject error && error.getInt("code", 0) == -32601;
  }

  private static UpstreamFailure malformed(String detail) {
    return new UpstreamFailure(UpstreamFailure.Kind.MALFORMED, detail);
  }
}
