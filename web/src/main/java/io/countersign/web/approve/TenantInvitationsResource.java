package io.countersign.web.approve;

import io.countersign.ciba.device.ApproverInvitations;
import io.countersign.ciba.notify.MailSender;
import io.countersign.ciba.notify.NoticeOutcome;
import io.countersign.ciba.notify.NotificationChannels;
import io.countersign.tenant.MemberRole;
import io.countersign.tenant.TenantDirectory;
import io.countersign.web.admin.OperatorGate;
import io.countersign.web.admin.Problems;
import io.countersign.web.approvals.ApproverGate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Invitations to enrol a passkey without a password, for tenant admins (HTTP Basic) and the
 * platform operator (Bearer token): create one for an approver (its link is shown once), list the
 * open ones, revoke one.
 */
@Path("api/v1/tenants/{tenant}/invitations")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class TenantInvitationsResource {

  private static final String OPERATOR = "operator";

  @Inject TenantDirectory directory;
  @Inject ApproverGate gate;
  @Inject OperatorGate operator;
  @Inject ApproverInvitations invitations;
  @Inject AppSession app;
  @Inject NotificationChannels channels;

  /** Who is asking: an admin's email or the operator; or the refusal. */
  private sealed interface Inviter {}

  private record By(String name) implements Inviter {}

  private record Refused(Response response) implements Inviter {}

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Invite an approver to enrol a passkey: {\"email\", \"expires_in\"?: \"P3D\","
              + " \"send_email\"?: true}; the answer's url (when not e-mailed) is shown once")
  public Response invite(
      @PathParam("tenant") String tenant,
      String body,
      @Context HttpHeaders headers,
      @Context UriInfo uri) {
    Inviter inviter = inviter(tenant, headers);
    if (inviter instanceof Refused refused) {
      return refused.response();
    }
    Optional<InvitationAsked> asked = JsonBody.read(body, InvitationAsked::of);
    if (asked.isEmpty()) {
      return Problems.problem(
          400,
          "Bad Request",
          "send {\"email\": \"...\", \"expires_in\"?: an ISO 8601 duration such as \"P3D\","
              + " \"send_email\"?: true}");
    }
    String email = asked.get().email();
    boolean sendEmail = asked.get().sendEmail();
    Optional<MailSender> mail = channels.mail();
    if (sendEmail && mail.isEmpty()) {
      return Problems.problem(
          422,
          "Not invited",
          "e-mail is off on this deployment (countersign.mail.smtp.host is not set): leave out"
              + " send_email and pass the link on yourself");
    }
    ApproverInvitations.Invited invited =
        invitations.invite(
            tenant, email, ((By) inviter).name(), asked.get().lifetime(), Instant.now());
    if (invited instanceof ApproverInvitations.NotInvited not) {
      return Problems.problem(422, "Not invited", not.reason());
    }
    ApproverInvitations.Invitation invitation =
        ((ApproverInvitations.Created) invited).invitation();
    String link =
        app.relyingParty(uri).origin().replaceAll("/+$", "")
            + "/t/"
            + tenant
            + "/approve/#/invitation/"
            + invitation.token();
    JsonObjectBuilder answer =
        Json.createObjectBuilder()
            .add("id", invitation.id().toString())
            .add("email", invitation.member().email())
            .add("expires_at", invitation.expiresAt().toString());
    if (sendEmail) {
      // the link goes to the invitee only; if it cannot be sent, nobody holds it: revoke it
      String tenantName = directory.tenant(tenant).map(t -> t.displayName()).orElse(tenant);
      NoticeOutcome sent =
          mail.get()
              .sendInvitation(
                  invitation.member().email(),
                  tenantName,
                  link,
                  invitation.expiresAt(),
                  Instant.now());
      if (sent instanceof NoticeOutcome.Failed failed) {
        invitations.revoke(tenant, invitation.id(), ((By) inviter).name(), Instant.now());
        return Problems.problem(
            502,
            "Invitation not sent",
            "the invitation could not be e-mailed (" + failed.reason() + "); it was revoked");
      }
      answer.add("mailed", true);
    } else {
      answer.add("url", link).add("mailed", false);
    }
    return Response.status(201)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .header("Cache-Control", "no-store")
        .entity(answer.build().toString())
        .build();
  }

  @GET
  @Operation(summary = "The tenant's open invitations (never their links)")
  public Response list(@PathParam("tenant") String tenant, @Context HttpHeaders headers) {
    Inviter inviter = inviter(tenant, headers);
    if (inviter instanceof Refused refused) {
      return refused.response();
    }
    JsonArrayBuilder items = Json.createArrayBuilder();
    invitations
        .open(tenant, Instant.now())
        .forEach(
            i ->
                items.add(
                    Json.createObjectBuilder()
                        .add("id", i.id().toString())
                        .add("email", i.email())
                        .add("created_by", i.createdBy())
                        .add("created_at", i.createdAt().toString())
                        .add("expires_at", i.expiresAt().toString())));
    return AppAccountResource.json(Json.createObjectBuilder().add("items", items).build());
  }

  @DELETE
  @Path("{id}")
  @Operation(summary = "Revoke an open invitation: its link no longer works")
  public Response revoke(
      @PathParam("tenant") String tenant,
      @PathParam("id") String id,
      @Context HttpHeaders headers) {
    Inviter inviter = inviter(tenant, headers);
    if (inviter instanceof Refused refused) {
      return refused.response();
    }
    boolean revoked =
        DeviceJson.uuid(id)
            .map(i -> invitations.revoke(tenant, i, ((By) inviter).name(), Instant.now()))
            .orElse(false);
    return revoked
        ? Response.noContent().build()
        : Problems.problem(404, "Not Found", "no open invitation '" + id + "' in this tenant");
  }

  /** The body of an invitation request. */
  private record InvitationAsked(String email, Duration lifetime, boolean sendEmail) {
    static InvitationAsked of(JsonObject json) {
      return new InvitationAsked(
          json.getString("email"),
          Duration.parse(
              json.getString("expires_in", ApproverInvitations.DEFAULT_LIFETIME.toString())),
          json.getBoolean("send_email", false));
    }
  }

  private Inviter inviter(String tenant, HttpHeaders headers) {
    if (directory.tenant(tenant).isEmpty()) {
      return new Refused(Problems.problem(404, "Not Found", "unknown tenant '" + tenant + "'"));
    }
    String authorization = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return operator.refusal(headers).<Inviter>map(Refused::new).orElse(new By(OPERATOR));
    }
    ApproverGate.Admission admission = gate.admit(tenant, headers, MemberRole.TENANT_ADMIN);
    if (admission instanceof ApproverGate.Refused refused) {
      return new Refused(refused.response());
    }
    return new By(((ApproverGate.Admitted) admission).approver().email());
  }
}
