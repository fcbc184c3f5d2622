package io.countersign.web.admin;

import io.countersign.tenant.bundle.BundleImporter;
import io.countersign.tenant.bundle.BundleParseResult;
import io.countersign.tenant.bundle.BundleParser;
import io.countersign.tenant.bundle.BundleProblem;
import io.countersign.tenant.bundle.ImportReport;
import io.countersign.tenant.bundle.TenantBundle;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code PUT /api/v1/tenants/{tenant}/bundle}: declares a tenant from a YAML bundle (policy as
 * code). The bundle is validated completely before anything is written, then imported in one
 * transaction; importing the same bundle again changes nothing.
 */
@Path("api/v1/tenants/{tenant}/bundle")
@RequestScoped
@Tag(name = "tenants", description = "Tenant bundles and agent keys (platform operator)")
public class TenantBundleResource {

  @Inject OperatorGate gate;

  @Inject BundleParser parser;

  @Inject BundleImporter importer;

  @Context HttpHeaders headers;

  @PUT
  @Consumes({"application/yaml", "text/yaml", "application/x-yaml"})
  @Produces({MediaType.APPLICATION_JSON, Problems.MEDIA_TYPE})
  @Operation(
      summary = "Import a tenant bundle",
      description =
          "Validates the YAML bundle and makes the tenant match it. ${NAME} placeholders are not"
              + " resolved over HTTP: send the values themselves.")
  @APIResponse(responseCode = "200", description = "Imported; the body reports what changed")
  @APIResponse(responseCode = "400", description = "The bundle declares another tenant")
  @APIResponse(responseCode = "401", description = "Missing or wrong operator token")
  @APIResponse(responseCode = "403", description = "Operator API disabled")
  @APIResponse(
      responseCode = "422",
      description = "Invalid bundle: errors lists each problem with path, line, column, message")
  public Response importBundle(@PathParam("tenant") String tenantId, String yaml) {
    Optional<Response> refusal = gate.refusal(headers);
    if (refusal.isPresent()) {
      return refusal.get();
    }
    BundleParseResult parsed = parser.parse(yaml == null ? "" : yaml, Map.of());
    if (parsed instanceof BundleParseResult.Invalid invalid) {
      return invalidBundle(invalid);
    }
    TenantBundle bundle = ((BundleParseResult.Valid) parsed).bundle();
    if (!bundle.tenant().id().equals(tenantId)) {
      return Problems.problem(
          Response.Status.BAD_REQUEST.getStatusCode(),
          "Tenant mismatch",
          "the bundle declares tenant '"
              + bundle.tenant().id()
              + "' but was sent to tenant '"
              + tenantId
              + "'");
    }
    ImportReport report = importer.importBundle(bundle);
    return Response.ok(json(report).toString(), MediaType.APPLICATION_JSON).build();
  }

  private static Response invalidBundle(BundleParseResult.Invalid invalid) {
    JsonArrayBuilder errors = Json.createArrayBuilder();
    for (BundleProblem problem : invalid.problems()) {
      errors.add(
          Json.createObjectBuilder()
              .add("path", problem.path())
              .add("line", problem.line())
              .add("column", problem.column())
              .add("message", problem.message()));
    }
    int count = invalid.problems().size();
    return Problems.problem(
        Problems.UNPROCESSABLE_CONTENT,
        "Invalid tenant bundle",
        count + (count == 1 ? " problem" : " problems") + " found; nothing was imported",
        Json.createObjectBuilder().add("errors", errors));
  }

  static JsonObjectBuilder json(ImportReport report) {
    JsonObjectBuilder changes = Json.createObjectBuilder();
    report
        .changes()
        .forEach(
            (kind, counts) ->
                changes.add(
                    kind,
                    Json.createObjectBuilder()
                        .add("created", counts.created())
                        .add("updated", counts.updated())
                        .add("removed", counts.removed())));
    return Json.createObjectBuilder()
        .add("tenant", report.tenantId())
        .add("unchanged", report.unchanged())
        .add("created", report.created())
        .add("updated", report.updated())
        .add("removed", report.removed())
        .add("policyVersion", report.policyVersion())
        .add("policyChanged", report.policyChanged())
        .add("changes", changes);
  }
}
