package io.countersign.web.mcp;

import io.countersign.gateway.jsonrpc.Jsonp;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * A refusal at the HTTP level, with a JSON-RPC error body (id null) that says precisely why, as the
 * official SDKs do, so any client can show it.
 */
final class HttpRefusal {

  private HttpRefusal() {}

  static Response of(Response.Status status, int code, String message) {
    return of(status.getStatusCode(), code, message);
  }

  static Response of(int status, int code, String message) {
    var body =
        Jsonp.createObjectBuilder()
            .add("jsonrpc", "2.0")
            .add("id", JsonValue.NULL)
            .add("error", Jsonp.createObjectBuilder().add("code", code).add("message", message))
            .build();
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(body.toString())
        .build();
  }
}
