package io.countersign.ciba.approval;

import io.countersign.ciba.details.Risk;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A fact about an {@link ApprovalRequest}, produced by every transition and vote. Callers append
 * each one to the tenant's audit log in the same transaction as the state change it records (no
 * audit entry, no action). Events carry digests, never the {@code auth_req_id}.
 */
public sealed interface ApprovalEvent {

  /** The request's identifier. */
  UUID approvalId();

  /** The request's tenant. */
  String tenant();

  /** When it happened (the time passed to the transition). */
  Instant at();

  /** The audit event type, e.g. {@code approval.requested}. */
  String type();

  /** The request was opened. */
  record Requested(
      UUID approvalId,
      String tenant,
      Instant at,
      String clientId,
      Optional<String> requester,
      String upstream,
      String tool,
      String argumentsSha256,
      Risk risk,
      String quorum,
      Instant expiresAt)
      implements ApprovalEvent {
    @Override
    public String type() {
      return "approval.requested";
    }
  }

  /**
   * A vote counted.
   *
   * @param editedArguments for an edit, the arguments as the approver wrote them
   * @param superseded approvers whose approvals this edit superseded
   * @param progress the quorum's progress after this vote, in plain language
   */
  record VoteRecorded(
      UUID approvalId,
      String tenant,
      Instant at,
      String approver,
      Vote.Kind kind,
      Set<String> groups,
      Optional<String> argumentsSha256,
      Optional<String> editedArguments,
      Optional<String> reason,
      List<String> superseded,
      String progress)
      implements ApprovalEvent {
    public VoteRecorded {
      groups = Set.copyOf(groups);
      superseded = List.copyOf(superseded);
    }

    static VoteRecorded of(
        UUID approvalId,
        String tenant,
        Vote vote,
        Optional<String> editedArguments,
        List<String> superseded,
        String progress) {
      return new VoteRecorded(
          approvalId,
          tenant,
          vote.at(),
          vote.approver(),
          vote.kind(),
          vote.groups(),
          vote.argumentsSha256(),
          editedArguments,
          vote.reason(),
          superseded,
          progress);
    }

    @Override
    public String type() {
      return "approval.vote_recorded";
    }
  }

  /** The quorum approved {@code argumentsSha256}; {@code approvers} in vote order. */
  record Approved(
      UUID approvalId,
      String tenant,
      Instant at,
      List<String> approvers,
      String argumentsSha256,
      boolean argumentsEdited)
      implements ApprovalEvent {
    public Approved {
      approvers = List.copyOf(approvers);
    }

    @Override
    public String type() {
      return "approval.approved";
    }
  }

  /** The request was rejected; {@code rejectedBy} lists the standing rejections in vote order. */
  record Rejected(
      UUID approvalId, String tenant, Instant at, List<String> rejectedBy, String reason)
      implements ApprovalEvent {
    public Rejected {
      rejectedBy = List.copyOf(rejectedBy);
    }

    @Override
    public String type() {
      return "approval.rejected";
    }
  }

  /** The request expired while in state {@code from}. */
  record Expired(UUID approvalId, String tenant, Instant at, ApprovalState from)
      implements ApprovalEvent {
    @Override
    public String type() {
      return "approval.expired";
    }
  }

  /** The request was withdrawn while in state {@code from}. */
  record Cancelled(UUID approvalId, String tenant, Instant at, ApprovalState from, String reason)
      implements ApprovalEvent {
    @Override
    public String type() {
      return "approval.cancelled";
    }
  }

  /**
   * The approvers who had not voted were reminded.
   *
   * @param reminder which reminder this is, from 1
   * @param recipients the members reminded, in identifier order
   * @param progress the quorum's progress, in plain language
   */
  record Reminded(
      UUID approvalId,
      String tenant,
      Instant at,
      int reminder,
      List<String> recipients,
      String progress)
      implements ApprovalEvent {
    public Reminded {
      recipients = List.copyOf(recipients);
    }

    @Override
    public String type() {
      return "approval.reminded";
    }
  }

  /**
   * An escalation step was taken.
   *
   * @param step which step, from 1
   * @param notified the groups told by this step
   * @param added the quorum this step lets decide, in text form
   * @param recipients the members told (of the notified groups and the added quorum's groups), in
   *     identifier order
   * @param progress the quorum's progress after the step, in plain language
   */
  record Escalated(
      UUID approvalId,
      String tenant,
      Instant at,
      int step,
      List<String> notified,
      Optional<String> added,
      List<String> recipients,
      String progress)
      implements ApprovalEvent {
    public Escalated {
      notified = List.copyOf(notified);
      recipients = List.copyOf(recipients);
    }

    @Override
    public String type() {
      return "approval.escalated";
    }
  }

  /** The approved request was exchanged for a token by {@code clientId}. */
  record Redeemed(UUID approvalId, String tenant, Instant at, String clientId)
      implements ApprovalEvent {
    @Override
    public String type() {
      return "approval.redeemed";
    }
  }
}
