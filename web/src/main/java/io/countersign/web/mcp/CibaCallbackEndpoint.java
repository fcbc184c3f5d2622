package io.countersign.web.mcp;

import io.countersign.gateway.hold.GatewayRegistrar;
import io.countersign.gateway.hold.HeldCallSettlement;
import io.countersign.gateway.jsonrpc.Jsonp;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The gateway's client notification endpoint (OpenID CIBA Core 1.0, section 10.2, ping mode): the
 * provider says an approval was decided; the gateway answers 204 at once and then redeems the
 * {@code auth_req_id} itself. The bearer token is the one the gateway sent with that request, so a
 * ping for another call, another tenant or a made-up id changes nothing.
 */
@Path("t/{tenant}" + GatewayRegistrar.CALLBACK_PATH)
@ApplicationScoped
public class CibaCallbackEndpoint {

  private static final int MAX_BODY = 4096;

  @Inject HeldCallSettlement settlement;

  @Resource ManagedExecutorService executor;

  @POST
  @Operation(summary = "CIBA ping callback for held tool calls (called by the CIBA provider)")
  public Response ping(
      @PathParam("tenant") String tenant,
      @jakarta.ws.rs.core.Context HttpHeaders headers,
      String body) {
    String authorization = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Response.status(Response.Status.UNAUTHORIZED)
          .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
          .build();
    }
    String authReqId;
    try {
      if (body == null || body.length() > MAX_BODY) {
        return Response.status(Response.Status.BAD_REQUEST).build();
      }
      JsonObject json = Jsonp.createReader(new StringReader(body)).readObject();
      if (!(json.get("auth_req_id") instanceof JsonString id)) {
        return Response.status(Response.Status.BAD_REQUEST).build();
      }
      authReqId = id.getString();
    } catch (JsonParsingException | ClassCastException e) {
      return Response.status(Response.Status.BAD_REQUEST).build();
    }
    var held = settlement.pinged(tenant, authorization.substring(7).trim(), authReqId);
    if (held.isEmpty()) {
      return Response.status(Response.Status.UNAUTHORIZED)
          .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
          .build();
    }
    executor.execute(() -> settlement.settle(tenant, held.get().id()));
    return Response.noContent().build();
  }
}
