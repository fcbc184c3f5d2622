package io.countersign.ciba.store;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;

/**
 * What the provider needs to call a ping or push client back about one request: the client's {@code
 * client_notification_token}, the {@code auth_req_id} itself (the database keeps only its hash
 * otherwise) and the issuer that signs the pushed tokens. Stored sealed.
 */
public record CallbackAddress(String clientNotificationToken, String authReqId, String issuer) {

  public String toJson() {
    return Json.createObjectBuilder()
        .add("token", clientNotificationToken)
        .add("auth_req_id", authReqId)
        .add("issuer", issuer)
        .build()
        .toString();
  }

  public static CallbackAddress fromJson(String json) {
    try (var reader = Json.createReader(new StringReader(json))) {
      JsonObject o = reader.readObject();
      return new CallbackAddress(
          o.getString("token"), o.getString("auth_req_id"), o.getString("issuer"));
    }
  }
}
