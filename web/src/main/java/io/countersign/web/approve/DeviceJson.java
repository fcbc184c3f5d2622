package io.countersign.web.approve;

import io.countersign.ciba.device.Device;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Optional;
import java.util.UUID;

/** A device as its owner and tenant admins see it: never its key material or push token. */
public final class DeviceJson {

  private DeviceJson() {}

  public static JsonObject of(Device device) {
    JsonObjectBuilder json =
        Json.createObjectBuilder()
            .add("id", device.id().toString())
            .add("email", device.email())
            .add("label", device.label())
            .add("credential_id", device.credentialId())
            .add("push", device.hasPushToken())
            .add("created_at", device.createdAt().toString())
            .add("active", device.active());
    device.lastUsedAt().ifPresent(t -> json.add("last_used_at", t.toString()));
    device.revokedAt().ifPresent(t -> json.add("revoked_at", t.toString()));
    device.revokedBy().ifPresent(b -> json.add("revoked_by", b));
    return json.build();
  }

  static Optional<UUID> uuid(String id) {
    try {
      return Optional.of(UUID.fromString(id));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
