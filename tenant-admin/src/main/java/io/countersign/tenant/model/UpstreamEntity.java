package io.countersign.tenant.model;

import jakarta.persistence.Access;
import jakarta.persistence.AccessType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** A row of {@code upstream}; credentials are kept sealed (see {@code SecretBox}). */
@Entity
@Table(name = "upstream")
@Access(AccessType.FIELD)
public class UpstreamEntity {

  @Id
  @Column(name = "id", length = 36)
  private String id;

  @Column(name = "tenant_id", nullable = false, length = 63)
  private String tenantId;

  @Column(name = "name", nullable = false, length = 63)
  private String name;

  @Column(name = "url", nullable = false, length = 2048)
  private String url;

  @Column(name = "credentials_sealed", length = 8192)
  private String credentialsSealed;

  @Column(name = "connect_timeout_ms", nullable = false)
  private int connectTimeoutMs;

  @Column(name = "read_timeout_ms", nullable = false)
  private int readTimeoutMs;

  protected UpstreamEntity() {}

  public UpstreamEntity(String tenantId, String name) {
    this.id = UUID.randomUUID().toString();
    this.tenantId = tenantId;
    this.name = name;
  }

  public String id() {
    return id;
  }

  public String tenantId() {
    return tenantId;
  }

  public String name() {
    return name;
  }

  public String url() {
    return url;
  }

  public Optional<String> credentialsSealed() {
    return Optional.ofNullable(credentialsSealed);
  }

  public Duration connectTimeout() {
    return Duration.ofMillis(connectTimeoutMs);
  }

  public Duration readTimeout() {
    return Duration.ofMillis(readTimeoutMs);
  }

  /** Applies the declared connection settings; true when something changed. */
  public boolean connect(String url, Duration connectTimeout, Duration readTimeout) {
    int connectMs = Math.toIntExact(connectTimeout.toMillis());
    int readMs = Math.toIntExact(readTimeout.toMillis());
    if (url.equals(this.url) && connectMs == connectTimeoutMs && readMs == readTimeoutMs) {
      return false;
    }
    this.url = url;
    this.connectTimeoutMs = connectMs;
    this.readTimeoutMs = readMs;
    return true;
  }

  /** Replaces the sealed credentials (empty: none); true when something changed. */
  public boolean sealCredentials(Optional<String> sealed) {
    if (Objects.equals(sealed.orElse(null), credentialsSealed)) {
      return false;
    }
    this.credentialsSealed = sealed.orElse(null);
    return true;
  }
}
