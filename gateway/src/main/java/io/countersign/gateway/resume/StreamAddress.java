package io.countersign.gateway.resume;

import io.countersign.gateway.jsonrpc.Jsonp;
import io.countersign.tenant.secret.SecretBox;
import io.countersign.tenant.secret.UnreadableSecretException;
import jakarta.json.JsonException;
import java.io.StringReader;
import java.util.Optional;

/**
 * Which stream an event id belongs to: the gateway node that keeps its events, the session, and the
 * stream's own random id. Sealed with the platform's key (AES-256-GCM) into the event ids, so a
 * client can neither read, alter nor forge it, and any node can tell an id of this deployment that
 * another node issued from one nobody issued.
 */
record StreamAddress(String node, String sessionId, String streamId) {

  /** Keeps a value sealed for another purpose under the same key from passing as an address. */
  static final String PURPOSE = "countersign/mcp-stream/1";

  /** Longer texts are not opened: a sealed address is about two hundred characters. */
  static final int MAX_SEALED_CHARS = 512;

  String seal(SecretBox box) {
    return box.seal(
        Jsonp.createObjectBuilder()
            .add("purpose", PURPOSE)
            .add("node", node)
            .add("session", sessionId)
            .add("stream", streamId)
            .build()
            .toString());
  }

  /** The address sealed in this text; empty when this deployment did not seal it unaltered. */
  static Optional<StreamAddress> open(SecretBox box, String sealed) {
    if (sealed.isEmpty() || sealed.length() > MAX_SEALED_CHARS) {
      return Optional.empty();
    }
    try (var reader = Jsonp.createReader(new StringReader(box.open(sealed)))) {
      var address = reader.readObject();
      if (!PURPOSE.equals(address.getString("purpose", ""))) {
        return Optional.empty();
      }
      return Optional.of(
          new StreamAddress(
              address.getString("node"),
              address.getString("session"),
              address.getString("stream")));
    } catch (UnreadableSecretException
        | JsonException
        | ClassCastException
        | NullPointerException e) {
      return Optional.empty();
    }
  }
}
