package io.countersign.tenant.bundle;

import io.countersign.tenant.oauth.ClientAuthMethod;
import io.countersign.tenant.oauth.ClientField;
import io.countersign.tenant.oauth.ClientProblem;
import io.countersign.tenant.oauth.ClientRegistration;
import io.countersign.tenant.oauth.ClientRules;
import io.countersign.tenant.oauth.DeliveryMode;
import io.countersign.tenant.oauth.OAuthGrant;
import io.countersign.tenant.outbound.OutboundUrlPolicy;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads {@code oauthClients:}: the clients of the tenant's OpenID provider. Secrets are never in a
 * bundle: they are issued through the REST API and shown once. {@link ClientRules} judges each
 * client; its problems are reported at the field they concern.
 */
final class OAuthClientSection {

  private static final Set<String> FIELDS =
      Set.of(
          "clientId",
          "description",
          "grantTypes",
          "authentication",
          "jwks",
          "agent",
          "fapi",
          "backchannel");
  private static final Set<String> BACKCHANNEL_FIELDS =
      Set.of("deliveryMode", "notificationEndpoint", "requestSigningAlg", "userCode");

  private final BundleReader reader;
  private final OutboundUrlPolicy outbound;

  OAuthClientSection(BundleReader reader, OutboundUrlPolicy outbound) {
    this.reader = reader;
    this.outbound = outbound;
  }

  List<ClientRegistration> read(YamlMap bundle, List<AgentDeclaration> agents) {
    Set<String> agentNames =
        agents.stream().map(AgentDeclaration::name).collect(Collectors.toSet());
    Set<String> ids = new HashSet<>();
    List<ClientRegistration> clients = new java.util.ArrayList<>();
    for (YamlMap client : bundle.maps("oauthClients", FIELDS)) {
      read(client, agentNames).filter(c -> unique(c, client, ids)).ifPresent(clients::add);
    }
    return clients;
  }

  private Optional<ClientRegistration> read(YamlMap client, Set<String> agentNames) {
    Map<ClientField, Node> at = new EnumMap<>(ClientField.class);
    int before = reader.problems().size();
    Optional<Located<String>> clientId = client.requiredText("clientId");
    clientId.ifPresent(id -> at.put(ClientField.CLIENT_ID, id.node()));
    Optional<String> description = client.optionalText("description", 500);
    Set<OAuthGrant> grants = EnumSet.noneOf(OAuthGrant.class);
    client.required("grantTypes").ifPresent(node -> at.put(ClientField.GRANT_TYPES, node));
    for (Located<String> word : client.texts("grantTypes")) {
      OAuthGrant.parse(word.value())
          .ifPresentOrElse(
              grants::add,
              () ->
                  reader.problem(
                      word.path(),
                      word.node(),
                      "unknown grant '" + word.value() + "'; expected ciba or client_credentials"));
    }
    Optional<ClientAuthMethod> method =
        client
            .requiredText("authentication")
            .flatMap(
                text -> {
                  at.put(ClientField.AUTHENTICATION, text.node());
                  return parsed(
                      text,
                      ClientAuthMethod.parse(text.value()),
                      "client_secret_basic, client_secret_post or private_key_jwt");
                });
    Optional<String> jwks = located(client, "jwks", ClientField.JWKS, at).map(Located::value);
    Optional<String> agent = located(client, "agent", ClientField.AGENT, at).map(Located::value);
    boolean fapi = client.bool("fapi").orElse(false);
    client.value("fapi").ifPresent(node -> at.put(ClientField.FAPI, node));
    Optional<YamlMap> backchannel = client.map("backchannel", BACKCHANNEL_FIELDS);
    Optional<DeliveryMode> mode =
        backchannel
            .flatMap(b -> located(b, "deliveryMode", ClientField.DELIVERY_MODE, at))
            .flatMap(text -> parsed(text, DeliveryMode.parse(text.value()), "poll, ping or push"));
    Optional<URI> endpoint =
        backchannel
            .flatMap(b -> located(b, "notificationEndpoint", ClientField.NOTIFICATION_ENDPOINT, at))
            .flatMap(this::uri);
    Optional<String> alg =
        backchannel
            .flatMap(b -> located(b, "requestSigningAlg", ClientField.SIGNING_ALG, at))
            .map(Located::value);
    boolean userCode = backchannel.flatMap(b -> b.bool("userCode")).orElse(false);
    backchannel.flatMap(b -> b.value("userCode")).ifPresent(n -> at.put(ClientField.USER_CODE, n));
    if (clientId.isEmpty() || method.isEmpty() || reader.problems().size() > before) {
      return Optional.empty();
    }
    ClientRegistration registration =
        new ClientRegistration(
            clientId.get().value(),
            description,
            grants,
            method.get(),
            jwks,
            agent,
            fapi,
            mode,
            endpoint,
            alg,
            userCode);
    List<ClientProblem> problems = ClientRules.problems(registration, outbound, agentNames);
    for (ClientProblem problem : problems) {
      Node node = at.getOrDefault(problem.field(), client.node());
      reader.problem(
          YamlMap.join(client.path(), problem.field().bundleName()), node, problem.message());
    }
    return problems.isEmpty() ? Optional.of(registration) : Optional.empty();
  }

  private static Optional<Located<String>> located(
      YamlMap map, String key, ClientField field, Map<ClientField, Node> at) {
    Optional<Located<String>> text = map.optionalText(key);
    text.ifPresent(t -> at.put(field, t.node()));
    return text;
  }

  private <T> Optional<T> parsed(Located<String> text, Optional<T> value, String expected) {
    if (value.isEmpty()) {
      reader.problem(text.path(), text.node(), "'" + text.value() + "' is not one of " + expected);
    }
    return value;
  }

  private Optional<URI> uri(Located<String> text) {
    try {
      return Optional.of(new URI(text.value()));
    } catch (URISyntaxException e) {
      reader.problem(text.path(), text.node(), "'" + text.value() + "' is not a URL");
      return Optional.empty();
    }
  }

  private boolean unique(ClientRegistration client, YamlMap map, Set<String> ids) {
    if (ids.add(client.clientId())) {
      return true;
    }
    reader.problem(
        map.path("clientId"), map.node(), "duplicate client '" + client.clientId() + "'");
    return false;
  }
}
