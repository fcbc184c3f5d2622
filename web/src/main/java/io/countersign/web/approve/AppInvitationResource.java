package io.countersign.web.approve;

import io.countersign.ciba.device.ApproverInvitations;
import io.countersign.ciba.device.Enrolments;
import io.countersign.tenant.member.Member;
import io.countersign.tenant.member.MemberAccounts;
import io.countersign.web.admin.Problems;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Enrolling a first passkey with an invitation link instead of a password: the link's token asks
 * for registration options for the invited approver, and the registration it answers enrols the
 * device, uses up the invitation and signs the approver in with that device. The token travels in
 * request bodies only (the link carries it after {@code #}, so it never reaches a server log).
 */
@Path("t/{tenant}/approve/api/invitation")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class AppInvitationResource {

  @Inject AppSession app;
  @Inject ApproverInvitations invitations;
  @Inject RegistrationOptions registration;
  @Inject ApproverAccount account;
  @Inject MemberAccounts members;

  @POST
  @Path("options")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Registration options for the approver an invitation is for: {\"token\"}")
  public Response options(
      @PathParam("tenant") String tenant,
      String body,
      @Context HttpHeaders headers,
      @Context UriInfo uri) {
    Optional<Response> refusal = app.preflight(tenant, headers, uri);
    if (refusal.isPresent()) {
      return refusal.get();
    }
    Optional<String> token = JsonBody.read(body, json -> json.getString("token"));
    if (token.isEmpty()) {
      return Problems.problem(400, "Bad Request", "send {\"token\": <the invitation's token>}");
    }
    Optional<Member> invitee = invitations.invitee(tenant, token.get(), Instant.now());
    if (invitee.isEmpty()) {
      return Problems.problem(404, "Invitation not open", ApproverInvitations.NOT_OPEN);
    }
    JsonObject options = registration.options(tenant, invitee.get(), app.relyingParty(uri));
    return AppAccountResource.json(
        Json.createObjectBuilder()
            .add("email", invitee.get().email())
            .add("display_name", invitee.get().displayName())
            .add("publicKey", options)
            .build());
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Enrol the invited approver's device and sign in: {\"token\", \"label\", \"challenge\","
              + " \"credential\": <registration>, \"push_token\"?}")
  public Response enrol(
      @PathParam("tenant") String tenant,
      String body,
      @Context HttpHeaders headers,
      @Context UriInfo uri) {
    Optional<Response> refusal = app.preflight(tenant, headers, uri);
    if (refusal.isPresent()) {
      return refusal.get();
    }
    Optional<String> token = JsonBody.read(body, json -> json.getString("token"));
    Optional<Registration> registration = JsonBody.read(body, Registration::of);
    if (token.isEmpty() || registration.isEmpty()) {
      return Problems.problem(
          400, "Bad Request", "send {\"token\", " + Registration.EXPECTED.substring(6));
    }
    Enrolments.Enrolled enrolled =
        invitations.redeem(
            tenant,
            token.get(),
            registration.get().label(),
            registration.get().pushToken(),
            registration.get().challenge(),
            registration.get().credential(),
            app.relyingParty(uri),
            Instant.now());
    if (enrolled instanceof Enrolments.Refused refused) {
      return refused.reason().equals(ApproverInvitations.NOT_OPEN)
          ? Problems.problem(404, "Invitation not open", refused.reason())
          : Problems.problem(422, "Device not enrolled", refused.reason());
    }
    Enrolments.Done done = (Enrolments.Done) enrolled;
    Optional<Member> approver = members.memberById(tenant, done.device().memberId());
    if (approver.isEmpty()) {
      return Problems.problem(401, "Unauthorized", "the invited member no longer exists");
    }
    return app.signIn(
        tenant,
        approver.get(),
        Optional.of(done.device().id()),
        uri,
        account.of(tenant, approver.get(), Optional.of(done.device().id())).toString());
  }
}
