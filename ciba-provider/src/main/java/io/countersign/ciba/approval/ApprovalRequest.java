package io.countersign.ciba.approval;

import io.countersign.ciba.approval.ApprovalEvent.Approved;
import io.countersign.ciba.approval.ApprovalEvent.Cancelled;
import io.countersign.ciba.approval.ApprovalEvent.Escalated;
import io.countersign.ciba.approval.ApprovalEvent.Expired;
import io.countersign.ciba.approval.ApprovalEvent.Redeemed;
import io.countersign.ciba.approval.ApprovalEvent.Rejected;
import io.countersign.ciba.approval.ApprovalEvent.Reminded;
import io.countersign.ciba.approval.ApprovalEvent.Requested;
import io.countersign.ciba.approval.ApprovalEvent.VoteRecorded;
import io.countersign.ciba.binding.BindingMessage;
import io.countersign.ciba.details.EscalationStep;
import io.countersign.ciba.details.FollowUp;
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
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

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
  private int remindersSent;
  private int stepsTaken;

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
    this.remindersSent = snapshot.remindersSent();
    this.stepsTaken = snapshot.stepsTaken();
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
                List.of(),
                0,
                0));
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
        votes.all(),
        remindersSent,
        stepsTaken);
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
    Set<String> groups = membership.groupsOf(ballot.approver(), groupsThatMayDecide());
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
    List<Approver> approvals = votes.approvalsOf(currentArguments.sha256());
    List<Approver> stillEligible = Eligibility.stillEligible(this, membership);
    return decidingRules().stream().anyMatch(r -> r.canStillBeMet(approvals, stillEligible));
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

  /**
   * Progress toward the quorum (and toward each quorum escalation added), counting the standing
   * approvals of the current arguments.
   */
  public QuorumProgress progress() {
    List<Approver> approvals = votes.approvalsOf(currentArguments.sha256());
    return rule()
        .progress(approvals)
        .withAlternatives(added().stream().map(r -> r.progress(approvals)).toList());
  }

  /**
   * When the next reminder or escalation step is due, while the request is pending and that is
   * before its expiry; else empty.
   */
  public Optional<Instant> followUpDue() {
    if (state != ApprovalState.PENDING) {
      return Optional.empty();
    }
    FollowUp followUp = details.followUp();
    return Stream.concat(
            followUp.reminderDue(createdAt, remindersSent).stream(),
            followUp.stepDue(createdAt, stepsTaken).stream())
        .min(Instant::compareTo)
        .filter(due -> due.isBefore(expiresAt));
  }

  /**
   * Takes what is due at {@code now} while the request is pending and unexpired: each escalation
   * step whose delay has passed, in order, then one reminder if one is due (a late timer does not
   * send the reminders it missed). Adds {@link Escalated} and {@link Reminded}; a reminder with
   * nobody left to remind is skipped. When a step adds a quorum that the approvals already cast
   * meet, the request is approved ({@link Approved}) and nothing more is taken.
   *
   * @param membership the members of every group the request names ({@link #namedGroups()})
   * @return how many steps and reminders were taken
   */
  public int followUp(GroupMembership membership, Instant now) {
    if (state != ApprovalState.PENDING || isDue(now)) {
      return 0;
    }
    FollowUp followUp = details.followUp();
    int taken = 0;
    while (followUp.stepDue(createdAt, stepsTaken).filter(due -> !due.isAfter(now)).isPresent()) {
      EscalationStep step = followUp.escalation().get(stepsTaken++);
      Set<String> told = new TreeSet<>(membership.eligible(step.notifyGroups()));
      step.add().ifPresent(added -> told.addAll(membership.eligible(added)));
      requester.ifPresent(told::remove);
      events.add(
          new Escalated(
              id,
              tenant(),
              now,
              stepsTaken,
              step.notifyGroups(),
              step.add().map(QuorumRule::toString),
              List.copyOf(told),
              progress().describe()));
      taken++;
      if (step.add().isPresent() && progress().isMet()) {
        // approvals cast before the step already meet the quorum it added
        moveTo(ApprovalState.APPROVED);
        events.add(
            new Approved(
                id, tenant(), now, approvers(), currentArguments.sha256(), argumentsEdited()));
        return taken;
      }
    }
    if (followUp
        .reminderDue(createdAt, remindersSent)
        .filter(due -> !due.isAfter(now))
        .isPresent()) {
      remindersSent = Math.max(remindersSent + 1, followUp.remindersBy(createdAt, now));
      List<String> recipients =
          Eligibility.stillEligible(this, membership).stream().map(Approver::id).toList();
      if (!recipients.isEmpty()) {
        events.add(
            new Reminded(id, tenant(), now, remindersSent, recipients, progress().describe()));
        taken++;
      }
    }
    return taken;
  }

  /** The quorums that decide now: the rule's own, then those escalation steps added. */
  public List<QuorumRule> decidingRules() {
    return Stream.concat(Stream.of(rule()), added().stream()).toList();
  }

  /** The quorums the escalation steps taken so far added, in order. */
  public List<QuorumRule> added() {
    return takenSteps().flatMap(step -> step.add().stream()).toList();
  }

  /** The groups whose members may vote now: the rule's, then those escalation added. */
  public List<String> decidingGroups() {
    return decidingRules().stream().flatMap(r -> r.groupNames().stream()).toList();
  }

  /** The groups the escalation steps taken so far told (they may read the request, not vote). */
  public List<String> notifiedGroups() {
    return takenSteps().flatMap(step -> step.notifyGroups().stream()).distinct().toList();
  }

  /** Every group the request names: its rule's, and those of every escalation step. */
  public List<String> namedGroups() {
    return Stream.concat(rule().groupNames().stream(), details.followUp().groupNames().stream())
        .distinct()
        .toList();
  }

  /**
   * The groups a vote is recorded with: those that decide now or may after a later step, so that an
   * approval cast before a step counts for the quorum that step adds.
   */
  private List<String> groupsThatMayDecide() {
    Stream<String> added =
        details.followUp().escalation().stream()
            .flatMap(step -> step.add().stream())
            .flatMap(r -> r.groupNames().stream());
    return Stream.concat(rule().groupNames().stream(), added).distinct().toList();
  }

  private Stream<EscalationStep> takenSteps() {
    return details.followUp().escalation().stream().limit(stepsTaken);
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
