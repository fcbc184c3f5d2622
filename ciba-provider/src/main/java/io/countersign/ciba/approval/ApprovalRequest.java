package io.countersign.ciba.approval;

import io.countersign.ciba.approval.ApprovalEvent.Approved;
import io.countersign.ciba.approval.ApprovalEvent.Cancelled;
import io.countersign.ciba.approval.ApprovalEvent.Expired;
import io.countersign.ciba.approval.ApprovalEvent.Redeemed;
import io.countersign.ciba.approval.ApprovalEvent.Rejected;
import io.countersign.ciba.approval.ApprovalEvent.Requested;
import io.countersign.ciba.approval.ApprovalEvent.VoteRecorded;
import io.countersign.ciba.binding.BindingMessage;
import io.countersign.ciba.details.McpToolCall;
import io.countersign.ciba.details.ToolArguments;
import io.countersign.ciba.quorum.Approver;
import io.countersign.ciba.quorum.GroupMembership;
import io.countersign.ciba.quorum.QuorumProgress;
import io.countersign.ciba.quorum.QuorumRule;
import io.countersign.ciba.quorum.RejectionPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * One held tool call waiting for its quorum, behind one {@code auth_req_id}: the aggregate that
 * owns the approval state machine ({@link ApprovalState}).
 *
 * <p>Time is always passed in; nothing here reads a clock. Expected outcomes are values ({@link
 * VoteOutcome}, {@link Transition}, {@link RedeemOutcome}); a refusal never changes the request.
 * Every change adds an {@link ApprovalEvent}, which the caller takes with {@link #drainEvents()}
 * and appends to the audit log in the same transaction that stores the new {@link #snapshot()}.
 *
 * <p>Not thread-safe: load, change and store it within one transaction (the storage layer decides
 * how concurrent votes are serialised).
 */
public final class ApprovalRequest {

  private final UUID id;
  private final String clientId;
  private final Optional<String> requester;
  private final McpToolCall details;
  private final Optional<BindingMessage> bindingMessage;
  private final Instant createdAt;
  private final Instant expiresAt;
  private final VoteBook votes;
  private final List<ApprovalEvent> events = new ArrayList<>();
  private ApprovalState state;
  private ToolArguments currentArguments;

  private ApprovalRequest(ApprovalSnapshot snapshot) {
    this.id = snapshot.id();
    this.clientId = snapshot.clientId();
    this.requester = snapshot.requester();
    this.details = snapshot.details();
    this.bindingMessage = snapshot.bindingMessage();
    this.createdAt = snapshot.createdAt();
    this.expiresAt = snapshot.expiresAt();
    this.votes = new VoteBook(snapshot.votes());
    this.state = snapshot.state();
    this.currentArguments = snapshot.currentArguments();
  }

  /** Opens a pending request at {@code now}; adds {@link Requested}. */
  public static ApprovalRequest open(NewApprovalRequest request, Instant now) {
    McpToolCall details = request.details();
    ApprovalRequest opened =
        new ApprovalRequest(
            new ApprovalSnapshot(
                request.id(),
                request.clientId(),
                request.requester(),
                details,
                request.bindingMessage(),
                now,
                now.plus(request.expiresIn()),
                ApprovalState.PENDING,
                details.arguments(),
                List.of()));
    opened.events.add(
        new Requested(
            request.id(),
            details.tenant(),
            now,
            request.clientId(),
            request.requester(),
            details.upstream(),
            details.tool(),
            details.argumentsSha256(),
            details.risk(),
            details.quorum().toString(),
            opened.expiresAt));
    return opened;
  }

  /** The request as stored; no events. */
  public static ApprovalRequest restore(ApprovalSnapshot snapshot) {
    return new ApprovalRequest(snapshot);
  }

  /** What to store. */
  public ApprovalSnapshot snapshot() {
    return new ApprovalSnapshot(
        id,
        clientId,
        requester,
        details,
        bindingMessage,
        createdAt,
        expiresAt,
        state,
        currentArguments,
        votes.all());
  }

  /**
   * Casts {@code ballot} at {@code now}; {@code membership} is who belongs to the rule's groups at
   * that moment.
   *
   * <p>Refusals, checked in this order: {@link VoteRefusal#WRONG_TENANT}; {@link
   * VoteRefusal#EXPIRED} (state EXPIRED, or still PENDING at or after {@link #expiresAt()}); {@link
   * VoteRefusal#NOT_PENDING}; {@link VoteRefusal#SELF_APPROVAL} (the requester may not vote at all,
   * not even to reject: they can have the client cancel instead); {@link VoteRefusal#NOT_A_MEMBER};
   * {@link VoteRefusal#DUPLICATE_VOTE}; {@link VoteRefusal#ARGUMENTS_CHANGED} (a plain approval of
   * other arguments than those now up for approval).
   *
   * <p>Edits: all approvals that count toward the quorum approve the same arguments digest. An
   * {@link Ballot.ApproveEdited} whose arguments differ from those up for approval makes them the
   * arguments up for approval, and supersedes every standing approval of other arguments: those
   * approvals stop counting, and their approvers may vote again (on the new arguments). So the last
   * edit wins, and the quorum is always complete for one exact set of arguments, which is what
   * {@link ApprovedCall} carries. Rejections are not superseded: they refuse the call whatever its
   * arguments. An edit equal to the current arguments (same canonical digest) counts as an approval
   * of them and supersedes nothing (it is still recorded as an edit).
   *
   * <p>Rejections: under {@link RejectionPolicy#ANY_REJECTION} one rejection rejects; under {@link
   * RejectionPolicy#WHEN_UNREACHABLE} a rejection rejects only when the members of the rule's
   * groups who have no standing vote (and are not the requester) could no longer complete the
   * quorum, even if all of them approved.
   */
  public VoteOutcome vote(Ballot ballot, GroupMembership membership, Instant now) {
    Optional<VoteRefusal> refusal = Eligibility.refusal(this, ballot, membership, now);
    if (refusal.isPresent()) {
      return new VoteOutcome.Refused(refusal.get());
    }
    Set<String> groups = membership.groupsOf(ballot.approver(), rule());
    if (ballot instanceof Ballot.Reject reject) {
      return reject(reject, groups, membership, now);
    }
    return approve(ballot, groups, now);
  }

  private VoteOutcome approve(Ballot ballot, Set<String> groups, Instant now) {
    Vote.Kind kind = Vote.Kind.APPROVE;
    Optional<String> edited = Optional.empty();
    List<String> superseded = List.of();
    if (ballot instanceof Ballot.ApproveEdited edit) {
      kind = Vote.Kind.APPROVE_EDITED;
      edited = Optional.of(edit.arguments().json());
      if (!edit.arguments().equals(currentArguments)) {
        superseded = votes.supersedeApprovalsOtherThan(edit.arguments().sha256());
        currentArguments = edit.arguments();
      }
    }
    Optional<String> sha256 = Optional.of(currentArguments.sha256());
    Vote vote = new Vote(ballot.approver(), kind, groups, sha256, Optional.empty(), now, false);
    votes.add(vote);
    QuorumProgress progress = progress();
    events.add(VoteRecorded.of(id, tenant(), vote, edited, superseded, progress.describe()));
    if (!progress.isMet()) {
      return new VoteOutcome.Recorded(progress);
    }
    moveTo(ApprovalState.APPROVED);
    events.add(new Approved(id, tenant(), now, approvers(), sha256.get(), argumentsEdited()));
    return new VoteOutcome.Decided(ApprovalState.APPROVED, progress);
  }

  private VoteOutcome reject(
      Ballot.Reject reject, Set<String> groups, GroupMembership membership, Instant now) {
    Optional<String> reason = Optional.of(reject.reason());
    Vote vote =
        new Vote(reject.approver(), Vote.Kind.REJECT, groups, Optional.empty(), reason, now, false);
    votes.add(vote);
    QuorumProgress progress = progress();
    events.add(
        VoteRecorded.of(id, tenant(), vote, Optional.empty(), List.of(), progress.describe()));
    String why;
    if (rule().rejectionPolicy() == RejectionPolicy.ANY_REJECTION) {
      why = reject.reason();
    } else if (!canStillBeMet(membership)) {
      why = "the quorum can no longer be reached: " + progress.describe();
    } else {
      return new VoteOutcome.Recorded(progress);
    }
    moveTo(ApprovalState.REJECTED);
    events.add(new Rejected(id, tenant(), now, votes.rejecters(), why));
    return new VoteOutcome.Decided(ApprovalState.REJECTED, progress);
  }

  private boolean canStillBeMet(GroupMembership membership) {
    return rule()
        .canStillBeMet(
            votes.approvalsOf(currentArguments.sha256()),
            Eligibility.stillEligible(this, membership));
  }

  /**
   * Expires the request at {@code now}: a PENDING request nobody decided in time, or an APPROVED
   * one the client did not redeem in time (CIBA Core 1.0, section 11: "expired_token: The
   * auth_req_id has expired"). Refused before {@link #expiresAt()} and in terminal states.
   */
  public Transition expire(Instant now) {
    if (state.isTerminal()) {
      return new Transition.Refused(Transition.Reason.TERMINAL, state);
    }
    if (!isDue(now)) {
      return new Transition.Refused(Transition.Reason.NOT_DUE, state);
    }
    ApprovalState from = state;
    moveTo(ApprovalState.EXPIRED);
    events.add(new Expired(id, tenant(), now, from));
    return new Transition.Applied(from, ApprovalState.EXPIRED);
  }

  /**
   * Withdraws a PENDING or APPROVED request (the agent's call was abandoned, or an administrator
   * stopped it); an approved request is then never redeemed. Refused in terminal states.
   *
   * @param reason why, for the audit log
   */
  public Transition cancel(String reason, Instant now) {
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("a cancellation needs a reason");
    }
    if (state.isTerminal()) {
      return new Transition.Refused(Transition.Reason.TERMINAL, state);
    }
    ApprovalState from = state;
    moveTo(ApprovalState.CANCELLED);
    events.add(new Cancelled(id, tenant(), now, from, reason));
    return new Transition.Applied(from, ApprovalState.CANCELLED);
  }

  /**
   * Exchanges the approved request for a token, once: the token endpoint's step for {@code
   * grant_type=urn:openid:params:grant-type:ciba}.
   */
  public RedeemOutcome redeem(String tenant, String clientId, Instant now) {
    // RFC 6749, section 5.2: invalid_grant when the grant "was issued to another client".
    if (!tenant().equals(tenant) || !this.clientId.equals(clientId)) {
      return refused(RedeemOutcome.Reason.WRONG_CLIENT);
    }
    return switch (state) {
      // CIBA Core 1.0, section 11: "authorization_pending: The authorization request is still
      // pending as the end-user hasn't yet been authenticated." ... "expired_token: The
      // auth_req_id has expired. The Client will need to make a new Authentication Request."
      case PENDING ->
          refused(isDue(now) ? RedeemOutcome.Reason.EXPIRED : RedeemOutcome.Reason.PENDING);
      case APPROVED -> isDue(now) ? refused(RedeemOutcome.Reason.EXPIRED) : redeemNow(now);
      // "access_denied: The end-user denied the authorization request."
      case REJECTED, CANCELLED -> refused(RedeemOutcome.Reason.DENIED);
      case EXPIRED -> refused(RedeemOutcome.Reason.EXPIRED);
      // An auth_req_id is single use: an approved request is redeemed once.
      case REDEEMED -> refused(RedeemOutcome.Reason.ALREADY_REDEEMED);
    };
  }

  private RedeemOutcome redeemNow(Instant now) {
    ApprovedCall call = approvedCall();
    moveTo(ApprovalState.REDEEMED);
    events.add(new Redeemed(id, tenant(), now, clientId));
    return new RedeemOutcome.Redeemed(call);
  }

  private static RedeemOutcome refused(RedeemOutcome.Reason reason) {
    return new RedeemOutcome.Refused(reason);
  }

  private void moveTo(ApprovalState next) {
    if (!state.canBecome(next)) {
      throw new IllegalStateException(state + " cannot become " + next);
    }
    state = next;
  }

  private boolean isDue(Instant now) {
    return !now.isBefore(expiresAt);
  }

  /** The events added since the last call, oldest first; afterwards there are none. */
  public List<ApprovalEvent> drainEvents() {
    List<ApprovalEvent> drained = List.copyOf(events);
    events.clear();
    return drained;
  }

  /** Progress toward the quorum, counting the standing approvals of the current arguments. */
  public QuorumProgress progress() {
    return rule().progress(votes.approvalsOf(currentArguments.sha256()));
  }

  /** The approved call, in state APPROVED or REDEEMED. */
  public Optional<ApprovedCall> approved() {
    return state == ApprovalState.APPROVED || state == ApprovalState.REDEEMED
        ? Optional.of(approvedCall())
        : Optional.empty();
  }

  private ApprovedCall approvedCall() {
    return new ApprovedCall(
        id, clientId, details.withArguments(currentArguments), approvers(), argumentsEdited());
  }

  private List<String> approvers() {
    return votes.approvalsOf(currentArguments.sha256()).stream().map(Approver::id).toList();
  }

  private boolean argumentsEdited() {
    return !currentArguments.equals(details.arguments());
  }

  public UUID id() {
    return id;
  }

  public String tenant() {
    return details.tenant();
  }

  public String clientId() {
    return clientId;
  }

  /** The member on whose behalf the agent acts, when known. */
  public Optional<String> requester() {
    return requester;
  }

  /** The call as requested (original arguments). */
  public McpToolCall details() {
    return details;
  }

  public QuorumRule rule() {
    return details.quorum();
  }

  public Optional<BindingMessage> bindingMessage() {
    return bindingMessage;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant expiresAt() {
    return expiresAt;
  }

  public ApprovalState state() {
    return state;
  }

  /** The arguments up for approval now (after edits), or approved. */
  public ToolArguments currentArguments() {
    return currentArguments;
  }

  boolean hasStandingVote(String member) {
    return votes.hasStandingVote(member);
  }

  /** The reasons the rejecting approvers gave, in the order they voted. */
  public List<String> rejectionReasons() {
    return votes().stream()
        .filter(vote -> vote.kind() == Vote.Kind.REJECT)
        .flatMap(vote -> vote.reason().stream())
        .filter(reason -> !reason.isBlank())
        .toList();
  }

  /** Every vote, in the order cast. */
  public List<Vote> votes() {
    return votes.all();
  }
}
