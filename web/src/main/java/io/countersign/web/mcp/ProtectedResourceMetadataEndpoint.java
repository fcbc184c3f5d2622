package io.countersign.web.mcp;

import io.countersign.gateway.jsonrpc.Jsonp;
import io.countersign.tenant.TenantDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * OAuth 2.0 Protected Resource Metadata (RFC 9728) for a tenant's MCP endpoint, where MCP clients
 * learn how to present credentials. The tenant's authorization server is added to it when the
 * tenant's OpenID provider is served.
 */
@Path(".well-known/oauth-protected-resource/t/{tenant}/mcp")
@ApplicationScoped
public class ProtectedResourceMetadataEndpoint {

  @Inject TenantDirectory directory;
  @Inject McpAdmission admission;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "RFC 9728 protected resource metadata of a tenant's MCP endpoint")
  public Response metadata(@PathParam("tenant") String tenant, @Context UriInfo uri) {
    if (directory.tenant(tenant).isEmpty()) {
      return Response.status(Response.Status.NOT_FOUND).build();
    }
    String base = admission.base(uri);
    var body =
        Jsonp.createObjectBuilder()
            .add("resource", base + "/t/" + tenant + "/mcp")
            .add("authorization_servers", Jsonp.createArrayBuilder().add(base + "/t/" + tenant))
            .add("bearer_methods_supported", Jsonp.createArrayBuilder().add("header"))
            .add("resource_name", "Countersign MCP gateway of tenant " + tenant)
            .build();
    return Response.ok(body.toString(), MediaType.APPLICATION_JSON_TYPE).build();
  }
}
