package io.countersign.ciba.device;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;

/**
 * Signing in to the approver app with a passkey: a discoverable-credential assertion answering a
 * fresh challenge, by an enrolled, unrevoked device of this tenant.
 */
@ApplicationScoped
public class PasskeySignIn {

  @Inject WebAuthnChallenges challenges;
  @Inject ApproverDevices devices;
  @Inject Passkeys passkeys;

  /** What signing in gave. */
  public sealed interface SignedIn {}

  public record Welcome(Device device) implements SignedIn {}

  public record Refused(String reason) implements SignedIn {}

  /** A fresh sign-in challenge. */
  @Transactional
  public String start(String tenantId, Instant now) {
    return challenges.issue(
        tenantId,
        WebAuthnChallenges.random(),
        ChallengePurpose.SIGN_IN,
        Optional.empty(),
        Optional.empty(),
        now);
  }

  @Transactional
  public SignedIn finish(String tenantId, String assertionJson, RelyingParty rp, Instant now) {
    Optional<String> challenge = passkeys.challengeOf(assertionJson);
    if (challenge.isEmpty()
        || challenges.use(tenantId, challenge.get(), ChallengePurpose.SIGN_IN, now).isEmpty()) {
      return new Refused("the sign-in challenge was used, expired or never issued");
    }
    Optional<ApproverDevices.Credential> credential =
        passkeys.credentialId(assertionJson).flatMap(id -> devices.credential(tenantId, id));
    if (credential.isEmpty()) {
      return new Refused("this passkey is not an enrolled, unrevoked device of this tenant");
    }
    Passkeys.Checked<Passkeys.Assertion> checked =
        passkeys.assertion(
            assertionJson,
            rp,
            challenge.get(),
            credential.get().credentialRecord(),
            credential.get().signCount());
    if (checked instanceof Passkeys.Refused<Passkeys.Assertion> refused) {
      return new Refused(refused.reason());
    }
    Device device = credential.get().device();
    devices.used(
        tenantId,
        device.id(),
        ((Passkeys.Verified<Passkeys.Assertion>) checked).value().signCount(),
        now);
    return new Welcome(device);
  }
}
