package io.countersign.audit.log;

import io.countersign.audit.AuditEvent;
import io.countersign.verifier.merkle.MerkleHash;
import java.util.Optional;
import java.util.UUID;

/**
 * An event as the log hashes it: the RFC 8785 canonical JSON of its fields, its origin and a fresh
 * event id, with a salted commitment in place of any payload. Format version {@value #VERSION};
 * docs/audit-log.md lists the fields.
 */
record Leaf(byte[] bytes, byte[] hash, Optional<PayloadCommitment> payload) {

  static final int VERSION = 1;
  static final int MAX_REASON = 1000;

  static Leaf of(String origin, AuditEvent event) {
    Optional<PayloadCommitment> payload = event.payload().map(PayloadCommitment::of);
    CanonicalObject leaf =
        new CanonicalObject()
            .add("v", VERSION)
            .add("origin", origin)
            .add("eventId", UUID.randomUUID().toString())
            .add("time", event.occurredAt().toString())
            .add("type", event.eventType())
            .add("correlationId", event.correlationId())
            .add("actor", actor(event.actor()))
            .add("outcome", event.outcome());
    event.tool().ifPresent(tool -> leaf.add("tool", tool(tool)));
    event.decision().ifPresent(decision -> leaf.add("decision", decision));
    event.rule().ifPresent(rule -> leaf.add("rule", rule));
    event.reason().ifPresent(reason -> leaf.add("reason", bounded(reason)));
    if (event.decisionMicros().isPresent() || event.upstreamMillis().isPresent()) {
      CanonicalObject timing = new CanonicalObject();
      event.decisionMicros().ifPresent(micros -> timing.add("decisionMicros", micros));
      event.upstreamMillis().ifPresent(millis -> timing.add("upstreamMillis", millis));
      leaf.add("timing", timing);
    }
    payload.ifPresent(
        committed ->
            leaf.add(
                "payload",
                new CanonicalObject()
                    .add("kind", committed.kind())
                    .add("commitment", committed.commitmentBase64())));
    byte[] bytes = leaf.bytes();
    return new Leaf(bytes, MerkleHash.leafHash(bytes), payload);
  }

  static String bounded(String reason) {
    return reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON - 3) + "...";
  }

  private static CanonicalObject actor(AuditEvent.Actor actor) {
    CanonicalObject json =
        new CanonicalObject()
            .add("type", actor.type())
            .add("id", actor.id())
            .add("name", actor.name());
    actor.sessionId().ifPresent(session -> json.add("session", session));
    return json;
  }

  private static CanonicalObject tool(AuditEvent.ToolRef tool) {
    CanonicalObject json =
        new CanonicalObject()
            .add("name", tool.name())
            .add("argumentsSha256", tool.argumentsDigest());
    tool.upstreamName().ifPresent(upstream -> json.add("upstream", upstream));
    return json;
  }
}
