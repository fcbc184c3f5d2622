package io.countersign.tenant.oauth;

import java.util.Arrays;
import java.util.Optional;

/** {@code token_endpoint_auth_method} values this provider accepts (OIDC Core 1.0, section 9). */
public enum ClientAuthMethod {
  CLIENT_SECRET_BASIC("client_secret_basic"),
  CLIENT_SECRET_POST("client_secret_post"),
  PRIVATE_KEY_JWT("private_key_jwt");

  private final String word;

  ClientAuthMethod(String word) {
    this.word = word;
  }

  public String word() {
    return word;
  }

  /** Whether the client proves itself with a shared secret the provider issues. */
  public boolean usesSecret() {
    return this != PRIVATE_KEY_JWT;
  }

  public static Optional<ClientAuthMethod> parse(String text) {
    return Arrays.stream(values()).filter(m -> m.word.equals(text)).findFirst();
  }
}
