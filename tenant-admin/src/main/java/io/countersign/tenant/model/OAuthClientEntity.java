package io.countersign.tenant.model;

import io.countersign.tenant.oauth.ClientAuthMethod;
import io.countersign.tenant.oauth.ClientRegistration;
import io.countersign.tenant.oauth.DeliveryMode;
import io.countersign.tenant.oauth.OAuthGrant;
import jakarta.persistence.Access;
import jakarta.persistence.AccessType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A row of {@code oauth_client}. Clients the bundle stops declaring are disabled, not deleted (the
 * audit log and approval requests name them); the secret is stored only as its SHA-256.
 */
@Entity
@Table(name = "oauth_client")
@Access(AccessType.FIELD)
public class OAuthClientEntity {

  /** Where a client was registered: a bundle import manages only its own. */
  public static final String FROM_BUNDLE = "bundle";

  public static final String FROM_API = "api";

  @Id
  @Column(name = "id", length = 36)
  private String id;

  @Column(name = "tenant_id", nullable = false, length = 63)
  private String tenantId;

  @Column(name = "client_id", nullable = false, length = 63)
  private String clientId;

  @Column(name = "description", length = 500)
  private String description;

  @Column(name = "grant_types", nullable = false, length = 200)
  private String grantTypes;

  @Column(name = "auth_method", nullable = false, length = 40)
  private String authMethod;

  @Column(name = "secret_hash", length = 64)
  private String secretHash;

  @Column(name = "jwks")
  private String jwks;

  @Column(name = "agent_id", length = 36)
  private String agentId;

  @Column(name = "fapi", nullable = false)
  private boolean fapi;

  @Column(name = "delivery_mode", length = 10)
  private String deliveryMode;

  @Column(name = "notification_endpoint", length = 2048)
  private String notificationEndpoint;

  @Column(name = "request_signing_alg", length = 10)
  private String requestSigningAlg;

  @Column(name = "source", nullable = false, length = 10)
  private String source;

  @Column(name = "enabled", nullable = false)
  private boolean enabled;

  @Column(name = "created_at", nullable = false)
  private OffsetDateTime createdAt;

  protected OAuthClientEntity() {}

  public OAuthClientEntity(String tenantId, String clientId, String source, Instant now) {
    this.id = UUID.randomUUID().toString();
    this.tenantId = tenantId;
    this.clientId = clientId;
    this.source = source;
    this.createdAt = now.atOffset(ZoneOffset.UTC); // EclipseLink 4.0 maps OffsetDateTime
    this.enabled = true;
  }

  /**
   * Applies a registration (which also re-enables the client); {@code agentId} is the id of the
   * agent it names. True when something changed.
   */
  public boolean declare(ClientRegistration registration, Optional<String> agentId) {
    String before = fingerprint();
    boolean wasEnabled = enabled;
    description = registration.description().orElse(null);
    grantTypes =
        registration.grants().stream()
            .sorted()
            .map(OAuthGrant::word)
            .collect(Collectors.joining(" "));
    String method = registration.authMethod().word();
    if (!method.equals(authMethod)) {
      secretHash = null; // a secret issued for another method is not carried over
    }
    authMethod = method;
    jwks = registration.jwks().orElse(null);
    this.agentId = agentId.orElse(null);
    fapi = registration.fapi();
    deliveryMode = registration.deliveryMode().map(DeliveryMode::word).orElse(null);
    notificationEndpoint = registration.notificationEndpoint().map(URI::toString).orElse(null);
    requestSigningAlg = registration.requestSigningAlg().orElse(null);
    enabled = true;
    return !wasEnabled || !before.equals(fingerprint());
  }

  private String fingerprint() {
    return String.join(
        "|",
        Objects.toString(description),
        Objects.toString(grantTypes),
        Objects.toString(authMethod),
        Objects.toString(jwks),
        Objects.toString(agentId),
        Boolean.toString(fapi),
        Objects.toString(deliveryMode),
        Objects.toString(notificationEndpoint),
        Objects.toString(requestSigningAlg));
  }

  /** Hands a client the API registered over to the bundle that now declares it. */
  public void adoptIntoBundle() {
    this.source = FROM_BUNDLE;
  }

  /** Stores the SHA-256 of a newly issued secret, replacing the previous one. */
  public void secretIssued(String sha256Hex) {
    this.secretHash = sha256Hex;
  }

  /** Disables the client; true when it was enabled. */
  public boolean disable() {
    boolean was = enabled;
    enabled = false;
    return was;
  }

  public String id() {
    return id;
  }

  public String tenantId() {
    return tenantId;
  }

  public String clientId() {
    return clientId;
  }

  public Optional<String> description() {
    return Optional.ofNullable(description);
  }

  public Set<OAuthGrant> grants() {
    Set<OAuthGrant> grants = EnumSet.noneOf(OAuthGrant.class);
    Arrays.stream(grantTypes.split(" "))
        .map(OAuthGrant::parse)
        .flatMap(Optional::stream)
        .forEach(grants::add);
    return grants;
  }

  public ClientAuthMethod authMethod() {
    return ClientAuthMethod.parse(authMethod)
        .orElseThrow(() -> new IllegalStateException("stored auth method " + authMethod));
  }

  public Optional<String> secretHash() {
    return Optional.ofNullable(secretHash);
  }

  public Optional<String> jwks() {
    return Optional.ofNullable(jwks);
  }

  public Optional<String> agentId() {
    return Optional.ofNullable(agentId);
  }

  public boolean fapi() {
    return fapi;
  }

  public Optional<DeliveryMode> deliveryMode() {
    return Optional.ofNullable(deliveryMode).flatMap(DeliveryMode::parse);
  }

  public Optional<URI> notificationEndpoint() {
    return Optional.ofNullable(notificationEndpoint).map(URI::create);
  }

  public Optional<String> requestSigningAlg() {
    return Optional.ofNullable(requestSigningAlg);
  }

  public String source() {
    return source;
  }

  public boolean enabled() {
    return enabled;
  }

  public Instant createdAt() {
    return createdAt.toInstant();
  }
}
