package io.countersign.web.approvals;

import io.countersign.tenant.MemberRole;
import io.countersign.tenant.TenantDirectory;
import io.countersign.tenant.member.Member;
import io.countersign.tenant.member.MemberAccounts;
import io.countersign.web.admin.Problems;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * Admits an approver (or a member with another role) of the tenant: HTTP Basic with the member's
 * email and password (RFC 7617). Members without the approver role, unknown emails and wrong
 * passwords all get the same 401. Device-bound sign-in (passkeys) replaces this for the approver
 * app.
 */
@ApplicationScoped
public class ApproverGate {

  private static final String BASIC = "Basic ";

  @Inject MemberAccounts members;
  @Inject TenantDirectory directory;

  /** Either the signed-in approver or the refusal. */
  public sealed interface Admission {}

  public record Admitted(Member approver) implements Admission {}

  public record Refused(Response response) implements Admission {}

  public Admission admit(String tenantId, HttpHeaders headers) {
    return admit(tenantId, headers, MemberRole.APPROVER);
  }

  /**
   * Admits a member of the tenant who has {@code role}. An approver's password is refused when the
   * tenant takes passkeys only ({@code tenant.approvers.passwordSignIn: false}); a tenant admin's
   * is not, since it only administers.
   */
  public Admission admit(String tenantId, HttpHeaders headers, MemberRole role) {
    if (role == MemberRole.APPROVER
        && directory.tenant(tenantId).map(t -> !t.approverSignIn().password()).orElse(false)) {
      return refused(
          "tenant '"
              + tenantId
              + "' does not accept approvers' passwords: sign in to the approver app at /t/"
              + tenantId
              + "/approve/ with a passkey");
    }
    String authorization = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (authorization == null || !authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
      return refused();
    }
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(authorization.substring(BASIC.length()).trim());
    } catch (IllegalArgumentException e) {
      return refused();
    }
    CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(decoded));
    char[] text =
        Arrays.copyOfRange(chars.array(), chars.arrayOffset(), chars.arrayOffset() + chars.limit());
    Arrays.fill(chars.array(), '\0');
    Arrays.fill(decoded, (byte) 0);
    int colon = indexOf(text, ':');
    if (colon < 1) {
      Arrays.fill(text, '\0');
      return refused();
    }
    String email = new String(text, 0, colon);
    char[] password = Arrays.copyOfRange(text, colon + 1, text.length);
    Arrays.fill(text, '\0');
    Optional<Member> member = members.authenticate(tenantId, email, password);
    Arrays.fill(password, '\0');
    return member
        .filter(m -> m.roles().contains(role))
        .<Admission>map(Admitted::new)
        .orElseGet(ApproverGate::refused);
  }

  private static int indexOf(char[] chars, char wanted) {
    for (int i = 0; i < chars.length; i++) {
      if (chars[i] == wanted) {
        return i;
      }
    }
    return -1;
  }

  private static Admission refused() {
    return refused("sign in as an approver of this tenant (HTTP Basic: email and password)");
  }

  private static Admission refused(String detail) {
    Response problem = Problems.problem(401, "Unauthorized", detail);
    return new Refused(
        Response.fromResponse(problem)
            .header(
                HttpHeaders.WWW_AUTHENTICATE,
                "Basic realm=\"countersign-approvers\", charset=\"UTF-8\"")
            .build());
  }
}
