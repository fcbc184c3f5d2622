package io.countersign.web.audit;

import io.countersign.audit.log.AuditLogs;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/v1/audit/platform}: the platform log, which records every tenant checkpoint. */
@Path("api/v1/audit/platform")
@RequestScoped
@Tag(name = "audit")
public class PlatformAuditResource extends LogEndpoints {

  @Override
  String logId() {
    return AuditLogs.PLATFORM;
  }
}
