package io.countersign.web.approve;

import io.countersign.ciba.device.ApproverDevices;
import io.countersign.ciba.device.Enrolments;
import io.countersign.tenant.MemberRole;
import io.countersign.tenant.TenantDirectory;
import io.countersign.tenant.member.Member;
import io.countersign.web.admin.Problems;
import io.countersign.web.approvals.ApproverGate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Tenant admins' view of the approvers' devices: list them all, revoke any. */
@Path("api/v1/tenants/{tenant}/devices")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class TenantDevicesResource {

  @Inject TenantDirectory directory;
  @Inject ApproverGate gate;
  @Inject ApproverDevices devices;
  @Inject Enrolments enrolments;

  @GET
  @Operation(summary = "Every enrolled device of the tenant (tenant admins, HTTP Basic)")
  public Response list(@PathParam("tenant") String tenant, @Context HttpHeaders headers) {
    ApproverGate.Admission admission = admit(tenant, headers);
    if (admission instanceof ApproverGate.Refused refused) {
      return refused.response();
    }
    JsonArrayBuilder items = Json.createArrayBuilder();
    devices.list(tenant, Optional.empty()).forEach(d -> items.add(DeviceJson.of(d)));
    return AppAccountResource.json(Json.createObjectBuilder().add("items", items).build());
  }

  @DELETE
  @Path("{id}")
  @Operation(summary = "Revoke a device: it can no longer sign in, decide or get pushes")
  public Response revoke(
      @PathParam("tenant") String tenant,
      @PathParam("id") String id,
      @Context HttpHeaders headers) {
    ApproverGate.Admission admission = admit(tenant, headers);
    if (admission instanceof ApproverGate.Refused refused) {
      return refused.response();
    }
    Member admin = ((ApproverGate.Admitted) admission).approver();
    boolean revoked =
        DeviceJson.uuid(id)
            .map(d -> enrolments.revoke(tenant, d, admin, Optional.empty(), Instant.now()))
            .orElse(false);
    return revoked
        ? Response.noContent().build()
        : Problems.problem(404, "Not Found", "no active device '" + id + "' in this tenant");
  }

  private ApproverGate.Admission admit(String tenant, HttpHeaders headers) {
    if (directory.tenant(tenant).isEmpty()) {
      return new ApproverGate.Refused(
          Problems.problem(404, "Not Found", "unknown tenant '" + tenant + "'"));
    }
    return gate.admit(tenant, headers, MemberRole.TENANT_ADMIN);
  }
}
