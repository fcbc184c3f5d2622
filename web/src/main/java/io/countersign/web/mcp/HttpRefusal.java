package io.countersign.web.mcp;

import io.countersign.gateway.jsonrpc.Jsonp;
import jakarta.json.JsonValue;

/**
 * A refusal at the HTTP level, with a JSON-RPC error body (id null) that says precisely why, as the
 * official SDKs do, so any client can show it.
 */
final class HttpRefusal {

  private HttpRefusal() {}

  static HttpAnswer of(int status, int code, String message) {
    var body =
        Jsonp.createObjectBuilder()
            .add("jsonrpc", "2.0")
            .add("id", JsonValue.NULL)
            .add("error", Jsonp.createObjectBuilder().add("code", code).add("message", message))
            .build();
    return HttpAnswer.json(status, body.toString());
  }
}
