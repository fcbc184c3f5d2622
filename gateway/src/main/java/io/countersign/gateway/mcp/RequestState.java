package io.countersign.gateway.mcp;

import io.countersign.gateway.jsonrpc.Jsonp;
import io.countersign.tenant.secret.SecretBox;
import io.countersign.tenant.secret.UnreadableSecretException;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import java.util.Optional;

/**
 * The {@code requestState} of an input-required result (MCP 2026-07-28, "Multi Round-Trip
 * Requests"): which request awaiting input the client's retry continues, for which agent of which
 * tenant, for which method, name (tool, prompt or resource URI) and arguments, and until when
 * ("Server Requirements": the principal, a short expiry, "the method name and a digest of its
 * salient parameters"). The client must echo it unchanged; it is sealed with the platform's key
 * (AES-256-GCM), so the client can neither read nor alter nor forge it, and any node of the
 * deployment can open it. When the input was required by a 2026-07-28 upstream, the state wraps
 * that upstream's own {@code requestState} ({@code upstreamState}), which the upstream gets back
 * with the retry and the client never sees.
 */
record RequestState(
    String awaitingId,
    String tenantId,
    String agentId,
    String method,
    String name,
    String argumentsDigest,
    Instant expiresAt,
    Optional<String> upstreamState) {

  /**
   * Keeps a value sealed for another purpose under the same key from passing as a state (and a
   * state of the first format, which named no method, from passing as one that does).
   */
  static final String PURPOSE = "countersign/mcp-request-state/2";

  /**
   * Longer texts are not opened: a state the gateway sealed is a few hundred characters, plus the
   * upstream's state it wraps.
   */
  static final int MAX_SEALED_CHARS = 65_536;

  /** The longest upstream state the gateway wraps (its sealed form stays under the limit). */
  static final int MAX_UPSTREAM_STATE_CHARS = 32_768;

  /** A state of the gateway's own for a {@code tools/call}, wrapping no upstream's. */
  static RequestState ofToolCall(
      String awaitingId,
      String tenantId,
      String agentId,
      String tool,
      String argumentsDigest,
      Instant expiresAt) {
    return new RequestState(
        awaitingId,
        tenantId,
        agentId,
        "tools/call",
        tool,
        argumentsDigest,
        expiresAt,
        Optional.empty());
  }

  String seal(SecretBox box) {
    var state =
        Jsonp.createObjectBuilder()
            .add("purpose", PURPOSE)
            .add("awaiting", awaitingId)
            .add("tenant", tenantId)
            .add("agent", agentId)
            .add("method", method)
            .add("name", name)
            .add("arguments", argumentsDigest)
            .add("expires", expiresAt.getEpochSecond());
    upstreamState.ifPresent(upstream -> state.add("upstream", upstream));
    return box.seal(state.build().toString());
  }

  /** The state sealed in this text; empty when it is not one this deployment sealed unaltered. */
  static Optional<RequestState> open(SecretBox box, String sealed) {
    if (sealed.isEmpty() || sealed.length() > MAX_SEALED_CHARS) {
      return Optional.empty();
    }
    try (var reader = Jsonp.createReader(new StringReader(box.open(sealed)))) {
      JsonObject state = reader.readObject();
      if (!PURPOSE.equals(state.getString("purpose", ""))) {
        return Optional.empty();
      }
      return Optional.of(
          new RequestState(
              state.getString("awaiting"),
              state.getString("tenant"),
              state.getString("agent"),
              state.getString("method"),
              state.getString("name"),
              state.getString("arguments"),
              Instant.ofEpochSecond(state.getJsonNumber("expires").longValueExact()),
              Optional.ofNullable(state.getString("upstream", null))));
    } catch (UnreadableSecretException
        | JsonException
        | ClassCastException
        | NullPointerException
        | ArithmeticException e) {
      return Optional.empty();
    }
  }

  /** Whether a retry repeats the request the state was sealed for. */
  boolean sealedFor(String method, String name, String argumentsDigest) {
    return this.method.equals(method)
        && this.name.equals(name)
        && this.argumentsDigest.equals(argumentsDigest);
  }

  /** Whether the retry comes from the agent the state was sealed for. */
  boolean heldBy(io.countersign.tenant.AgentPrincipal agent) {
    return tenantId.equals(agent.tenantId()) && agentId.equals(agent.agentId());
  }
}
