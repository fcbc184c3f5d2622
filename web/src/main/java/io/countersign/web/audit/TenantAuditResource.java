package io.countersign.web.audit;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/v1/tenants/{tenant}/audit}: one tenant's signed log. */
@Path("api/v1/tenants/{tenant}/audit")
@RequestScoped
@Tag(name = "audit")
public class TenantAuditResource extends LogEndpoints {

  @PathParam("tenant")
  String tenant;

  @Override
  String logId() {
    return tenant;
  }
}
