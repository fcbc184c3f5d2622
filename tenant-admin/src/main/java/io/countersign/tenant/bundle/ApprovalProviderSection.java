package io.countersign.tenant.bundle;

import io.countersign.tenant.approval.ExternalProvider;
import io.countersign.tenant.oauth.DeliveryMode;
import io.countersign.tenant.outbound.OutboundUrlPolicy;
import java.net.URI;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code tenant.approvalProvider: {issuer, clientId, clientSecret, deliveryMode}}: the
 * external CIBA provider that asks this tenant's approvers instead of the built-in one.
 */
final class ApprovalProviderSection {

  static final String FIELD = "approvalProvider";

  private static final Set<String> FIELDS =
      Set.of("issuer", "clientId", "clientSecret", "deliveryMode");

  private static final int MAX_CLIENT_ID = 255;

  /** Sealed, a secret must fit {@code tenant_approval_provider.secret_sealed}. */
  private static final int MAX_CLIENT_SECRET = 512;

  private final YamlMap tenant;
  private final OutboundUrlPolicy outbound;

  private ApprovalProviderSection(YamlMap tenant, OutboundUrlPolicy outbound) {
    this.tenant = tenant;
    this.outbound = outbound;
  }

  /** The declared provider; empty when absent or when a problem was reported. */
  static Optional<ExternalProvider> read(YamlMap tenant, OutboundUrlPolicy outbound) {
    return tenant
        .map(FIELD, FIELDS)
        .flatMap(provider -> new ApprovalProviderSection(tenant, outbound).declared(provider));
  }

  private Optional<ExternalProvider> declared(YamlMap provider) {
    Optional<URI> issuer = provider.requiredText("issuer").flatMap(this::issuer);
    Optional<String> clientId =
        provider
            .requiredText("clientId")
            .filter(id -> printable(id, "a client id") && provider.fits(id, MAX_CLIENT_ID))
            .map(Located::value);
    Optional<String> clientSecret =
        provider
            .requiredText("clientSecret")
            .filter(
                secret ->
                    printable(secret, "a client secret") && fitsHidden(secret, MAX_CLIENT_SECRET))
            .map(Located::value);
    Optional<DeliveryMode> deliveryMode = deliveryMode(provider);
    if (issuer.isEmpty()
        || clientId.isEmpty()
        || clientSecret.isEmpty()
        || deliveryMode.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new ExternalProvider(issuer.get(), clientId.get(), clientSecret.get(), deliveryMode.get()));
  }

  /**
   * The issuer identifier (OpenID Connect Discovery 1.0, section 2; RFC 8414, section 2): "a case
   * sensitive URL using the https scheme that contains scheme, host, and optionally, port number
   * and path components and no query or fragment components". Plain http only where the platform
   * allows private networks (development, tests); the host passes the outbound URL policy (SSRF).
   */
  private Optional<URI> issuer(Located<String> text) {
    return OutboundUrlField.read(
        text,
        tenant.reader(),
        outbound,
        "an issuer is an https URL",
        url ->
            url.getRawQuery() != null || url.getRawFragment() != null
                ? Optional.of("must not have a query (?...) or a fragment (#...)")
                : Optional.empty());
  }

  /** {@code ping} (default) or {@code poll}; push is refused: the gateway redeems itself. */
  private Optional<DeliveryMode> deliveryMode(YamlMap provider) {
    Optional<Located<String>> word = provider.optionalText("deliveryMode");
    if (word.isEmpty()) {
      return provider.has("deliveryMode") ? Optional.empty() : Optional.of(DeliveryMode.PING);
    }
    Optional<DeliveryMode> mode =
        DeliveryMode.parse(word.get().value()).filter(m -> m != DeliveryMode.PUSH);
    if (mode.isEmpty()) {
      tenant
          .reader()
          .problem(
              word.get().path(),
              word.get().node(),
              "'"
                  + word.get().value()
                  + "' is not a delivery mode the gateway uses; expected one of ping, poll"
                  + (word.get().value().equals("push")
                      ? " (in push mode the provider would send the token itself; the gateway"
                          + " redeems each approval at the token endpoint)"
                      : ""));
    }
    return mode;
  }

  private boolean printable(Located<String> text, String what) {
    return HiddenText.printable(
        text, tenant.reader(), what, "only printable ASCII characters (RFC 6749, appendix A)");
  }

  private boolean fitsHidden(Located<String> text, int maxLength) {
    return HiddenText.fits(text, tenant.reader(), maxLength);
  }
}
