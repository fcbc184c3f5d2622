package io.countersign.ciba.device;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * An enrolled device as its owner and tenant admins see it (no key material, no push token).
 *
 * @param id the device's id
 * @param tenantId its tenant
 * @param memberId the approver it belongs to
 * @param email that approver's email
 * @param label the approver's name for it
 * @param credentialId the passkey's credential id, base64url
 * @param publicKeyCose the passkey's public key (COSE), base64url
 * @param hasPushToken whether pushes can reach it
 * @param createdAt when it was enrolled
 * @param lastUsedAt when it last signed in or decided
 * @param revokedAt when it was revoked, if it was
 * @param revokedBy who revoked it
 */
public record Device(
    UUID id,
    String tenantId,
    String memberId,
    String email,
    String label,
    String credentialId,
    String publicKeyCose,
    boolean hasPushToken,
    Instant createdAt,
    Optional<Instant> lastUsedAt,
    Optional<Instant> revokedAt,
    Optional<String> revokedBy) {

  public Device {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(memberId, "memberId");
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(credentialId, "credentialId");
    Objects.requireNonNull(publicKeyCose, "publicKeyCose");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** Whether it may still sign in and decide. */
  public boolean active() {
    return revokedAt.isEmpty();
  }
}
