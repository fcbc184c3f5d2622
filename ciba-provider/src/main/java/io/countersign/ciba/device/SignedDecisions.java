package io.countersign.ciba.device;

import io.countersign.audit.AuditEvent;
import io.countersign.audit.AuditLog;
import io.countersign.ciba.approval.ApprovalRequest;
import io.countersign.ciba.approval.Ballot;
import io.countersign.ciba.approval.VoteOutcome;
import io.countersign.ciba.provider.Decisions;
import io.countersign.tenant.member.Member;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Device-bound decisions: the approver's device signs a {@link DecisionStatement} (its challenge is
 * the statement's digest), and the vote counts only if that signature verifies with one of the
 * approver's enrolled, unrevoked passkeys, over exactly the ballot submitted, on exactly this
 * request. The vote, the verified assertion and an {@code approval.vote_signed} audit entry that
 * carries the assertion commit together, or nothing does.
 */
@ApplicationScoped
public class SignedDecisions {

  /** The audit type of a device-bound vote's proof. */
  public static final String VOTE_SIGNED = "approval.vote_signed";

  @Inject Decisions decisions;
  @Inject WebAuthnChallenges challenges;
  @Inject ApproverDevices devices;
  @Inject VoteProofs proofs;
  @Inject Passkeys passkeys;
  @Inject AuditLog auditLog;

  /** What asking to sign a decision gave. */
  public sealed interface Prepared {}

  /**
   * The statement to sign, its challenge, and the credentials that may sign it (the approver's
   * active devices).
   */
  public record ToSign(DecisionStatement statement, List<String> allowCredentials)
      implements Prepared {}

  /** No such request for this approver. */
  public record NotFound() implements Prepared, Decided {}

  /** The approver has no device that could sign. */
  public record NoDevice() implements Prepared {}

  /** What a signed vote did. */
  public sealed interface Decided {}

  public record Counted(Decisions.Counted counted) implements Decided {}

  /** The proof does not hold: why, in words fit to show. */
  public record ProofRefused(String reason) implements Decided {}

  /** Hands out the statement for {@code ballot} on the request as the approver now sees it. */
  @Transactional
  public Prepared prepare(
      String tenantId, Member approver, UUID approvalId, Ballot ballot, Instant now) {
    Optional<Decisions.Seen> seen = decisions.read(tenantId, approver, approvalId);
    if (seen.isEmpty()) {
      return new NotFound();
    }
    List<String> credentials =
        devices.list(tenantId, Optional.of(approver.memberId())).stream()
            .filter(Device::active)
            .map(Device::credentialId)
            .toList();
    if (credentials.isEmpty()) {
      return new NoDevice();
    }
    String shown = seen.get().request().currentArguments().sha256();
    DecisionStatement statement =
        DecisionStatement.of(approvalId, shown, ballot, WebAuthnChallenges.random());
    challenges.issue(
        tenantId,
        statement.challenge(),
        ChallengePurpose.DECISION,
        Optional.of(approver.memberId()),
        Optional.of(statement.canonicalJson()),
        now);
    return new ToSign(statement, credentials);
  }

  /**
   * Counts {@code ballot} when {@code assertionJson} is a valid signature of its statement by one
   * of the approver's active devices; the challenge is used up either way.
   */
  @Transactional
  public Decided decide(
      String tenantId,
      Member approver,
      UUID approvalId,
      Ballot ballot,
      String assertionJson,
      RelyingParty rp,
      Instant now) {
    Optional<String> challenge = passkeys.challengeOf(assertionJson);
    if (challenge.isEmpty()) {
      return new ProofRefused("the device assertion cannot be read");
    }
    Optional<WebAuthnChallenges.Issued> issued =
        challenges.use(tenantId, challenge.get(), ChallengePurpose.DECISION, now);
    if (issued.isEmpty()
        || issued.get().statement().isEmpty()
        || !issued.get().memberId().equals(Optional.of(approver.memberId()))) {
      return new ProofRefused(
          "the device assertion answers no open challenge of yours (used, expired or never"
              + " issued)");
    }
    DecisionStatement signed = DecisionStatement.parse(issued.get().statement().get());
    if (!signed.approvalId().equals(approvalId)) {
      return new ProofRefused("the device signed a decision on another request");
    }
    DecisionStatement submitted;
    try {
      submitted =
          DecisionStatement.of(approvalId, signed.argumentsSha256(), ballot, signed.nonce());
    } catch (IllegalArgumentException e) {
      return new ProofRefused("the device signed other arguments than the ones approved");
    }
    if (!submitted.equals(signed)) {
      return new ProofRefused("the device signed another decision than the one submitted");
    }
    Optional<String> credentialId = passkeys.credentialId(assertionJson);
    Optional<ApproverDevices.Credential> credential =
        credentialId.flatMap(id -> devices.credential(tenantId, id));
    if (credential.isEmpty() || !credential.get().device().memberId().equals(approver.memberId())) {
      return new ProofRefused("the signing device is not an enrolled, unrevoked device of yours");
    }
    Passkeys.Checked<Passkeys.Assertion> checked =
        passkeys.assertion(
            assertionJson,
            rp,
            challenge.get(),
            credential.get().credentialRecord(),
            credential.get().signCount());
    if (checked instanceof Passkeys.Refused<Passkeys.Assertion> refused) {
      return new ProofRefused(refused.reason());
    }
    Passkeys.Assertion assertion = ((Passkeys.Verified<Passkeys.Assertion>) checked).value();
    Device device = credential.get().device();
    devices.used(tenantId, device.id(), assertion.signCount(), now);
    Decisions.Voted voted =
        decisions.vote(
            tenantId, approver, approvalId, ballot, Decisions.Casting.DEVICE_SIGNED, now);
    if (!(voted instanceof Decisions.Counted counted)) {
      return new NotFound();
    }
    if (!(counted.outcome() instanceof VoteOutcome.Refused)) {
      proofs.store(
          new VoteProofs.VoteProof(
              UUID.randomUUID(),
              tenantId,
              approvalId,
              approver.email(),
              device.id(),
              signed.canonicalJson(),
              assertion,
              now));
      auditLog.append(proofEntry(counted.request(), approver, device, signed, assertion, now));
    }
    return new Counted(counted);
  }

  /**
   * The audit entry of a signed vote. Its reason carries the assertion as signed, so that with the
   * public key from the device's enrolment entry anyone can check offline that this credential
   * signed this decision: the client data's challenge is the statement's digest.
   */
  private static AuditEvent proofEntry(
      ApprovalRequest request,
      Member approver,
      Device device,
      DecisionStatement statement,
      Passkeys.Assertion assertion,
      Instant now) {
    String reason =
        "device "
            + device.id()
            + " signed "
            + statement.decision()
            + "; credential_id="
            + assertion.credentialId()
            + "; authenticator_data="
            + assertion.authenticatorData()
            + "; client_data_json="
            + assertion.clientDataJson()
            + "; signature="
            + assertion.signature();
    return new AuditEvent(
        request.tenant(),
        now,
        VOTE_SIGNED,
        request.id().toString(),
        AuditEvent.Actor.member(approver.email(), approver.email()),
        Optional.of(
            new AuditEvent.ToolRef(
                request.details().upstream(),
                request.details().tool(),
                statement.argumentsSha256())),
        Optional.of(statement.decision()),
        Optional.of(request.details().policyRule()),
        Optional.of(reason),
        request.state().name().toLowerCase(Locale.ROOT),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }
}
