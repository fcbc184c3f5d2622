package io.countersign.web.admin;

import io.countersign.tenant.member.MemberAccounts;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.util.Arrays;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Sets a member's password (operator API), for tenants whose approvers sign in with one. Stored as
 * PBKDF2; never returned.
 */
@Path("api/v1/tenants/{tenant}/members/{email}/password")
@RequestScoped
@Tag(name = "tenants")
public class MemberPasswordResource {

  /** NIST SP 800-63B, section 5.1.1.2: at least 8; a shared secret for approvals deserves more. */
  static final int MIN_LENGTH = 12;

  static final int MAX_LENGTH = 128;

  @Inject OperatorGate gate;
  @Inject MemberAccounts members;

  @Context HttpHeaders headers;

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(Problems.MEDIA_TYPE)
  @Operation(summary = "Set a member's password: {\"password\": \"...\"} (12 to 128 characters)")
  public Response set(
      @PathParam("tenant") String tenant, @PathParam("email") String email, String body) {
    Optional<Response> refusal = gate.refusal(headers);
    if (refusal.isPresent()) {
      return refusal.get();
    }
    String password;
    try (var reader = Json.createReader(new StringReader(body == null ? "" : body))) {
      JsonObject json = reader.readObject();
      password = json.getString("password", "");
    } catch (JsonException | ClassCastException e) {
      return Problems.problem(400, "Bad Request", "send {\"password\": \"...\"}");
    }
    int length = password.codePointCount(0, password.length());
    if (length < MIN_LENGTH || length > MAX_LENGTH) {
      return Problems.problem(
          400, "Bad Request", "a password has " + MIN_LENGTH + " to " + MAX_LENGTH + " characters");
    }
    char[] chars = password.toCharArray();
    boolean set = members.setPassword(tenant, email, chars);
    Arrays.fill(chars, '\0');
    return set
        ? Response.noContent().build()
        : Problems.problem(
            404, "Not Found", "no member '" + email + "' in tenant '" + tenant + "'");
  }
}
