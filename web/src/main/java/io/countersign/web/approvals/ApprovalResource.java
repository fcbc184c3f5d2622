package io.countersign.web.approvals;

import io.countersign.ciba.approval.Ballot;
import io.countersign.ciba.approval.VoteOutcome;
import io.countersign.ciba.approval.VoteRefusal;
import io.countersign.ciba.provider.Decisions;
import io.countersign.tenant.TenantDirectory;
import io.countersign.tenant.member.Member;
import io.countersign.web.admin.Problems;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The decision API approvers' devices use: the requests the signed-in approver may decide, one
 * request in full, and a vote (approve, approve with edited arguments, reject with a reason).
 */
@Path("api/v1/tenants/{tenant}/approvals")
@ApplicationScoped
public class ApprovalResource {

  private static final Logger LOG = Logger.getLogger(ApprovalResource.class.getName());

  @Inject TenantDirectory directory;
  @Inject ApproverGate gate;
  @Inject Decisions decisions;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Pending requests the signed-in approver may vote on, newest first")
  public Response inbox(@PathParam("tenant") String tenant, @Context HttpHeaders headers) {
    ApproverGate.Admission admission = admission(tenant, headers);
    if (admission instanceof ApproverGate.Refused refused) {
      return refused.response();
    }
    Member approver = ((ApproverGate.Admitted) admission).approver();
    JsonArrayBuilder items = Json.createArrayBuilder();
    decisions.inbox(tenant, approver, Instant.now()).forEach(s -> items.add(ApprovalJson.of(s)));
    return Response.ok(Json.createObjectBuilder().add("items", items).build().toString())
        .type(MediaType.APPLICATION_JSON_TYPE)
        .header("Cache-Control", "no-store")
        .build();
  }

  @GET
  @Path("{id}")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "One request in full, with its votes")
  public Response read(
      @PathParam("tenant") String tenant,
      @PathParam("id") String id,
      @Context HttpHeaders headers) {
    ApproverGate.Admission admission = admission(tenant, headers);
    if (admission instanceof ApproverGate.Refused refused) {
      return refused.response();
    }
    Member approver = ((ApproverGate.Admitted) admission).approver();
    return uuid(id)
        .flatMap(u -> decisions.read(tenant, approver, u))
        .map(
            seen ->
                Response.ok(ApprovalJson.of(seen).toString())
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .header("Cache-Control", "no-store")
                    .build())
        .orElseGet(() -> notFound(id));
  }

  @POST
  @Path("{id}/decision")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Vote: {\"decision\": \"approve\", \"arguments_sha256\": ...}, {\"decision\":"
              + " \"approve_edited\", \"arguments\": {...}} or {\"decision\": \"reject\","
              + " \"reason\": ...}")
  public Response decide(
      @PathParam("tenant") String tenant,
      @PathParam("id") String id,
      String body,
      @Context HttpHeaders headers) {
    ApproverGate.Admission admission = admission(tenant, headers);
    if (admission instanceof ApproverGate.Refused refused) {
      return refused.response();
    }
    Member approver = ((ApproverGate.Admitted) admission).approver();
    Optional<UUID> uuid = uuid(id);
    if (uuid.isEmpty()) {
      return notFound(id);
    }
    Ballot ballot;
    try {
      ballot = BallotJson.read(tenant, approver.email(), body);
    } catch (IllegalArgumentException | JsonException | ClassCastException e) {
      return Problems.problem(400, "Bad Request", e.getMessage());
    }
    Decisions.Voted voted =
        decisions.vote(
            tenant, approver, uuid.get(), ballot, Decisions.Casting.UNSIGNED, Instant.now());
    if (voted instanceof Decisions.DeviceBoundVoteRequired) {
      return Problems.problem(
          403,
          "Device-bound vote required",
          "tenant '"
              + tenant
              + "' takes only votes signed by an enrolled device: decide in the approver app at"
              + " /t/"
              + tenant
              + "/approve/");
    }
    if (voted instanceof Decisions.NotFound) {
      return notFound(id);
    }
    Decisions.Counted counted = (Decisions.Counted) voted;
    if (counted.outcome() instanceof VoteOutcome.Refused refused) {
      return refusal(refused.reason());
    }
    JsonObject answer =
        Json.createObjectBuilder()
            .add(
                "outcome",
                counted.outcome() instanceof VoteOutcome.Decided ? "decided" : "recorded")
            .add("state", counted.request().state().name().toLowerCase(Locale.ROOT))
            .add("progress", counted.request().progress().describe())
            .build();
    return Response.ok(answer.toString()).type(MediaType.APPLICATION_JSON_TYPE).build();
  }

  /** The problem answering a refused vote. */
  public static Response refusal(VoteRefusal reason) {
    String code = reason.name().toLowerCase(Locale.ROOT);
    int status =
        switch (reason) {
          case SELF_APPROVAL, NOT_A_MEMBER -> 403;
          case WRONG_TENANT -> 404;
          default -> 409;
        };
    String detail =
        switch (reason) {
          case WRONG_TENANT -> "no such request in this tenant";
          case EXPIRED -> "the request expired; votes are no longer accepted";
          case NOT_PENDING -> "the request is already decided";
          case SELF_APPROVAL -> "the member on whose behalf the call was made cannot vote on it";
          case NOT_A_MEMBER ->
              "you are not in any group that decides this request (a group an escalation step"
                  + " notified may read it, not vote)";
          case DUPLICATE_VOTE -> "you already voted on this request";
          case ARGUMENTS_CHANGED ->
              "the arguments up for approval changed since you read them; read the request again";
        };
    return Problems.problem(status, "Vote refused", detail + " (" + code + ")");
  }

  private ApproverGate.Admission admission(String tenant, HttpHeaders headers) {
    if (directory.tenant(tenant).isEmpty()) {
      return new ApproverGate.Refused(
          Problems.problem(404, "Not Found", "unknown tenant '" + tenant + "'"));
    }
    return gate.admit(tenant, headers);
  }

  private static Optional<UUID> uuid(String id) {
    try {
      return Optional.of(UUID.fromString(id));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static Response notFound(String id) {
    return Problems.problem(404, "Not Found", "no approval request '" + id + "' for you here");
  }
}
