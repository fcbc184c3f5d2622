package io.countersign.gateway.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.gateway.jsonrpc.JsonRpcMessage;
import io.countersign.gateway.jsonrpc.Jsonp;
import io.countersign.gateway.session.McpSession;
import io.countersign.tenant.AgentPrincipal;
import io.countersign.tenant.UpstreamEndpoint;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServerRequestsTest {

  private static final AgentPrincipal AGENT = new AgentPrincipal("acme", "a-1", "bot");
  private static final McpSession ALICE = new McpSession("s-alice", AGENT, "2025-11-25");
  private static final McpSession MALLORY = new McpSession("s-mallory", AGENT, "2025-11-25");
  private static final UpstreamEndpoint EVERYTHING = upstream("everything");
  private static final UpstreamEndpoint SHOP = upstream("shop");
  private static final String ELICIT =
      "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"elicitation/create\",\"params\":{\"message\":\"?\"}}";

  private final ServerRequests requests = new ServerRequests();

  @Test
  void serverRequestGetsAnIdOfTheGatewayAndTheAnswerGoesBackUnderTheUpstreamsId() {
    JsonObject relayed = json(requests.relay(ALICE, EVERYTHING, ELICIT));
    String gatewayId = relayed.getString("id");
    assertTrue(gatewayId.startsWith("cs-sr-"), gatewayId);
    assertEquals("elicitation/create", relayed.getString("method"));

    Optional<ServerRequests.Answer> answer =
        requests.answer(ALICE, response(gatewayId, "{\"action\":\"decline\"}"));

    assertEquals(EVERYTHING, answer.orElseThrow().upstream());
    assertEquals(0, answer.get().message().getInt("id"));
    assertEquals("decline", answer.get().message().getJsonObject("result").getString("action"));
  }

  @Test
  void answerFromAnotherSessionReachesNoUpstream() {
    String gatewayId = json(requests.relay(ALICE, EVERYTHING, ELICIT)).getString("id");

    assertEquals(
        Optional.empty(),
        requests.answer(MALLORY, response(gatewayId, "{\"action\":\"accept\",\"content\":{}}")));
    // and the rightful session still can
    assertTrue(requests.answer(ALICE, response(gatewayId, "{\"action\":\"cancel\"}")).isPresent());
  }

  @Test
  void answerIsRelayedOnceAndUnknownIdsAreDropped() {
    String gatewayId = json(requests.relay(ALICE, EVERYTHING, ELICIT)).getString("id");
    assertTrue(requests.answer(ALICE, response(gatewayId, "{}")).isPresent());
    assertEquals(Optional.empty(), requests.answer(ALICE, response(gatewayId, "{}")));
    assertEquals(Optional.empty(), requests.answer(ALICE, response("cs-sr-guessed", "{}")));
  }

  @Test
  void sameUpstreamIdsFromTwoUpstreamsDoNotCollide() {
    String fromEverything = json(requests.relay(ALICE, EVERYTHING, ELICIT)).getString("id");
    String fromShop = json(requests.relay(ALICE, SHOP, ELICIT)).getString("id");
    assertNotEquals(fromEverything, fromShop);
    assertEquals(SHOP, requests.answer(ALICE, response(fromShop, "{}")).orElseThrow().upstream());
    assertEquals(
        EVERYTHING,
        requests.answer(ALICE, response(fromEverything, "{}")).orElseThrow().upstream());
  }

  @Test
  void notificationsResponsesAndNonJsonPassUnchanged() {
    String progress =
        "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"progress\":1}}";
    String result = "{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{}}";
    assertEquals(progress, requests.relay(ALICE, EVERYTHING, progress));
    assertEquals(result, requests.relay(ALICE, EVERYTHING, result));
    assertEquals("not json", requests.relay(ALICE, EVERYTHING, "not json"));
  }

  private static JsonRpcMessage.Response response(String id, String result) {
    JsonObject json =
        Jsonp.createObjectBuilder()
            .add("jsonrpc", "2.0")
            .add("id", id)
            .add("result", json(result))
            .build();
    return new JsonRpcMessage.Response(json, json.get("id"));
  }

  @Test
  void askedForRootsWhenAnUpstreamRequestedThemThenOnlyThatUpstreamOfThatSession() {
    String roots = "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"roots/list\"}";
    requests.relay(ALICE, EVERYTHING, roots);
    requests.relay(ALICE, EVERYTHING, roots);
    requests.relay(ALICE, SHOP, ELICIT);
    assertEquals(
        java.util.List.of(EVERYTHING), java.util.List.copyOf(requests.askedForRoots(ALICE)));
    assertTrue(requests.askedForRoots(MALLORY).isEmpty(), "another session's upstreams never");
    requests.forget(ALICE);
    assertTrue(requests.askedForRoots(ALICE).isEmpty(), "forgotten with the session");
  }

  private static JsonObject json(String text) {
    try (var reader = Jsonp.createReader(new StringReader(text))) {
      return reader.readObject();
    }
  }

  private static UpstreamEndpoint upstream(String name) {
    return new UpstreamEndpoint(
        "u-" + name,
        "acme",
        name,
        URI.create("http://127.0.0.1:1/mcp"),
        Map.of(),
        Duration.ofSeconds(1),
        Duration.ofSeconds(1));
  }
}
