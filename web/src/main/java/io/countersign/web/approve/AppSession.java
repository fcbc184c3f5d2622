package io.countersign.web.approve;

import io.countersign.ciba.device.ApproverSessions;
import io.countersign.ciba.device.RelyingParty;
import io.countersign.tenant.MemberRole;
import io.countersign.tenant.Tenant;
import io.countersign.tenant.TenantDirectory;
import io.countersign.tenant.member.Member;
import io.countersign.tenant.member.MemberAccounts;
import io.countersign.web.admin.Problems;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who is signed in to the approver app, and whether a request may change anything. A session is an
 * HttpOnly, SameSite=Strict cookie scoped to the tenant's app; a state change also needs the
 * session's CSRF token in {@value #CSRF_HEADER} (double submit: the app reads it from the {@value
 * #CSRF_COOKIE} cookie) and, when the browser sends one, the app's own {@code Origin}.
 */
@ApplicationScoped
public class AppSession {

  static final String SESSION_COOKIE = "cs_approver";
  static final String CSRF_COOKIE = "cs_csrf";
  static final String CSRF_HEADER = "X-CSRF-Token";

  @Inject TenantDirectory directory;
  @Inject ApproverSessions sessions;
  @Inject MemberAccounts members;

  @Inject
  @ConfigProperty(name = "countersign.approver-app.origin")
  Optional<String> configuredOrigin;

  @Inject
  @ConfigProperty(name = "countersign.approver-app.session-lifetime", defaultValue = "PT12H")
  Duration lifetime;

  /** The signed-in approver, or the response refusing the request. */
  public sealed interface Admission {}

  public record SignedIn(Member approver, ApproverSessions.ApproverSession session)
      implements Admission {}

  public record Refused(Response response) implements Admission {}

  /** The approver of a read-only request. */
  public Admission reader(String tenant, HttpHeaders headers) {
    Optional<Tenant> known = directory.tenant(tenant);
    if (known.isEmpty()) {
      return new Refused(Problems.problem(404, "Not Found", "unknown tenant '" + tenant + "'"));
    }
    Cookie cookie = headers.getCookies().get(SESSION_COOKIE);
    Optional<ApproverSessions.ApproverSession> session =
        cookie == null ? Optional.empty() : sessions.find(tenant, cookie.getValue(), Instant.now());
    // a session a password opened ends when the tenant stops accepting passwords
    Optional<Member> member =
        session
            .filter(s -> s.deviceId().isPresent() || known.get().approverSignIn().password())
            .flatMap(s -> members.memberById(tenant, s.memberId()))
            .filter(m -> m.has(MemberRole.APPROVER));
    if (member.isEmpty()) {
      return new Refused(
          Problems.problem(401, "Unauthorized", "sign in to the approver app of this tenant"));
    }
    return new SignedIn(member.get(), session.get());
  }

  /** The approver of a request that changes state: also checks CSRF token and origin. */
  public Admission writer(String tenant, HttpHeaders headers, UriInfo uri) {
    Admission admission = reader(tenant, headers);
    if (admission instanceof SignedIn signedIn) {
      if (!signedIn.session().csrf(headers.getHeaderString(CSRF_HEADER))) {
        return new Refused(
            Problems.problem(
                403, "Forbidden", "missing or wrong " + CSRF_HEADER + " (reload the app)"));
      }
      Optional<Response> origin = foreignOrigin(headers, uri);
      if (origin.isPresent()) {
        return new Refused(origin.get());
      }
    }
    return admission;
  }

  /** A sign-in request needs the tenant to exist and must come from the app's own origin. */
  public Optional<Response> preflight(String tenant, HttpHeaders headers, UriInfo uri) {
    if (directory.tenant(tenant).isEmpty()) {
      return Optional.of(Problems.problem(404, "Not Found", "unknown tenant '" + tenant + "'"));
    }
    return foreignOrigin(headers, uri);
  }

  /** A refusal when the browser says the request comes from another origin than the app's. */
  public Optional<Response> foreignOrigin(HttpHeaders headers, UriInfo uri) {
    String origin = headers.getHeaderString("Origin");
    if (origin != null && !origin.equals(relyingParty(uri).origin())) {
      return Optional.of(
          Problems.problem(403, "Forbidden", "requests from another origin are refused"));
    }
    return Optional.empty();
  }

  /** The app's WebAuthn relying party: the configured origin, else the one it was reached at. */
  public RelyingParty relyingParty(UriInfo uri) {
    return RelyingParty.at(
        configuredOrigin
            .filter(o -> !o.isBlank())
            .orElseGet(() -> uri.getBaseUri().resolve("/").toString()));
  }

  /** The response that signs {@code member} in: both cookies, and the CSRF token in the body. */
  public Response signIn(
      String tenant, Member member, Optional<java.util.UUID> device, UriInfo uri, String body) {
    ApproverSessions.Opened opened =
        sessions.open(tenant, member.memberId(), device, lifetime, Instant.now());
    boolean secure = relyingParty(uri).origin().startsWith("https:");
    String path = "/t/" + tenant + "/approve/";
    int maxAge = (int) lifetime.toSeconds();
    return Response.ok(body)
        .type("application/json")
        .cookie(
            new NewCookie.Builder(SESSION_COOKIE)
                .value(opened.token())
                .path(path)
                .maxAge(maxAge)
                .httpOnly(true)
                .secure(secure)
                .sameSite(NewCookie.SameSite.STRICT)
                .build(),
            new NewCookie.Builder(CSRF_COOKIE)
                .value(opened.csrfToken())
                .path(path)
                .maxAge(maxAge)
                .httpOnly(false)
                .secure(secure)
                .sameSite(NewCookie.SameSite.STRICT)
                .build())
        .header("Cache-Control", "no-store")
        .build();
  }

  /** Ends the session and clears both cookies. */
  public Response signOut(String tenant, HttpHeaders headers) {
    Cookie cookie = headers.getCookies().get(SESSION_COOKIE);
    if (cookie != null) {
      sessions.close(tenant, cookie.getValue());
    }
    String path = "/t/" + tenant + "/approve/";
    return Response.noContent()
        .cookie(
            new NewCookie.Builder(SESSION_COOKIE).value("").path(path).maxAge(0).build(),
            new NewCookie.Builder(CSRF_COOKIE).value("").path(path).maxAge(0).build())
        .build();
  }
}
