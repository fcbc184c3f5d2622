package io.countersign.web.approve;

import io.countersign.ciba.device.ApproverDevices;
import io.countersign.ciba.device.Device;
import io.countersign.ciba.device.Enrolments;
import io.countersign.ciba.device.PasskeySignIn;
import io.countersign.ciba.device.RelyingParty;
import io.countersign.tenant.MemberRole;
import io.countersign.tenant.Tenant;
import io.countersign.tenant.TenantDirectory;
import io.countersign.tenant.member.Member;
import io.countersign.tenant.member.MemberAccounts;
import io.countersign.web.admin.Problems;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The approver app's account API: signing in (passkey, or password), the session, and the signed-in
 * approver's devices (enrol a passkey with its push token, list, revoke).
 */
@Path("t/{tenant}/approve/api")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class AppAccountResource {

  @Inject AppSession app;
  @Inject TenantDirectory directory;
  @Inject MemberAccounts members;
  @Inject PasskeySignIn passkeySignIn;
  @Inject Enrolments enrolments;
  @Inject ApproverDevices devices;
  @Inject RegistrationOptions registration;
  @Inject ApproverAccount account;

  @GET
  @Path("session")
  @Operation(summary = "The signed-in approver and their devices")
  public Response session(@PathParam("tenant") String tenant, @Context HttpHeaders headers) {
    AppSession.Admission admission = app.reader(tenant, headers);
    if (admission instanceof AppSession.Refused refused) {
      return refused.response();
    }
    AppSession.SignedIn signedIn = (AppSession.SignedIn) admission;
    return json(account.of(tenant, signedIn.approver(), signedIn.session().deviceId()));
  }

  @GET
  @Path("sign-in")
  @Operation(summary = "How this tenant's approvers sign in: {\"password\", \"passkey\"}")
  public Response signInMethods(@PathParam("tenant") String tenant) {
    Optional<Tenant> known = directory.tenant(tenant);
    if (known.isEmpty()) {
      return Problems.problem(404, "Not Found", "unknown tenant '" + tenant + "'");
    }
    return json(
        Json.createObjectBuilder()
            .add("tenant", tenant)
            .add("display_name", known.get().displayName())
            .add("password", known.get().approverSignIn().password())
            .add("passkey", true)
            .add("device_bound_votes", known.get().approverSignIn().deviceBoundVotes())
            .build());
  }

  @POST
  @Path("session/password")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Sign in with email and password (to enrol a first passkey)")
  public Response password(
      @PathParam("tenant") String tenant,
      String body,
      @Context HttpHeaders headers,
      @Context UriInfo uri) {
    Optional<Response> refusal = app.preflight(tenant, headers, uri);
    if (refusal.isPresent()) {
      return refusal.get();
    }
    if (!directory.tenant(tenant).get().approverSignIn().password()) {
      return Problems.problem(
          403,
          "Password sign-in off",
          "this tenant's approvers sign in with a passkey only; to enrol a first one, open the"
              + " invitation link a tenant admin sends you");
    }
    JsonObject json;
    try {
      json = JsonBody.object(body);
    } catch (JsonException e) {
      return Problems.problem(400, "Bad Request", e.getMessage());
    }
    char[] password = json.getString("password", "").toCharArray();
    Optional<Member> member =
        members
            .authenticate(tenant, json.getString("email", ""), password)
            .filter(m -> m.has(MemberRole.APPROVER));
    java.util.Arrays.fill(password, '\0');
    if (member.isEmpty()) {
      return Problems.problem(401, "Unauthorized", "wrong email or password, or not an approver");
    }
    return app.signIn(
        tenant,
        member.get(),
        Optional.empty(),
        uri,
        account.of(tenant, member.get(), Optional.empty()).toString());
  }

  @POST
  @Path("session/passkey/options")
  @Operation(summary = "A challenge to sign in with a passkey")
  public Response passkeyOptions(
      @PathParam("tenant") String tenant, @Context HttpHeaders headers, @Context UriInfo uri) {
    Optional<Response> refusal = app.preflight(tenant, headers, uri);
    if (refusal.isPresent()) {
      return refusal.get();
    }
    RelyingParty rp = app.relyingParty(uri);
    String challenge = passkeySignIn.start(tenant, Instant.now());
    return json(
        Json.createObjectBuilder()
            .add("challenge", challenge)
            .add("rpId", rp.id())
            .add("timeout", 120000)
            .add("userVerification", "required")
            .build());
  }

  @POST
  @Path("session/passkey")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Sign in with a passkey assertion")
  public Response passkey(
      @PathParam("tenant") String tenant,
      String body,
      @Context HttpHeaders headers,
      @Context UriInfo uri) {
    Optional<Response> refusal = app.preflight(tenant, headers, uri);
    if (refusal.isPresent()) {
      return refusal.get();
    }
    Optional<String> credential =
        JsonBody.read(body, json -> json.getJsonObject("credential").toString());
    if (credential.isEmpty()) {
      return Problems.problem(400, "Bad Request", "send {\"credential\": <the passkey's answer>}");
    }
    PasskeySignIn.SignedIn signedIn =
        passkeySignIn.finish(tenant, credential.get(), app.relyingParty(uri), Instant.now());
    if (signedIn instanceof PasskeySignIn.Refused refused) {
      return Problems.problem(401, "Unauthorized", refused.reason());
    }
    Device device = ((PasskeySignIn.Welcome) signedIn).device();
    Optional<Member> member =
        members.memberById(tenant, device.memberId()).filter(m -> m.has(MemberRole.APPROVER));
    if (member.isEmpty()) {
      return Problems.problem(401, "Unauthorized", "this passkey's owner is no longer an approver");
    }
    return app.signIn(
        tenant,
        member.get(),
        Optional.of(device.id()),
        uri,
        account.of(tenant, member.get(), Optional.of(device.id())).toString());
  }

  @DELETE
  @Path("session")
  @Operation(summary = "Sign out")
  public Response signOut(
      @PathParam("tenant") String tenant, @Context HttpHeaders headers, @Context UriInfo uri) {
    if (app.writer(tenant, headers, uri) instanceof AppSession.Refused refused) {
      return refused.response();
    }
    return app.signOut(tenant, headers);
  }

  @POST
  @Path("devices/options")
  @Operation(summary = "A challenge to enrol this device's passkey")
  public Response enrolOptions(
      @PathParam("tenant") String tenant, @Context HttpHeaders headers, @Context UriInfo uri) {
    AppSession.Admission admission = app.writer(tenant, headers, uri);
    if (admission instanceof AppSession.Refused refused) {
      return refused.response();
    }
    Member approver = ((AppSession.SignedIn) admission).approver();
    return json(registration.options(tenant, approver, app.relyingParty(uri)));
  }

  @POST
  @Path("devices")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Enrol a device: {\"label\", \"challenge\", \"credential\": <registration>,"
              + " \"push_token\"?}")
  public Response enrol(
      @PathParam("tenant") String tenant,
      String body,
      @Context HttpHeaders headers,
      @Context UriInfo uri) {
    AppSession.Admission admission = app.writer(tenant, headers, uri);
    if (admission instanceof AppSession.Refused refused) {
      return refused.response();
    }
    Member approver = ((AppSession.SignedIn) admission).approver();
    Optional<Registration> registration = JsonBody.read(body, Registration::of);
    if (registration.isEmpty()) {
      return Problems.problem(400, "Bad Request", Registration.EXPECTED);
    }
    Registration answer = registration.get();
    Enrolments.Enrolled enrolled =
        enrolments.finish(
            tenant,
            approver,
            answer.label(),
            answer.pushToken(),
            answer.challenge(),
            answer.credential(),
            app.relyingParty(uri),
            Instant.now());
    if (enrolled instanceof Enrolments.Refused refused) {
      return Problems.problem(422, "Device not enrolled", refused.reason());
    }
    return Response.status(201)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(DeviceJson.of(((Enrolments.Done) enrolled).device()).toString())
        .build();
  }

  @PUT
  @Path("devices/{id}/push-token")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Replace a device's push token: {\"push_token\"}")
  public Response pushToken(
      @PathParam("tenant") String tenant,
      @PathParam("id") String id,
      String body,
      @Context HttpHeaders headers,
      @Context UriInfo uri) {
    AppSession.Admission admission = app.writer(tenant, headers, uri);
    if (admission instanceof AppSession.Refused refused) {
      return refused.response();
    }
    Optional<UUID> device = DeviceJson.uuid(id);
    Optional<String> token = JsonBody.read(body, json -> json.getString("push_token"));
    if (token.isEmpty()) {
      return Problems.problem(400, "Bad Request", "send {\"push_token\": \"...\"}");
    }
    Optional<String> problem =
        device.isEmpty()
            ? Optional.of("no device '" + id + "'")
            : enrolments.pushToken(
                tenant, ((AppSession.SignedIn) admission).approver(), device.get(), token.get());
    return problem
        .map(p -> Problems.problem(422, "Push token not set", p))
        .orElseGet(() -> Response.noContent().build());
  }

  @DELETE
  @Path("devices/{id}")
  @Operation(summary = "Revoke one of your devices")
  public Response revoke(
      @PathParam("tenant") String tenant,
      @PathParam("id") String id,
      @Context HttpHeaders headers,
      @Context UriInfo uri) {
    AppSession.Admission admission = app.writer(tenant, headers, uri);
    if (admission instanceof AppSession.Refused refused) {
      return refused.response();
    }
    Member approver = ((AppSession.SignedIn) admission).approver();
    boolean revoked =
        DeviceJson.uuid(id)
            .map(
                d ->
                    enrolments.revoke(
                        tenant, d, approver, Optional.of(approver.memberId()), Instant.now()))
            .orElse(false);
    return revoked
        ? Response.noContent().build()
        : Problems.problem(404, "Not Found", "no active device '" + id + "' of yours");
  }

  static Response json(JsonObject body) {
    return Response.ok(body.toString())
        .type(MediaType.APPLICATION_JSON_TYPE)
        .header("Cache-Control", "no-store")
        .build();
  }
}
