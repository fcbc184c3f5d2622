package io.countersign.tenant.oauth;

import io.countersign.tenant.outbound.OutboundCheck;
import io.countersign.tenant.outbound.OutboundUrlPolicy;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules every client registration satisfies, wherever it comes from. Each broken rule is one
 * {@link ClientProblem}; an empty list means the registration is valid.
 */
public final class ClientRules {

  /** Client ids are path- and log-safe. */
  public static final Pattern CLIENT_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

  /** FAPI-CIBA, section 5.2.2: PS256 or ES256 only; this provider signs with the same two. */
  public static final Set<String> SIGNING_ALGS = Set.of("ES256", "PS256");

  private static final Set<String> PRIVATE_JWK_MEMBERS = Set.of("d", "p", "q", "dp", "dq", "qi");
  private static final int MAX_JWKS_CHARACTERS = 20_000;

  private ClientRules() {}

  /**
   * @param knownAgents the names of the tenant's enabled agents
   */
  public static List<ClientProblem> problems(
      ClientRegistration client, OutboundUrlPolicy outbound, Set<String> knownAgents) {
    List<ClientProblem> problems = new ArrayList<>();
    if (!CLIENT_ID.matcher(client.clientId()).matches()) {
      problems.add(
          new ClientProblem(
              ClientField.CLIENT_ID,
              "must be 1-63 characters: a-z, 0-9, '.', '-', '_', starting with a letter or digit"));
    }
    if (client.grants().isEmpty()) {
      problems.add(
          new ClientProblem(
              ClientField.GRANT_TYPES, "name at least one grant: ciba, client_credentials"));
    }
    client.jwks().ifPresent(jwks -> jwksProblem(jwks).ifPresent(problems::add));
    authentication(client, problems);
    backchannel(client, outbound, problems);
    agent(client, knownAgents, problems);
    fapi(client, problems);
    return problems;
  }

  private static void authentication(ClientRegistration client, List<ClientProblem> problems) {
    if (client.authMethod() == ClientAuthMethod.PRIVATE_KEY_JWT && client.jwks().isEmpty()) {
      problems.add(
          new ClientProblem(
              ClientField.JWKS, "private_key_jwt needs the client's public keys (jwks)"));
    }
  }

  private static void backchannel(
      ClientRegistration client, OutboundUrlPolicy outbound, List<ClientProblem> problems) {
    boolean ciba = client.grants().contains(OAuthGrant.CIBA);
    if (!ciba) {
      if (client.deliveryMode().isPresent()
          || client.notificationEndpoint().isPresent()
          || client.requestSigningAlg().isPresent()) {
        problems.add(
            new ClientProblem(
                ClientField.DELIVERY_MODE, "backchannel settings need the ciba grant"));
      }
      return;
    }
    if (client.deliveryMode().isEmpty()) {
      problems.add(
          new ClientProblem(ClientField.DELIVERY_MODE, "the ciba grant needs poll, ping or push"));
    }
    boolean notifies = client.deliveryMode().map(DeliveryMode::notifies).orElse(false);
    if (notifies && client.notificationEndpoint().isEmpty()) {
      // CIBA Core 1.0, section 4: "REQUIRED if the token delivery mode is set to ping or push"
      problems.add(
          new ClientProblem(
              ClientField.NOTIFICATION_ENDPOINT,
              client.deliveryMode().get().word() + " mode needs a notification endpoint"));
    }
    if (!notifies && client.notificationEndpoint().isPresent()) {
      problems.add(
          new ClientProblem(
              ClientField.NOTIFICATION_ENDPOINT,
              "only ping and push clients have a notification endpoint"));
    }
    client
        .notificationEndpoint()
        .ifPresent(
            url -> {
              if (outbound.checkUrl(url) instanceof OutboundCheck.Refused refused) {
                problems.add(
                    new ClientProblem(ClientField.NOTIFICATION_ENDPOINT, refused.reason()));
              } else if (!"https".equalsIgnoreCase(url.getScheme())
                  && !outbound.allowsPrivateNetworks()) {
                // CIBA Core 1.0, section 4: "This URL MUST use the https scheme."
                problems.add(
                    new ClientProblem(ClientField.NOTIFICATION_ENDPOINT, "must use https"));
              }
            });
    client
        .requestSigningAlg()
        .ifPresent(
            alg -> {
              if (!SIGNING_ALGS.contains(alg)) {
                problems.add(
                    new ClientProblem(
                        ClientField.SIGNING_ALG, "must be ES256 or PS256, not '" + alg + "'"));
              } else if (client.jwks().isEmpty()) {
                problems.add(
                    new ClientProblem(
                        ClientField.JWKS, "signed requests need the client's public keys (jwks)"));
              }
            });
    if (client.userCode()) {
      problems.add(
          new ClientProblem(
              ClientField.USER_CODE,
              "this provider does not support user codes"
                  + " (backchannel_user_code_parameter_supported is false)"));
    }
  }

  private static void agent(
      ClientRegistration client, Set<String> knownAgents, List<ClientProblem> problems) {
    boolean credentials = client.grants().contains(OAuthGrant.CLIENT_CREDENTIALS);
    if (credentials && client.agent().isEmpty()) {
      problems.add(
          new ClientProblem(
              ClientField.AGENT, "the client_credentials grant needs the agent it stands for"));
    }
    if (!credentials && client.agent().isPresent()) {
      problems.add(
          new ClientProblem(
              ClientField.AGENT, "only client_credentials clients stand for an agent"));
    }
    client
        .agent()
        .filter(name -> !knownAgents.contains(name))
        .ifPresent(
            name ->
                problems.add(
                    new ClientProblem(ClientField.AGENT, "no enabled agent named '" + name + "'")));
  }

  private static void fapi(ClientRegistration client, List<ClientProblem> problems) {
    if (!client.fapi()) {
      return;
    }
    // FAPI-CIBA, section 5.2.2: confidential clients with private_key_jwt (or mTLS), signed
    // authentication requests, and no push mode.
    if (client.authMethod() != ClientAuthMethod.PRIVATE_KEY_JWT) {
      problems.add(
          new ClientProblem(ClientField.AUTHENTICATION, "a FAPI-CIBA client uses private_key_jwt"));
    }
    if (client.requestSigningAlg().isEmpty()) {
      problems.add(
          new ClientProblem(ClientField.SIGNING_ALG, "a FAPI-CIBA client signs its requests"));
    }
    if (client.deliveryMode().filter(m -> m == DeliveryMode.PUSH).isPresent()) {
      problems.add(
          new ClientProblem(ClientField.DELIVERY_MODE, "FAPI-CIBA does not allow push mode"));
    }
  }

  private static java.util.Optional<ClientProblem> jwksProblem(String jwks) {
    if (jwks.length() > MAX_JWKS_CHARACTERS) {
      return problem("is longer than " + MAX_JWKS_CHARACTERS + " characters");
    }
    JsonObject set;
    try (var reader = Json.createReader(new StringReader(jwks))) {
      set = reader.readObject();
    } catch (JsonException | IllegalStateException e) {
      return problem("is not a JSON object (a JWK set: {\"keys\": [...]})");
    }
    JsonValue keys = set.get("keys");
    if (keys == null
        || keys.getValueType() != JsonValue.ValueType.ARRAY
        || keys.asJsonArray().isEmpty()) {
      return problem("needs a non-empty \"keys\" array (RFC 7517, section 5)");
    }
    for (JsonValue key : keys.asJsonArray()) {
      if (key.getValueType() != JsonValue.ValueType.OBJECT
          || !key.asJsonObject().containsKey("kty")) {
        return problem("every key is an object with \"kty\" (RFC 7517, section 4.1)");
      }
      if (key.asJsonObject().keySet().stream().anyMatch(PRIVATE_JWK_MEMBERS::contains)) {
        return problem("holds a private key: register only the public keys");
      }
    }
    return java.util.Optional.empty();
  }

  private static java.util.Optional<ClientProblem> problem(String message) {
    return java.util.Optional.of(new ClientProblem(ClientField.JWKS, message));
  }
}
