package io.countersign.ciba.device;

import io.countersign.audit.AuditLog;
import io.countersign.tenant.member.Member;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Enrolling an approver's device (a new passkey, and optionally its push token) and revoking one.
 * Both are audited in the same transaction: the enrolment entry carries the passkey's public key,
 * which is what lets an auditor check the device's signed votes offline.
 */
@ApplicationScoped
public class Enrolments {

  /** The audit type of an enrolment. */
  public static final String ENROLLED = "approver.device_enrolled";

  /** The audit type of a revocation. */
  public static final String REVOKED = "approver.device_revoked";

  /** The longest device label. */
  public static final int LABEL_MAX_LENGTH = 100;

  /** The longest push token accepted (FCM tokens are about 160 characters). */
  public static final int PUSH_TOKEN_MAX_LENGTH = 4096;

  @Inject ApproverDevices devices;
  @Inject WebAuthnChallenges challenges;
  @Inject Passkeys passkeys;
  @Inject AuditLog auditLog;

  /** What enrolling gave. */
  public sealed interface Enrolled {}

  public record Done(Device device) implements Enrolled {}

  public record Refused(String reason) implements Enrolled {}

  /** A registration challenge for {@code member}, and the credentials they already have. */
  @Transactional
  public Ceremony start(String tenantId, Member member, Instant now) {
    String challenge =
        challenges.issue(
            tenantId,
            WebAuthnChallenges.random(),
            ChallengePurpose.ENROL,
            Optional.of(member.memberId()),
            Optional.empty(),
            now);
    List<String> existing =
        devices.list(tenantId, Optional.of(member.memberId())).stream()
            .filter(Device::active)
            .map(Device::credentialId)
            .toList();
    return new Ceremony(challenge, existing);
  }

  /** A challenge and the credentials to exclude (registration) or allow (assertion). */
  public record Ceremony(String challenge, List<String> credentials) {}

  /** Verifies the registration answering {@code challenge} and enrols the device. */
  @Transactional
  public Enrolled finish(
      String tenantId,
      Member member,
      String label,
      Optional<String> pushToken,
      String challenge,
      String registrationJson,
      RelyingParty rp,
      Instant now) {
    return finish(
        tenantId, member, label, pushToken, challenge, registrationJson, rp, Optional.empty(), now);
  }

  /**
   * As {@link #finish(String, Member, String, Optional, String, String, RelyingParty, Instant)},
   * for a member signed in by the invitation {@code invitation} (named in the audit entry).
   */
  @Transactional
  public Enrolled finish(
      String tenantId,
      Member member,
      String label,
      Optional<String> pushToken,
      String challenge,
      String registrationJson,
      RelyingParty rp,
      Optional<UUID> invitation,
      Instant now) {
    Optional<String> problem =
        labelProblem(label).or(() -> pushToken.flatMap(Enrolments::tokenProblem));
    if (problem.isPresent()) {
      return new Refused(problem.get());
    }
    Optional<WebAuthnChallenges.Issued> issued =
        challenges.use(tenantId, challenge, ChallengePurpose.ENROL, now);
    if (issued.isEmpty() || !issued.get().memberId().equals(Optional.of(member.memberId()))) {
      return new Refused("the enrolment challenge was used, expired or not issued to you");
    }
    Passkeys.Checked<Passkeys.NewPasskey> checked =
        passkeys.register(registrationJson, rp, challenge);
    if (checked instanceof Passkeys.Refused<Passkeys.NewPasskey> refused) {
      return new Refused(refused.reason());
    }
    Passkeys.NewPasskey passkey = ((Passkeys.Verified<Passkeys.NewPasskey>) checked).value();
    if (devices.credential(tenantId, passkey.credentialId()).isPresent()) {
      return new Refused("this passkey is already enrolled");
    }
    Device device =
        devices.enrol(
            new ApproverDevices.Enrolment(
                UUID.randomUUID(),
                tenantId,
                member.memberId(),
                label.strip(),
                passkey.credentialId(),
                passkey.publicKeyCose(),
                passkey.credentialRecord(),
                passkey.signCount(),
                pushToken,
                now));
    auditLog.append(
        ApproverAudit.entry(
            tenantId,
            ENROLLED,
            device.id().toString(),
            member.email(),
            "device "
                + device.id()
                + " '"
                + device.label()
                + "' for "
                + member.email()
                + "; credential_id="
                + device.credentialId()
                + "; public_key_cose="
                + device.publicKeyCose()
                + (pushToken.isPresent() ? "; push on" : "; no push")
                + invitation.map(i -> "; with invitation " + i).orElse(""),
            "enrolled",
            now));
    return new Done(device);
  }

  /** Replaces an active device's push token (the app registers a new one after FCM rotates it). */
  @Transactional
  public Optional<String> pushToken(String tenantId, Member owner, UUID deviceId, String token) {
    Optional<String> problem = tokenProblem(token);
    if (problem.isPresent()) {
      return problem;
    }
    Optional<Device> device =
        devices.find(tenantId, deviceId).filter(d -> d.memberId().equals(owner.memberId()));
    if (device.isEmpty() || !devices.registerPushToken(tenantId, deviceId, token)) {
      return Optional.of("no active device " + deviceId + " of yours");
    }
    return Optional.empty();
  }

  /**
   * Revokes {@code deviceId}: by its owner ({@code ownerOnly} set to them) or by a tenant admin.
   * False when there is no such active device.
   */
  @Transactional
  public boolean revoke(
      String tenantId, UUID deviceId, Member by, Optional<String> ownerOnly, Instant now) {
    Optional<Device> device =
        devices
            .find(tenantId, deviceId)
            .filter(Device::active)
            .filter(d -> ownerOnly.map(d.memberId()::equals).orElse(true));
    if (device.isEmpty() || !devices.revoke(tenantId, deviceId, by.email(), now)) {
      return false;
    }
    auditLog.append(
        ApproverAudit.entry(
            tenantId,
            REVOKED,
            deviceId.toString(),
            by.email(),
            "device "
                + deviceId
                + " '"
                + device.get().label()
                + "' of "
                + device.get().email()
                + " revoked by "
                + by.email(),
            "revoked",
            now));
    return true;
  }

  static Optional<String> labelProblem(String label) {
    if (label == null || label.isBlank()) {
      return Optional.of("a device needs a label, e.g. the phone's name");
    }
    if (label.strip().length() > LABEL_MAX_LENGTH) {
      return Optional.of("a device label has at most " + LABEL_MAX_LENGTH + " characters");
    }
    if (label.chars().anyMatch(Character::isISOControl)) {
      return Optional.of("a device label has no control characters");
    }
    return Optional.empty();
  }

  static Optional<String> tokenProblem(String token) {
    if (token.isBlank()
        || token.length() > PUSH_TOKEN_MAX_LENGTH
        || !token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      return Optional.of(
          "a push token is 1 to " + PUSH_TOKEN_MAX_LENGTH + " printable ASCII characters");
    }
    return Optional.empty();
  }
}
