package io.countersign.ciba.device;

import java.util.Objects;
import java.util.UUID;

/**
 * Where a push reaches one enrolled device.
 *
 * @param deviceId the device it belongs to
 * @param token its FCM registration token; a bearer value for our service account, never logged
 */
public record PushToken(UUID deviceId, String token) {

  public PushToken {
    Objects.requireNonNull(deviceId, "deviceId");
    Objects.requireNonNull(token, "token");
  }

  @Override
  public String toString() {
    return "PushToken[deviceId=" + deviceId + "]";
  }
}
