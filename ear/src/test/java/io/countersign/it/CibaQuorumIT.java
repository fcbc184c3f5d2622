package io.countersign.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.SignedJWT;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * N-of-M approval through the decision API: distinct approvers, no self-approval, no vote from
 * outside the quorum's groups, after expiry or in another tenant, edits carried into the token, and
 * two final votes at the same instant yielding one approval and one token.
 */
class CibaQuorumIT {

  private static final String ARGUMENTS = "{\"before\":\"2025-01-01\",\"limit\":847}";
  private static final String CIBA = "urn:openid:params:grant-type:ciba";
  private static CibaTenant tenant;
  private static CibaTenant neighbour;

  @BeforeAll
  static void tenants() throws Exception {
    tenant = CibaTenant.create("quo-" + UUID.randomUUID().toString().substring(0, 8));
    neighbour = CibaTenant.create("nbr-" + UUID.randomUUID().toString().substring(0, 8));
  }

  @AfterAll
  static void close() {
    tenant.close();
    neighbour.close();
  }

  private static Map<String, String> grant(String authReqId) {
    return Map.of("grant_type", CIBA, "auth_req_id", authReqId);
  }

  private static String refusal(HttpResponse<String> response) {
    return response.body();
  }

  @Test
  void twoOfThreeNeedsTwoDistinctApprovers() throws Exception {
    String authReqId = tenant.open("gateway", "2 of db-owners", ARGUMENTS, Map.of());
    JsonObject request = tenant.newest("alice");
    assertEquals(
        "recorded", CibaTenant.json(tenant.approve("alice", request), 200).getString("outcome"));
    assertEquals(
        "authorization_pending",
        CibaTenant.json(tenant.token("gateway", grant(authReqId)), 400).getString("error"));
    HttpResponse<String> twice = tenant.approve("alice", request);
    assertEquals(409, twice.statusCode(), twice.body());
    assertTrue(refusal(twice).contains("duplicate_vote"));
    JsonObject decided = CibaTenant.json(tenant.approve("bob", request), 200);
    assertEquals("decided", decided.getString("outcome"));
    assertEquals("approved", decided.getString("state"));
    Thread.sleep(1_100); // the polling interval
    JsonObject tokens = CibaTenant.json(tenant.token("gateway", grant(authReqId)), 200);
    var approvers =
        SignedJWT.parse(tokens.getString("id_token")).getJWTClaimsSet().getListClaim("approvers");
    assertEquals(2, approvers.size());
  }

  @Test
  void requesterCannotApproveTheirOwnRequest() throws Exception {
    tenant.open("gateway", "2 of db-owners", ARGUMENTS, Map.of("requester", tenant.email("carol")));
    JsonObject request = tenant.newest("alice");
    assertTrue(
        tenant.inbox("carol").stream()
            .noneMatch(r -> r.asJsonObject().getString("id").equals(request.getString("id"))),
        "the requester sees their own request as one to decide");
    HttpResponse<String> self = tenant.approve("carol", request);
    assertEquals(403, self.statusCode(), self.body());
    assertTrue(refusal(self).contains("self_approval"));
    HttpResponse<String> selfReject = tenant.reject("carol", request, "hide it");
    assertEquals(403, selfReject.statusCode());
  }

  @Test
  void approverOutsideTheQuorumGroupsDoesNotSeeTheRequest() throws Exception {
    tenant.open("gateway", "1 of db-owners", ARGUMENTS, Map.of());
    JsonObject request = tenant.newest("alice");
    assertEquals(
        404, tenant.approvals("dave", "GET", "/" + request.getString("id"), null).statusCode());
    assertEquals(404, tenant.approve("dave", request).statusCode());
  }

  @Test
  void votingAfterExpiryIsRefused() throws Exception {
    tenant.open("gateway", "1 of db-owners", ARGUMENTS, Map.of("requested_expiry", "2"));
    JsonObject request = tenant.newest("alice");
    Thread.sleep(2_500);
    HttpResponse<String> late = tenant.approve("bob", request);
    assertEquals(409, late.statusCode(), late.body());
    assertTrue(refusal(late).contains("expired"));
  }

  @Test
  void votingInAnotherTenantIsRefused() throws Exception {
    tenant.open("gateway", "1 of db-owners", ARGUMENTS, Map.of());
    JsonObject request = tenant.newest("alice");
    String path = "/" + request.getString("id") + "/decision";
    String body =
        "{\"decision\":\"approve\",\"arguments_sha256\":\""
            + request.getString("arguments_sha256")
            + "\"}";
    // the neighbour's own approver, through the neighbour's API: no such request there
    assertEquals(404, neighbour.approvals("alice", "POST", path, body).statusCode());
    // this tenant's approver against the neighbour's API: not an approver there
    var crossed =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(
                            ItEnvironment.baseUrl()
                                + "/api/v1/tenants/"
                                + neighbour.id
                                + "/approvals"
                                + path))
                    .header(
                        "Authorization",
                        CibaTenant.basic(tenant.email("alice"), CibaTenant.PASSWORD))
                    .header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(401, crossed.statusCode());
    assertEquals(
        "pending",
        CibaTenant.json(tenant.approvals("alice", "GET", "/" + request.getString("id"), null), 200)
            .getString("state"));
  }

  @Test
  void voteOnADecidedRequestIsRefused() throws Exception {
    tenant.open("gateway", "1 of db-owners", ARGUMENTS, Map.of());
    JsonObject request = tenant.newest("alice");
    CibaTenant.json(tenant.approve("alice", request), 200);
    HttpResponse<String> late = tenant.reject("bob", request, "too late");
    assertEquals(409, late.statusCode());
    assertTrue(refusal(late).contains("not_pending"));
  }

  @Test
  void editedArgumentsAreWhatTheTokenCarries() throws Exception {
    String authReqId = tenant.open("gateway", "1 of db-owners", ARGUMENTS, Map.of());
    JsonObject request = tenant.newest("bob");
    JsonObject decided =
        CibaTenant.json(
            tenant.approvals(
                "bob",
                "POST",
                "/" + request.getString("id") + "/decision",
                "{\"decision\":\"approve_edited\",\"arguments\":{\"before\":\"2025-01-01\",\"limit\":10}}"),
            200);
    assertEquals("approved", decided.getString("state"));
    JsonObject tokens = CibaTenant.json(tenant.token("gateway", grant(authReqId)), 200);
    JsonObject approved = tokens.getJsonArray("authorization_details").getJsonObject(0);
    assertEquals(10, approved.getJsonObject("arguments").getInt("limit"));
    var claims = SignedJWT.parse(tokens.getString("access_token")).getJWTClaimsSet();
    assertTrue(claims.toString().contains("\"limit\":10"), claims.toString());
  }

  @Test
  void twoFinalVotesAtTheSameInstantYieldOneApprovalAndOneToken() throws Exception {
    String authReqId = tenant.open("gateway", "2 of db-owners", ARGUMENTS, Map.of());
    JsonObject request = tenant.newest("alice");
    CibaTenant.json(tenant.approve("alice", request), 200);
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Future<HttpResponse<String>>> votes = new ArrayList<>();
    for (String approver : List.of("bob", "carol")) {
      Callable<HttpResponse<String>> vote =
          () -> {
            start.await();
            return tenant.approve(approver, request);
          };
      votes.add(pool.submit(vote));
    }
    start.countDown();
    List<Integer> statuses = new ArrayList<>();
    for (var vote : votes) {
      statuses.add(vote.get().statusCode());
    }
    pool.shutdown();
    statuses.sort(Integer::compareTo);
    assertEquals(List.of(200, 409), statuses, "exactly one final vote decides");
    Thread.sleep(1_100);
    List<Integer> redemptions = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      redemptions.add(tenant.token("gateway", grant(authReqId)).statusCode());
    }
    assertEquals(List.of(200, 400), redemptions, "one token, once");
    JsonObject seen =
        CibaTenant.json(tenant.approvals("alice", "GET", "/" + request.getString("id"), null), 200);
    assertEquals("redeemed", seen.getString("state"));
    assertEquals(2, seen.getJsonArray("votes").size());
    // every vote and state change has its audit entry, in order, under the request's id
    JsonObject audit =
        CibaTenant.json(
            CibaTenant.operator(
                "GET",
                "/audit/entries?correlationId=" + request.getString("id") + "&order=asc",
                null,
                tenant.id),
            200);
    List<String> types =
        audit.getJsonArray("entries").stream()
            .map(e -> e.asJsonObject().getJsonObject("leaf").getString("type"))
            .toList();
    assertEquals(
        List.of(
            "approval.requested",
            "approval.vote_recorded",
            "approval.vote_recorded",
            "approval.approved",
            "approval.redeemed"),
        types);
  }
}
