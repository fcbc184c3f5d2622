package io.countersign.tenant.bundle;

import io.countersign.tenant.policy.CanonicalJson;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the gateway sends an upstream to authenticate: a bearer token and/or fixed headers. Stored
 * only sealed (as {@link #toJson()} inside a {@code SecretBox}); {@link #toString()} hides values.
 */
public record UpstreamCredentials(Optional<String> bearerToken, Map<String, String> headers) {

  public UpstreamCredentials {
    headers = Map.copyOf(headers);
  }

  /** No credentials. */
  public static UpstreamCredentials none() {
    return new UpstreamCredentials(Optional.empty(), Map.of());
  }

  public boolean isEmpty() {
    return bearerToken.isEmpty() && headers.isEmpty();
  }

  /** The HTTP headers to send: {@code Authorization: Bearer <token>} plus the fixed headers. */
  public Map<String, String> toHeaders() {
    Map<String, String> all = new LinkedHashMap<>(new TreeMap<>(headers));
    bearerToken.ifPresent(token -> all.put("Authorization", "Bearer " + token));
    return all;
  }

  /** Canonical JSON, the plaintext that gets sealed: {@code {"bearerToken":..,"headers":{..}}}. */
  public String toJson() {
    JsonObjectBuilder headerObject = Json.createObjectBuilder();
    headers.forEach(headerObject::add);
    JsonObjectBuilder json = Json.createObjectBuilder().add("headers", headerObject);
    bearerToken.ifPresent(token -> json.add("bearerToken", token));
    return CanonicalJson.write(json.build());
  }

  /** Reads {@link #toJson()} back. */
  public static UpstreamCredentials fromJson(String json) {
    try (JsonReader reader = Json.createReader(new StringReader(json))) {
      JsonObject object = reader.readObject();
      Map<String, String> headers = new LinkedHashMap<>();
      JsonObject headerObject = object.getJsonObject("headers");
      if (headerObject != null) {
        headerObject.forEach((name, value) -> headers.put(name, headerObject.getString(name)));
      }
      return new UpstreamCredentials(
          Optional.ofNullable(object.getString("bearerToken", null)), headers);
    }
  }

  @Override
  public String toString() {
    return "UpstreamCredentials[bearerToken="
        + (bearerToken.isPresent() ? "(hidden)" : "none")
        + ", headers="
        + headers.keySet()
        + "]";
  }
}
