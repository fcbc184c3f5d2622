package io.countersign.audit.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.audit.AuditEvent;
import io.countersign.audit.AuditPayload;
import io.countersign.verifier.merkle.MerkleHash;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LeafTest {

  private static AuditEvent event(Optional<AuditPayload> payload) {
    return new AuditEvent(
        "acme",
        Instant.parse("2026-11-21T10:15:30.123Z"),
        AuditEvent.TOOL_CALL_DECISION,
        "call-1",
        AuditEvent.Actor.agent("a-1", "billing-bot", Optional.of("s-1")),
        Optional.of(new AuditEvent.ToolRef("db", "delete_orders", "ab12")),
        Optional.of("deny"),
        Optional.of("no-deletes"),
        Optional.of("needs \"a\" ticket\n"),
        "denied",
        Optional.of(42L),
        Optional.empty(),
        payload);
  }

  @Test
  void ofWhenEventThenCanonicalJsonWithEveryFieldAndHashOfExactBytes() {
    Leaf leaf = Leaf.of("countersign/audit/acme", event(Optional.empty()));
    String json = new String(leaf.bytes(), StandardCharsets.UTF_8);
    assertTrue(json.startsWith("{\"actor\":{\"id\":\"a-1\",\"name\":\"billing-bot\""), json);
    assertTrue(json.contains("\"origin\":\"countersign/audit/acme\""), json);
    assertTrue(json.contains("\"time\":\"2026-11-21T10:15:30.123Z\""), json);
    assertTrue(json.contains("\"reason\":\"needs \\\"a\\\" ticket\\n\""), json);
    assertTrue(json.contains("\"timing\":{\"decisionMicros\":42}"), json);
    assertTrue(json.contains("\"tool\":{\"argumentsSha256\":\"ab12\",\"name\":\"delete_orders\""));
    assertTrue(json.endsWith("\"v\":1}"), json);
    assertFalse(json.contains("\n"), "canonical JSON has no raw newline");
    assertArrayEquals(MerkleHash.leafHash(leaf.bytes()), leaf.hash());
    assertArrayEquals(Canonical.bytes(json), leaf.bytes(), "already canonical");
  }

  @Test
  void ofWhenTwoEqualEventsThenDistinctEventIdsAndLeaves() {
    assertNotEquals(
        Base64.getEncoder().encodeToString(Leaf.of("o", event(Optional.empty())).hash()),
        Base64.getEncoder().encodeToString(Leaf.of("o", event(Optional.empty())).hash()));
  }

  @Test
  void ofWhenPayloadThenLeafHoldsOnlySaltedCommitmentThatTheStoredPayloadOpens() {
    String secret = "{\"email\":\"alice@example.com\",\"limit\":5}";
    Leaf leaf = Leaf.of("o", event(Optional.of(AuditPayload.arguments(secret))));
    String json = new String(leaf.bytes(), StandardCharsets.UTF_8);
    assertFalse(json.contains("alice"), "no personal data in the leaf");
    PayloadCommitment payload = leaf.payload().orElseThrow();
    assertTrue(json.contains("\"payload\":{\"commitment\":\"" + payload.commitmentBase64()));
    assertArrayEquals(
        payload.commitment(), PayloadCommitment.commit(payload.salt(), payload.payload()));
    assertEquals(
        "{\"email\":\"alice@example.com\",\"limit\":5}",
        new String(payload.payload(), StandardCharsets.UTF_8));
    PayloadCommitment again = PayloadCommitment.of(AuditPayload.arguments(secret));
    assertFalse(
        java.util.Arrays.equals(payload.commitment(), again.commitment()),
        "salted: equal payloads, different commitments");
  }

  @Test
  void ofWhenPayloadTooLargeThenStandInWithSizeAndDigest() {
    String big = "{\"blob\":\"" + "x".repeat(PayloadCommitment.MAX_STORED_BYTES) + "\"}";
    PayloadCommitment payload = PayloadCommitment.of(AuditPayload.result(big));
    String stored = new String(payload.payload(), StandardCharsets.UTF_8);
    assertTrue(stored.startsWith("{\"bytes\":" + (big.length())), stored);
    assertTrue(stored.contains("\"sha256\":\""), stored);
  }
}
