package io.countersign.gateway.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.tenant.AgentPrincipal;
import io.countersign.tenant.secret.SecretBox;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class RequestStateTest {

  private static final SecretBox BOX = SecretBox.withKey(SecretBox.newKey());
  private static final RequestState STATE =
      RequestState.ofToolCall(
          "awaiting-1",
          "acme",
          "agent-7",
          "everything__trigger-elicitation-request",
          "sha256:abc",
          Instant.ofEpochSecond(1_900_000_000L));

  @Test
  void aSealedStateOpensToItselfAndReadsAsNothing() {
    String sealed = STATE.seal(BOX);
    assertEquals(STATE, RequestState.open(BOX, sealed).orElseThrow());
    assertFalse(sealed.contains("acme") || sealed.contains("agent-7"), "opaque: " + sealed);
    assertNotEquals(sealed, STATE.seal(BOX), "a fresh nonce per seal");
  }

  @Test
  void anAlteredOrForeignStateDoesNotOpen() {
    String sealed = STATE.seal(BOX);
    byte[] bytes = Base64.getUrlDecoder().decode(sealed);
    bytes[bytes.length / 2] ^= 1;
    String flipped = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    assertTrue(RequestState.open(BOX, flipped).isEmpty(), "one bit flipped");
    assertTrue(RequestState.open(SecretBox.withKey(SecretBox.newKey()), sealed).isEmpty());
    assertTrue(RequestState.open(BOX, "not base64 !").isEmpty());
    assertTrue(RequestState.open(BOX, "").isEmpty());
    assertTrue(RequestState.open(BOX, "A".repeat(RequestState.MAX_SEALED_CHARS + 1)).isEmpty());
  }

  @Test
  void aValueSealedForAnotherPurposeUnderTheSameKeyIsNoState() {
    assertTrue(RequestState.open(BOX, BOX.seal("an upstream's bearer token")).isEmpty());
    assertTrue(
        RequestState.open(BOX, BOX.seal("{\"purpose\":\"other\",\"awaiting\":\"a\"}")).isEmpty());
    assertTrue(
        RequestState.open(BOX, BOX.seal("{\"purpose\":\"" + RequestState.PURPOSE + "\"}"))
            .isEmpty());
  }

  @Test
  void sealedForWhenARetryNamesAnotherMethodNameOrArgumentsThenNot() {
    assertTrue(
        STATE.sealedFor("tools/call", "everything__trigger-elicitation-request", "sha256:abc"));
    assertFalse(
        STATE.sealedFor("prompts/get", "everything__trigger-elicitation-request", "sha256:abc"),
        "a tool call's state replayed on a prompt of the same name");
    assertFalse(STATE.sealedFor("tools/call", "everything__other", "sha256:abc"));
    assertFalse(
        STATE.sealedFor("tools/call", "everything__trigger-elicitation-request", "sha256:def"));
  }

  @Test
  void openWhenTheStateIsOfTheFirstFormatWithoutAMethodThenNothing() {
    String first =
        "{\"purpose\":\"countersign/mcp-request-state/1\",\"awaiting\":\"a\",\"tenant\":\"acme\","
            + "\"agent\":\"agent-7\",\"tool\":\"t\",\"arguments\":\"d\",\"expires\":1900000000}";
    assertTrue(RequestState.open(BOX, BOX.seal(first)).isEmpty());
  }

  @Test
  void onlyTheAgentItWasIssuedToHoldsIt() {
    assertTrue(STATE.heldBy(new AgentPrincipal("acme", "agent-7", "a")));
    assertFalse(STATE.heldBy(new AgentPrincipal("acme", "agent-8", "b")));
    assertFalse(STATE.heldBy(new AgentPrincipal("other", "agent-7", "a")));
  }

  @Test
  void sealWhenItWrapsAnUpstreamsStateThenOnlyTheGatewayCanReadIt() {
    var wrapping =
        new RequestState(
            "cs-round-1",
            "acme",
            "agent-7",
            "tools/call",
            "modern__ask_name",
            "sha256:abc",
            Instant.ofEpochSecond(1_900_000_000L),
            java.util.Optional.of("ask_name:upstream-secret-state"));
    String sealed = wrapping.seal(BOX);
    assertFalse(sealed.contains("upstream-secret-state"), "opaque: " + sealed);
    RequestState opened = RequestState.open(BOX, sealed).orElseThrow();
    assertEquals(wrapping, opened);
    assertEquals("ask_name:upstream-secret-state", opened.upstreamState().orElseThrow());
    assertTrue(RequestState.open(BOX, STATE.seal(BOX)).orElseThrow().upstreamState().isEmpty());
  }

  @Test
  void sealWhenTheUpstreamsStateIsAsLongAsTheGatewayCarriesThenItStillOpens() {
    var largest =
        new RequestState(
            "cs-round-2",
            "acme",
            "agent-7",
            "prompts/get",
            "t",
            "d",
            Instant.ofEpochSecond(1_900_000_000L),
            java.util.Optional.of("x".repeat(RequestState.MAX_UPSTREAM_STATE_CHARS)));
    assertEquals(largest, RequestState.open(BOX, largest.seal(BOX)).orElseThrow());
  }
}
