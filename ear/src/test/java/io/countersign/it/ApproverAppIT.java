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
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The approver app in a real browser (headless Chromium, phone-sized, a virtual passkey): dave
 * (ops, held-tenant.yaml rule {@code one-ops}) enrols a passkey, signs in with it, and approves,
 * rejects and edits held calls of the official SDK client, each decision signed by the device.
 * Also: attacker-controlled arguments stay inert text, a signed decision cannot be moved, altered
 * or replayed, and a revoked device's signature is refused. Screenshots for docs/ are taken here.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApproverAppIT {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static HeldFixture held;
  private static CibaTenant tenant;
  private static ApproverBrowser browser;

  @BeforeAll
  static void start() throws Exception {
    held = HeldFixture.create("approver-app");
    tenant = held.tenant;
    tenant.setPassword("erin");
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
  void enrolsAPasskeyThenSignsInWithIt() throws Exception {
    browser.run("signInPassword", "email", tenant.email("dave"), "password", CibaTenant.PASSWORD);
    JsonObject enrolled = browser.run("enrol", "label", "Pixel 8");
    assertTrue(enrolled.getString("toast").contains("enrolled"), enrolled.toString());
    assertEquals(1, browser.run("credentials").getInt("count"), "one passkey on the device");
    browser.run("signOut");
    assertEquals(401, browser.run("session").getInt("status"), "signed out");
    browser.run("signInPasskey");
    assertEquals(200, browser.run("session").getInt("status"), "signed in with the passkey");

    JsonObject devices = Json.createReader(new StringReader(devices().body())).readObject();
    JsonObject device = devices.getJsonArray("items").getJsonObject(0);
    assertEquals(tenant.email("dave"), device.getString("email"));
    assertEquals("Pixel 8", device.getString("label"));
    assertFalse(device.toString().contains("public_key"), "no key material in listings");
    List<String[]> enrolment = entries(device.getString("id"), "approver.device_enrolled");
    assertEquals(1, enrolment.size(), "the enrolment is audited");
    assertTrue(enrolment.get(0)[1].contains("public_key_cose="), enrolment.get(0)[1]);
  }

  @Test
  @Order(2)
  void aHeldCallArrivesIsReadWithoutJsonAndApprovedOnThePhone() throws Exception {
    int year = 1931;
    insertOrders(year, "shipped", 2);
    try {
      CompletableFuture<JsonObject> call = held.sdkCall(deleteArgs("shipped", year + 1));
      String id = held.awaitInbox("dave", year + 1).getString("id");
      JsonObject arrived = browser.run("waitInbox", "text", "delete_orders");
      assertEquals(id, arrived.getString("id"), "the live inbox shows the held call");

      JsonObject read = browser.run("read", "id", id);
      assertFalse(read.getString("summary").isBlank());
      assertEquals("HIGH", read.getString("risk"), "a destructive tool");
      assertTrue(
          read.getJsonArray("argumentLabels").toString().contains("created before"),
          read.toString());
      assertTrue(read.getString("argumentsText").contains("shipped"), read.toString());
      assertFalse(read.getBoolean("rawJsonShown"), "arguments as data, not a JSON blob");
      assertEquals("0 of 1 from ops", read.getString("progress"));

      Path shots = ItEnvironment.e2eDirectory().resolve("../docs/screenshots").normalize();
      browser.run("screenshot", "path", shots.resolve("approver-inbox.png").toString());
      browser.run("screenshot", "path", shots.resolve("approver-request.png").toString(), "id", id);

      JsonObject approved = browser.run("approve", "id", id);
      assertTrue(approved.getString("toast").startsWith("Approved"), approved.toString());
      JsonObject out = call.get(60, TimeUnit.SECONDS);
      assertTrue(out.getBoolean("ok"), out.toString());
      assertTrue(out.getJsonObject("result").toString().contains("deleted: 2"), out.toString());
      assertEquals(0, orders(year), "approved on the phone, the call ran");

      List<String[]> signed = entries(id, "approval.vote_signed");
      assertEquals(1, signed.size(), "the vote's device proof is in the audit log");
      assertTrue(signed.get(0)[1].contains("client_data_json="), signed.get(0)[1]);
      assertEquals(
          1,
          Database.count(
              "SELECT COUNT(*) FROM approval_vote_proof WHERE tenant_id = ? AND approval_id = ?",
              tenant.id,
              id));
    } finally {
      deleteOrders(year);
    }
  }

  @Test
  @Order(3)
  void rejectedWithAReasonThatReachesTheAgent() throws Exception {
    int year = 1933;
    insertOrders(year, "shipped", 1);
    try {
      CompletableFuture<JsonObject> call = held.sdkCall(deleteArgs("shipped", year + 1));
      String id = held.awaitInbox("dave", year + 1).getString("id");
      JsonObject rejected = browser.run("reject", "id", id, "reason", "Not during the freeze");
      assertTrue(rejected.getString("toast").startsWith("Rejected"), rejected.toString());
      JsonObject out = call.get(60, TimeUnit.SECONDS);
      assertTrue(out.toString().contains("Not during the freeze"), out.toString());
      assertEquals(1, orders(year), "nothing ran");
    } finally {
      deleteOrders(year);
    }
  }

  @Test
  @Order(4)
  void editedInAFormFromTheInputSchemaThenApproved() throws Exception {
    int year = 1934;
    insertOrders(year, "shipped", 1);
    insertOrders(year, "delivered", 1);
    try {
      CompletableFuture<JsonObject> call = held.sdkCall(deleteArgs("shipped", year + 1));
      String id = held.awaitInbox("dave", year + 1).getString("id");
      assertTrue(browser.run("read", "id", id).getBoolean("schemaKnown"), "the tool's schema");
      JsonObject edited =
          browser.run(
              "editApprove",
              "id",
              id,
              "values",
              Json.createObjectBuilder()
                  .add("status", "delivered")
                  .add("created_before", (year + 1) + "-01-01T00:00:00Z")
                  .build(),
              "invalid",
              Json.createObjectBuilder().add("created_before", "9".repeat(70)).build());
      String fields = edited.getJsonArray("fields").toString();
      assertTrue(fields.contains("status:select"), "the schema's enum is a choice: " + fields);
      assertTrue(fields.contains("created_before:input:text"), fields);
      JsonObject refused = edited.getJsonObject("refusedInPage");
      assertFalse(refused.getBoolean("sent"), "an invalid form sends nothing");
      assertTrue(
          refused.getJsonArray("errors").toString().contains("at most 64"), refused.toString());
      assertTrue(
          edited.getString("toast").startsWith("Approved with your edits"), edited.toString());
      JsonObject out = call.get(60, TimeUnit.SECONDS);
      assertTrue(out.getJsonObject("result").toString().contains("deleted: 1"), out.toString());
      assertEquals(1, orders(year), "the edited call deleted the delivered order, not the shipped");
    } finally {
      deleteOrders(year);
    }
  }

  @Test
  @Order(5)
  void scriptInArgumentsIsInertTextAndSignedDecisionsCannotBeMovedAlteredOrReplayed()
      throws Exception {
    int year = 1935;
    CompletableFuture<JsonObject> plain = held.sdkCall(deleteArgs("shipped", year + 1));
    String a = held.awaitInbox("dave", year + 1).getString("id");
    List<CompletableFuture<JsonObject>> hostile = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (String payload :
        List.of("<img src=x onerror=window.__xss=true>", "<script>window.__xss=true</script>")) {
      hostile.add(
          held.sdkCall(
              Json.createObjectBuilder()
                  .add("status", "shipped")
                  .add("created_before", payload)
                  .build()));
      ids.add(
          held.awaitInbox(
                  "dave",
                  r -> payload.equals(r.getJsonObject("arguments").getString("created_before", "")))
              .getString("id"));
    }
    for (String id : ids) {
      JsonObject read = browser.run("read", "id", id);
      assertFalse(read.getBoolean("scriptsRun"), "no script ran: " + read);
      assertEquals(0, read.getInt("injectedElements"), "no element was injected: " + read);
      assertTrue(read.getString("argumentsText").contains("__xss=true"), "shown as text: " + read);
      assertEquals(JsonValue.EMPTY_JSON_ARRAY, read.getJsonArray("dialogs"));
    }

    JsonObject attacks = browser.run("proofAttacks", "a", a, "b", ids.get(0));
    assertEquals(403, attacks.getInt("noCsrf"), "no CSRF token: " + attacks);
    assertStatus(attacks, "otherRequest", 403, "another request");
    assertStatus(attacks, "tampered", 403, "does not verify");
    assertStatus(attacks, "otherDecision", 403, "another decision");
    assertStatus(attacks, "unsigned", 400, "signed by your device");
    assertStatus(attacks, "afterUse", 403, "used, expired or never");
    assertStatus(attacks, "genuine", 200, "");
    assertStatus(attacks, "replayed", 403, "used, expired or never");
    assertTrue(
        attacks.getString("statement").contains("\"approval_id\":\"" + a + "\""),
        attacks.getString("statement"));
    assertTrue(plain.get(60, TimeUnit.SECONDS).getBoolean("ok"), "the genuine vote counted once");
    assertEquals(
        1,
        Database.count(
            "SELECT COUNT(*) FROM approval_vote_proof WHERE tenant_id = ? AND approval_id = ?",
            tenant.id,
            a));

    for (String id : ids) {
      JsonObject request = held.awaitInbox("dave", r -> r.getString("id").equals(id));
      assertEquals(200, tenant.reject("dave", request, "cleaning up").statusCode());
    }
    for (CompletableFuture<JsonObject> call : hostile) {
      call.get(60, TimeUnit.SECONDS);
    }
  }

  @Test
  @Order(6)
  void aRevokedDevicesSignatureIsRefused() throws Exception {
    int year = 1936;
    CompletableFuture<JsonObject> call = held.sdkCall(deleteArgs("shipped", year + 1));
    JsonObject request = held.awaitInbox("dave", year + 1);
    String id = request.getString("id");
    browser.run("signOut");
    browser.run("signInPassword", "email", tenant.email("dave"), "password", CibaTenant.PASSWORD);
    browser.run("signAndHold", "id", id);

    String device =
        Json.createReader(new StringReader(devices().body()))
            .readObject()
            .getJsonArray("items")
            .getJsonObject(0)
            .getString("id");
    HttpResponse<String> revoked = admin("DELETE", "/" + device);
    assertEquals(204, revoked.statusCode(), revoked.body());
    assertEquals(404, admin("DELETE", "/" + device).statusCode(), "already revoked");

    JsonObject refused = browser.run("sendSigned", "id", id);
    assertEquals(403, refused.getInt("status"), refused.toString());
    assertTrue(
        refused.getJsonObject("body").getString("detail").contains("not an enrolled, unrevoked"),
        refused.toString());
    assertEquals(1, entries(device, "approver.device_revoked").size());
    assertEquals(200, tenant.reject("dave", request, "cleaning up").statusCode());
    call.get(60, TimeUnit.SECONDS);
  }

  private static void assertStatus(JsonObject attacks, String name, int status, String detail) {
    JsonObject attempt = attacks.getJsonObject(name);
    assertEquals(status, attempt.getInt("status"), name + ": " + attempt);
    if (!detail.isEmpty()) {
      assertTrue(
          attempt.getJsonObject("body").getString("detail", "").contains(detail),
          name + ": " + attempt);
    }
  }

  private static HttpResponse<String> devices() throws Exception {
    HttpResponse<String> response = admin("GET", "");
    assertEquals(200, response.statusCode(), response.body());
    return response;
  }

  private static HttpResponse<String> admin(String method, String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(
                URI.create(
                    ItEnvironment.baseUrl() + "/api/v1/tenants/" + tenant.id + "/devices" + path))
            .header("Authorization", CibaTenant.basic(tenant.email("erin"), CibaTenant.PASSWORD))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static List<String[]> entries(String correlation, String type) throws Exception {
    List<String[]> found = new ArrayList<>();
    try (var c = Database.connect();
        var s =
            c.prepareStatement(
                "SELECT event_type, leaf FROM audit_log_entry WHERE tenant_id = ?"
                    + " AND correlation_id = ? AND event_type = ? ORDER BY leaf_index")) {
      s.setString(1, tenant.id);
      s.setString(2, correlation);
      s.setString(3, type);
      try (var r = s.executeQuery()) {
        while (r.next()) {
          JsonObject leaf =
              Json.createReader(new StringReader(new String(r.getBytes(2), StandardCharsets.UTF_8)))
                  .readObject();
          found.add(new String[] {r.getString(1), leaf.getString("reason", "")});
        }
      }
    }
    return found;
  }
}
