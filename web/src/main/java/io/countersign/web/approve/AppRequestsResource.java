package io.countersign.web.approve;

import io.countersign.ciba.approval.ApprovalRequest;
import io.countersign.ciba.approval.Ballot;
import io.countersign.ciba.approval.Vote;
import io.countersign.ciba.approval.VoteOutcome;
import io.countersign.ciba.device.SignedDecisions;
import io.countersign.ciba.provider.Decisions;
import io.countersign.gateway.tools.ToolCatalog;
import io.countersign.tenant.member.Member;
import io.countersign.web.admin.Problems;
import io.countersign.web.approvals.ApprovalJson;
import io.countersign.web.approvals.ApprovalResource;
import io.countersign.web.approvals.BallotJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
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
import jakarta.ws.rs.core.UriInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The approver app's requests: the inbox (riskiest, then newest first), one request with similar
 * recent ones and the tool's input schema, the approver's history, and device-bound decisions (ask
 * for the statement to sign, then send the vote with the device's assertion).
 */
@Path("t/{tenant}/approve/api")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class AppRequestsResource {

  /** How many similar requests a request shows. */
  static final int SIMILAR = 3;

  /** How many decisions the history lists. */
  static final int HISTORY = 50;

  @Inject AppSession app;
  @Inject Decisions decisions;
  @Inject SignedDecisions signed;
  @Inject ToolCatalog tools;

  @GET
  @Path("requests")
  @Operation(
      summary = "The requests the approver may decide or was told of: riskiest, newest first")
  public Response inbox(@PathParam("tenant") String tenant, @Context HttpHeaders headers) {
    AppSession.Admission admission = app.reader(tenant, headers);
    if (admission instanceof AppSession.Refused refused) {
      return refused.response();
    }
    Member approver = ((AppSession.SignedIn) admission).approver();
    Instant now = Instant.now();
    JsonArrayBuilder items = Json.createArrayBuilder();
    decisions.inbox(tenant, approver, now).stream()
        .sorted(
            Comparator.comparing((Decisions.Seen s) -> s.request().details().risk())
                .reversed()
                .thenComparing(s -> s.request().createdAt(), Comparator.reverseOrder()))
        .forEach(s -> items.add(request(s, approver, now)));
    return AppAccountResource.json(
        Json.createObjectBuilder().add("items", items).add("now", now.toString()).build());
  }

  @GET
  @Path("requests/{id}")
  @Operation(summary = "One request in full, with similar recent requests and the tool's schema")
  public Response read(
      @PathParam("tenant") String tenant,
      @PathParam("id") String id,
      @Context HttpHeaders headers) {
    AppSession.Admission admission = app.reader(tenant, headers);
    if (admission instanceof AppSession.Refused refused) {
      return refused.response();
    }
    Member approver = ((AppSession.SignedIn) admission).approver();
    Instant now = Instant.now();
    Optional<Decisions.Seen> seen =
        DeviceJson.uuid(id).flatMap(u -> decisions.read(tenant, approver, u));
    if (seen.isEmpty()) {
      return notFound(id);
    }
    ApprovalRequest r = seen.get().request();
    JsonArrayBuilder similar = Json.createArrayBuilder();
    decisions
        .similar(tenant, approver, r, SIMILAR, now)
        .forEach(s -> similar.add(request(s, approver, now)));
    JsonObjectBuilder json = Json.createObjectBuilder(request(seen.get(), approver, now));
    json.add("similar", similar);
    tools
        .lastListed(tenant, r.details().upstream(), r.details().tool())
        .map(d -> d.get("inputSchema"))
        .filter(s -> s instanceof JsonObject)
        .ifPresent(schema -> json.add("input_schema", schema));
    return AppAccountResource.json(json.build());
  }

  @GET
  @Path("history")
  @Operation(summary = "The requests the approver voted on, newest first")
  public Response history(@PathParam("tenant") String tenant, @Context HttpHeaders headers) {
    AppSession.Admission admission = app.reader(tenant, headers);
    if (admission instanceof AppSession.Refused refused) {
      return refused.response();
    }
    Member approver = ((AppSession.SignedIn) admission).approver();
    Instant now = Instant.now();
    JsonArrayBuilder items = Json.createArrayBuilder();
    decisions
        .history(tenant, approver, HISTORY, now)
        .forEach(s -> items.add(request(s, approver, now)));
    return AppAccountResource.json(Json.createObjectBuilder().add("items", items).build());
  }

  @POST
  @Path("requests/{id}/challenge")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "The statement a device signs for this decision, and its challenge")
  public Response challenge(
      @PathParam("tenant") String tenant,
      @PathParam("id") String id,
      String body,
      @Context HttpHeaders headers,
      @Context UriInfo uri) {
    AppSession.Admission admission = app.writer(tenant, headers, uri);
    if (admission instanceof AppSession.Refused refused) {
      return refused.response();
    }
    Member approver = ((AppSession.SignedIn) admission).approver();
    Optional<UUID> approvalId = DeviceJson.uuid(id);
    if (approvalId.isEmpty()) {
      return notFound(id);
    }
    Ballot ballot;
    try {
      ballot = BallotJson.read(tenant, approver.email(), body);
    } catch (IllegalArgumentException | JsonException | ClassCastException e) {
      return Problems.problem(400, "Bad Request", e.getMessage());
    }
    SignedDecisions.Prepared prepared;
    try {
      prepared = signed.prepare(tenant, approver, approvalId.get(), ballot, Instant.now());
    } catch (IllegalArgumentException e) {
      return Problems.problem(
          409, "Vote refused", "the arguments up for approval changed; read the request again");
    }
    if (prepared instanceof SignedDecisions.NotFound) {
      return notFound(id);
    }
    if (prepared instanceof SignedDecisions.NoDevice) {
      return Problems.problem(
          409, "No device", "enrol this device first: decisions are signed with a passkey");
    }
    SignedDecisions.ToSign toSign = (SignedDecisions.ToSign) prepared;
    JsonArrayBuilder allow = Json.createArrayBuilder();
    toSign
        .allowCredentials()
        .forEach(c -> allow.add(Json.createObjectBuilder().add("type", "public-key").add("id", c)));
    return AppAccountResource.json(
        Json.createObjectBuilder()
            .add("challenge", toSign.statement().challenge())
            .add("statement", toSign.statement().canonicalJson())
            .add("rpId", app.relyingParty(uri).id())
            .add("allowCredentials", allow)
            .add("userVerification", "required")
            .add("timeout", 120000)
            .build());
  }

  @POST
  @Path("requests/{id}/decision")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Vote, signed by the device: the ballot plus \"credential\": <assertion>")
  public Response decide(
      @PathParam("tenant") String tenant,
      @PathParam("id") String id,
      String body,
      @Context HttpHeaders headers,
      @Context UriInfo uri) {
    AppSession.Admission admission = app.writer(tenant, headers, uri);
    if (admission instanceof AppSession.Refused refused) {
      return refused.response();
    }
    Member approver = ((AppSession.SignedIn) admission).approver();
    Optional<UUID> approvalId = DeviceJson.uuid(id);
    if (approvalId.isEmpty()) {
      return notFound(id);
    }
    Ballot ballot;
    String assertion;
    try {
      ballot = BallotJson.read(tenant, approver.email(), body);
      JsonValue credential = JsonBody.object(body).get("credential");
      if (!(credential instanceof JsonObject)) {
        throw new IllegalArgumentException(
            "a decision is signed by your device: send \"credential\", its assertion");
      }
      assertion = credential.toString();
    } catch (IllegalArgumentException | JsonException | ClassCastException e) {
      return Problems.problem(400, "Bad Request", e.getMessage());
    }
    SignedDecisions.Decided decided =
        signed.decide(
            tenant,
            approver,
            approvalId.get(),
            ballot,
            assertion,
            app.relyingParty(uri),
            Instant.now());
    if (decided instanceof SignedDecisions.NotFound) {
      return notFound(id);
    }
    if (decided instanceof SignedDecisions.ProofRefused refused) {
      return Problems.problem(403, "Signature refused", refused.reason());
    }
    Decisions.Counted counted = ((SignedDecisions.Counted) decided).counted();
    if (counted.outcome() instanceof VoteOutcome.Refused refused) {
      return ApprovalResource.refusal(refused.reason());
    }
    return AppAccountResource.json(
        Json.createObjectBuilder()
            .add(
                "outcome",
                counted.outcome() instanceof VoteOutcome.Decided ? "decided" : "recorded")
            .add("state", counted.request().state().name().toLowerCase(Locale.ROOT))
            .add("progress", counted.request().progress().describe())
            .build());
  }

  /** A request as the app shows it: the decision API's view plus time left and the own vote. */
  private static JsonObject request(Decisions.Seen seen, Member approver, Instant now) {
    JsonObjectBuilder json = Json.createObjectBuilder(ApprovalJson.of(seen));
    ApprovalRequest r = seen.request();
    json.add("seconds_left", Math.max(0, Duration.between(now, r.expiresAt()).toSeconds()));
    r.votes().stream()
        .filter(v -> v.approver().equals(approver.email()))
        .reduce((first, second) -> second)
        .map(Vote::kind)
        .ifPresent(k -> json.add("my_vote", k.name().toLowerCase(Locale.ROOT)));
    return json.build();
  }

  private static Response notFound(String id) {
    return Problems.problem(404, "Not Found", "no approval request '" + id + "' for you here");
  }
}
