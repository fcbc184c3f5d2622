package io.countersign.tenant.bundle;

import io.countersign.tenant.MemberRole;
import io.countersign.tenant.oauth.ClientRegistration;
import io.countersign.tenant.oauth.DeliveryMode;
import io.countersign.tenant.oauth.OAuthGrant;
import io.countersign.tenant.policy.CanonicalJson;
import io.countersign.tenant.policy.PolicyDocument;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.net.URI;

/**
 * The digest recorded in {@code tenant.bundle_digest}: SHA-256 of the bundle's canonical JSON.
 * Credential values, the approval provider's client secret and the webhook's secret are left out
 * (only header names count), so the digest of a bundle reveals nothing about its secrets; a changed
 * secret is detected by comparing the sealed values instead.
 */
final class BundleDigest {

  private BundleDigest() {}

  static String of(TenantBundle bundle) {
    JsonArrayBuilder upstreams = Json.createArrayBuilder();
    bundle
        .upstreams()
        .forEach(
            u ->
                upstreams.add(
                    Json.createObjectBuilder()
                        .add("name", u.name())
                        .add("url", u.url().toString())
                        .add("credentialHeaders", strings(u.credentials().toHeaders().keySet()))
                        .add("connect", u.connectTimeout().toString())
                        .add("read", u.readTimeout().toString())));
    JsonArrayBuilder agents = Json.createArrayBuilder();
    bundle
        .agents()
        .forEach(
            a ->
                agents.add(
                    Json.createObjectBuilder()
                        .add("name", a.name())
                        .add("description", a.description().orElse(""))));
    JsonArrayBuilder members = Json.createArrayBuilder();
    bundle
        .members()
        .forEach(
            m ->
                members.add(
                    Json.createObjectBuilder()
                        .add("email", m.email())
                        .add("displayName", m.displayName())
                        .add(
                            "roles",
                            strings(m.roles().stream().map(MemberRole::word).sorted().toList()))));
    JsonArrayBuilder groups = Json.createArrayBuilder();
    bundle
        .approverGroups()
        .forEach(
            g ->
                groups.add(
                    Json.createObjectBuilder()
                        .add("name", g.name())
                        .add("description", g.description().orElse(""))
                        .add("members", strings(g.members()))));
    JsonArrayBuilder clients = Json.createArrayBuilder();
    bundle.oauthClients().forEach(c -> clients.add(client(c)));
    JsonObjectBuilder tenant =
        Json.createObjectBuilder()
            .add("id", bundle.tenant().id())
            .add("displayName", bundle.tenant().displayName())
            .add("demo", bundle.tenant().demo())
            .add(
                "approvalExpiry",
                Json.createObjectBuilder()
                    .add(
                        "default",
                        bundle
                            .tenant()
                            .approvalExpiry()
                            .defaultExpiry()
                            .map(Object::toString)
                            .orElse(""))
                    .add(
                        "max",
                        bundle
                            .tenant()
                            .approvalExpiry()
                            .maxExpiry()
                            .map(Object::toString)
                            .orElse("")));
    // only when declared, so that the digests of bundles without one stay as they were
    bundle
        .tenant()
        .approvalProvider()
        .ifPresent(
            p ->
                tenant.add(
                    "approvalProvider",
                    Json.createObjectBuilder()
                        .add("issuer", p.issuer().toString())
                        .add("clientId", p.clientId())
                        .add("deliveryMode", p.deliveryMode().word())));
    bundle
        .tenant()
        .webhook()
        .ifPresent(
            w ->
                tenant.add(
                    "notifications",
                    Json.createObjectBuilder()
                        .add(
                            "webhook", Json.createObjectBuilder().add("url", w.url().toString()))));
    if (!bundle.tenant().approverSignIn().isDefault()) {
      tenant.add(
          "approvers",
          Json.createObjectBuilder()
              .add("passwordSignIn", bundle.tenant().approverSignIn().password())
              .add("deviceBoundVotes", bundle.tenant().approverSignIn().deviceBoundVotes()));
    }
    JsonObjectBuilder document =
        Json.createObjectBuilder()
            .add("tenant", tenant)
            .add("upstreams", upstreams)
            .add("agents", agents)
            .add("members", members)
            .add("approverGroups", groups)
            .add("policyDigest", PolicyDocument.of(bundle.policy()).digest())
            .add("oauthClients", clients);
    return CanonicalJson.digest(CanonicalJson.write(document.build()));
  }

  private static JsonObjectBuilder client(ClientRegistration c) {
    JsonObjectBuilder client =
        Json.createObjectBuilder()
            .add("clientId", c.clientId())
            .add("description", c.description().orElse(""))
            .add("grants", strings(c.grants().stream().map(OAuthGrant::word).sorted().toList()))
            .add("authentication", c.authMethod().word())
            .add("jwks", c.jwks().orElse(""))
            .add("agent", c.agent().orElse(""))
            .add("fapi", c.fapi())
            .add("deliveryMode", c.deliveryMode().map(DeliveryMode::word).orElse(""))
            .add("notificationEndpoint", c.notificationEndpoint().map(URI::toString).orElse(""))
            .add("requestSigningAlg", c.requestSigningAlg().orElse(""))
            .add("userCode", c.userCode());
    return client;
  }

  private static JsonArrayBuilder strings(Iterable<String> values) {
    JsonArrayBuilder array = Json.createArrayBuilder();
    values.forEach(array::add);
    return array;
  }
}
