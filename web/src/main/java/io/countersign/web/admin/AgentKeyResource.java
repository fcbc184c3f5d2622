package io.countersign.web.admin;

import io.countersign.tenant.agent.AgentKeyService;
import io.countersign.tenant.agent.IssuedKey;
import io.countersign.tenant.agent.UnknownAgentException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/v1/tenants/{tenant}/agents/{agent}/keys}: issues an agent API key (shown once, in
 * this response only) and revokes keys by their public prefix.
 */
@Path("api/v1/tenants/{tenant}/agents/{agent}/keys")
@RequestScoped
@Tag(name = "tenants")
public class AgentKeyResource {

  @Inject OperatorGate gate;

  @Inject AgentKeyService keys;

  @Context HttpHeaders headers;

  @Context UriInfo uriInfo;

  @POST
  @Produces({MediaType.APPLICATION_JSON, Problems.MEDIA_TYPE})
  @Operation(summary = "Issue an API key to an agent; the key is in this response only")
  @APIResponse(responseCode = "201", description = "Issued: {tenant, agent, prefix, key}")
  @APIResponse(responseCode = "404", description = "No enabled agent of that name")
  public Response issue(@PathParam("tenant") String tenantId, @PathParam("agent") String agent) {
    Optional<Response> refusal = gate.refusal(headers);
    if (refusal.isPresent()) {
      return refusal.get();
    }
    IssuedKey issued;
    try {
      issued = keys.issue(tenantId, agent);
    } catch (UnknownAgentException e) {
      return Problems.problem(
          Response.Status.NOT_FOUND.getStatusCode(), "Unknown agent", e.getMessage());
    }
    CacheControl noStore = new CacheControl();
    noStore.setNoStore(true);
    String body =
        Json.createObjectBuilder()
            .add("tenant", issued.tenantId())
            .add("agent", issued.agentName())
            .add("prefix", issued.prefix())
            .add("key", issued.plaintext())
            .add("note", "Store this key now: it is shown only once.")
            .build()
            .toString();
    return Response.created(uriInfo.getAbsolutePathBuilder().path(issued.prefix()).build())
        .type(MediaType.APPLICATION_JSON)
        .cacheControl(noStore)
        .entity(body)
        .build();
  }

  @DELETE
  @Path("{prefix}")
  @Produces(Problems.MEDIA_TYPE)
  @Operation(summary = "Revoke an agent's API key by its prefix")
  @APIResponse(responseCode = "204", description = "Revoked (or already revoked)")
  @APIResponse(responseCode = "404", description = "The agent has no key with that prefix")
  public Response revoke(
      @PathParam("tenant") String tenantId,
      @PathParam("agent") String agent,
      @PathParam("prefix") String prefix) {
    Optional<Response> refusal = gate.refusal(headers);
    if (refusal.isPresent()) {
      return refusal.get();
    }
    if (!keys.revoke(tenantId, agent, prefix)) {
      return Problems.problem(
          Response.Status.NOT_FOUND.getStatusCode(),
          "Unknown key",
          "agent '"
              + agent
              + "' of tenant '"
              + tenantId
              + "' has no key with prefix '"
              + prefix
              + "'");
    }
    return Response.noContent().build();
  }
}
