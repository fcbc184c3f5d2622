package io.countersign.ciba.provider;

import com.nimbusds.oauth2.sdk.ErrorObject;
import io.countersign.tenant.oauth.RegisteredClient;

/** Whether the caller proved to be a registered client of the tenant. */
public sealed interface ClientCheck {

  record Authenticated(RegisteredClient client) implements ClientCheck {}

  /** {@code error} is {@code invalid_client} (401) with a description. */
  record Failed(ErrorObject error) implements ClientCheck {}
}
