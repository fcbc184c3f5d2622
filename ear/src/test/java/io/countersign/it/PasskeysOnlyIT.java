package io.countersign.it;

import static io.countersign.it.HeldFixture.deleteArgs;
import static io.countersign.it.HeldFixture.deleteOrders;
import static io.countersign.it.HeldFixture.insertOrders;
import static io.countersign.it.HeldFixture.orders;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A tenant whose approvers never use passwords ({@code tenant.approvers.passwordSignIn: false}):
 * the Basic decision API and the app's password sign-in refuse them, a tenant admin invites dave,
 * and dave enrols his first passkey from the invitation link in a real browser. Then the tenant
 * takes passwords again but only device-bound votes ({@code deviceBoundVotes: required}): an
 * unsigned Basic vote is refused and counts for nothing; dave's signed vote in the app decides.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PasskeysOnlyIT {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static HeldFixture held;
  private static CibaTenant tenant;
  private static ApproverBrowser browser;

  @BeforeAll
  static void start() throws Exception {
    held = HeldFixture.create("passkeys-only");
    tenant = held.tenant;
    tenant.setPassword("erin");
    reimport("    passwordSignIn: false\n");
    browser = new ApproverBrowser(tenant.id);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (held != null) {
      held.close();
    }
  }

  @Test
  @Order(1)
  void passwordsAreRefusedEverywhereAnApproverSignsIn() throws Exception {
    HttpResponse<String> basic = tenant.approvals("dave", "GET", "", null);
    assertEquals(401, basic.statusCode(), basic.body());
    assertTrue(basic.body().contains("does not accept approvers' passwords"), basic.body());

    HttpResponse<String> app =
        post(
            "/t/" + tenant.id + "/approve/api/session/password",
            "{\"email\":\""
                + tenant.email("dave")
                + "\",\"password\":\""
                + CibaTenant.PASSWORD
                + "\"}",
            Map.of());
    assertEquals(403, app.statusCode(), app.body());
    assertTrue(app.body().contains("passkey only"), app.body());

    JsonObject page = browser.run("signInMethods");
    assertFalse(page.getBoolean("passwordOffered"), page.toString());
    assertTrue(page.getBoolean("passkeysOnlyNote"), page.toString());

    assertEquals(200, admin("GET", "/devices", null).statusCode(), "admins still administer");
  }

  @Test
  @Order(2)
  void anInvitationLinkEnrolsTheFirstPasskeyOnceAndOnlyInItsTenant() throws Exception {
    HttpResponse<String> notAnApprover = invite("erin", null);
    assertEquals(422, notAnApprover.statusCode(), notAnApprover.body());
    assertTrue(notAnApprover.body().contains("is not an approver"), notAnApprover.body());
    HttpResponse<String> unknown =
        admin("POST", "/invitations", "{\"email\":\"nobody@x.example\"}");
    assertEquals(422, unknown.statusCode(), unknown.body());
    assertEquals(400, invite("dave", "three days").statusCode());
    assertEquals(422, invite("dave", "P90D").statusCode(), "at most P30D");
    HttpResponse<String> anonymous =
        post("/api/v1/tenants/" + tenant.id + "/invitations", "{\"email\":\"x\"}", Map.of());
    assertEquals(401, anonymous.statusCode());

    JsonObject first = json(invite("dave", null), 201);
    assertFalse(first.getBoolean("mailed"));
    HttpResponse<String> byOperator =
        CibaTenant.operator(
            "POST",
            "/invitations",
            "{\"email\":\""
                + tenant.email("dave")
                + "\",\"expires_in\":\"PT1H\",\"send_email\":true}",
            tenant.id);
    JsonObject mailed = json(byOperator, 201);
    assertTrue(mailed.getBoolean("mailed"), mailed.toString());
    assertFalse(mailed.containsKey("url"), "an e-mailed link goes to the invitee only");
    MailCatcher.Mail mail =
        MailCatcher.await(
            tenant.email("dave"),
            m -> m.subject().contains("Enrol your device"),
            Duration.ofSeconds(20));
    Matcher link = Pattern.compile("(http\\S+#/invitation/[A-Za-z0-9_-]+)").matcher(mail.body());
    assertTrue(link.find(), mail.body());
    JsonObject invitation = Json.createObjectBuilder().add("url", link.group(1)).build();
    String token = invitation.getString("url").replaceFirst(".*#/invitation/", "");
    assertTrue(
        browser
            .run("invitation", "url", first.getString("url"), "label", "Old link")
            .getString("problem")
            .contains("already used, was revoked or has expired"),
        "a newer invitation revokes the older one");

    HttpResponse<String> elsewhere =
        post(
            "/t/" + CibaTenant.held("passkeys-only-b").id + "/approve/api/invitation/options",
            "{\"token\":\"" + token + "\"}",
            Map.of());
    assertEquals(404, elsewhere.statusCode(), "an invitation works only in its own tenant");

    JsonObject enrolled =
        browser.run("invitation", "url", invitation.getString("url"), "label", "Pixel 9");
    assertEquals(tenant.email("dave"), enrolled.getString("invited"));
    assertTrue(enrolled.getString("toast").contains("enrolled"), enrolled.toString());
    assertFalse(enrolled.getString("url").contains(token), "the used link leaves the address bar");
    assertEquals(200, browser.run("session").getInt("status"), "signed in with the new passkey");

    assertTrue(
        browser
            .run("invitation", "url", invitation.getString("url"), "label", "Again")
            .getString("problem")
            .contains("already used"),
        "good once");
    JsonObject open = json(admin("GET", "/invitations", null), 200);
    assertEquals(0, open.getJsonArray("items").size(), open.toString());
    long invited =
        Database.count(
            "SELECT COUNT(*) FROM audit_log_entry WHERE tenant_id = ? AND event_type = ?",
            tenant.id,
            "approver.invited");
    assertEquals(2, invited, "both invitations are audited");
    assertEquals(
        1,
        Database.count(
            "SELECT COUNT(*) FROM approver_invitation WHERE tenant_id = ? AND used_at IS NOT NULL"
                + " AND device_id IS NOT NULL",
            tenant.id));

    browser.run("signOut");
    browser.run("signInPasskey");
    assertEquals(200, browser.run("session").getInt("status"), "and signs in with it again");
  }

  @Test
  @Order(3)
  void withDeviceBoundVotesRequiredAnUnsignedVoteIsRefusedAndTheSignedOneDecides()
      throws Exception {
    reimport("    deviceBoundVotes: required\n");
    int year = 1937;
    insertOrders(year, "shipped", 1);
    try {
      CompletableFuture<JsonObject> call = held.sdkCall(deleteArgs("shipped", year + 1));
      JsonObject request = held.awaitInbox("dave", year + 1);
      String id = request.getString("id");
      MailCatcher.Mail notice =
          MailCatcher.await(
              tenant.email("dave"),
              m -> m.body().contains("/t/" + tenant.id + "/approve/#/requests/" + id),
              Duration.ofSeconds(30));
      assertTrue(notice.subject().startsWith("[Countersign] "), notice.subject());
      assertTrue(
          notice.body().contains("to decide you sign in there"),
          "the e-mail opens the app, it never approves");

      HttpResponse<String> unsigned = tenant.approve("dave", request);
      assertEquals(403, unsigned.statusCode(), unsigned.body());
      assertTrue(unsigned.body().contains("takes only votes signed by an enrolled device"));
      assertEquals(
          "0 of 1 from ops",
          json(tenant.approvals("dave", "GET", "/" + id, null), 200).getString("progress"),
          "the unsigned vote counts for nothing");
      assertEquals(1, orders(year));

      JsonObject approved = browser.run("approve", "id", id);
      assertTrue(approved.getString("toast").startsWith("Approved"), approved.toString());
      JsonObject out = call.get(60, TimeUnit.SECONDS);
      assertTrue(out.getBoolean("ok"), out.toString());
      assertEquals(0, orders(year), "the signed vote decided and the call ran");
    } finally {
      deleteOrders(year);
    }
  }

  /** Imports held-tenant.yaml again with these lines as its {@code tenant.approvers}. */
  private static void reimport(String approverLines) throws Exception {
    String yaml =
        OperatorApi.bundle(
            "held-tenant.yaml", Map.of("TENANT", tenant.id, "SHOP_URL", OperatorApi.shopUrl()));
    String optedOut = "  approvers:\n    deviceBoundVotes: optional";
    int at = yaml.indexOf(optedOut);
    assertTrue(at > 0, "held-tenant.yaml lets the Basic API vote");
    int end = yaml.indexOf('\n', at + optedOut.length()) + 1;
    OperatorApi.importBundle(
        tenant.id, yaml.substring(0, at) + "  approvers:\n" + approverLines + yaml.substring(end));
  }

  private static HttpResponse<String> invite(String who, String expiresIn) throws Exception {
    return admin(
        "POST",
        "/invitations",
        "{\"email\":\""
            + tenant.email(who)
            + "\""
            + (expiresIn == null ? "" : ",\"expires_in\":\"" + expiresIn + "\"")
            + "}");
  }

  /** A tenant admin's (erin's) call under {@code /api/v1/tenants/{tenant}}. */
  private static HttpResponse<String> admin(String method, String path, String body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create(ItEnvironment.baseUrl() + "/api/v1/tenants/" + tenant.id + path))
            .header("Authorization", CibaTenant.basic(tenant.email("erin"), CibaTenant.PASSWORD));
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static HttpResponse<String> post(String path, String body, Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(ItEnvironment.baseUrl() + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static JsonObject json(HttpResponse<String> response, int status) {
    assertEquals(status, response.statusCode(), response.body());
    return Json.createReader(new StringReader(response.body())).readObject();
  }
}
