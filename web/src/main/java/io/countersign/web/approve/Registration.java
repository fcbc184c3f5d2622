package io.countersign.web.approve;

import jakarta.json.JsonObject;
import java.util.Optional;

/**
 * A passkey registration the app sends to enrol a device: the device's label, the challenge it
 * answers, the credential (WebAuthn {@code RegistrationResponseJSON}) and the push token, if any.
 */
record Registration(String label, String challenge, String credential, Optional<String> pushToken) {

  /** The body that is expected, for problems. */
  static final String EXPECTED =
      "send {\"label\", \"challenge\", \"credential\": <the passkey's registration>,"
          + " \"push_token\"?}";

  static Registration of(JsonObject json) {
    return new Registration(
        json.getString("label", ""),
        json.getString("challenge", ""),
        json.getJsonObject("credential").toString(),
        Optional.ofNullable(json.getString("push_token", null)));
  }
}
