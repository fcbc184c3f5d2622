package io.countersign.ciba.provider;

import io.countersign.ciba.approval.ApprovalRequest;
import io.countersign.ciba.approval.ApprovalState;
import io.countersign.ciba.approval.Ballot;
import io.countersign.ciba.approval.VoteOutcome;
import io.countersign.ciba.approval.VoteRefusal;
import io.countersign.ciba.quorum.GroupMembership;
import io.countersign.ciba.store.ApprovalStore;
import io.countersign.ciba.store.StoredApproval;
import io.countersign.tenant.TenantDirectory;
import io.countersign.tenant.member.Member;
import io.countersign.tenant.member.MemberAccounts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What approvers do through their devices: see the requests they may decide, read one in full, and
 * vote. Approvers are identified by email, which is how votes, audit entries and tokens name them.
 * A request is visible only to members of the groups that decide it (its quorum's, and those an
 * escalation step added), to members of the groups an escalation step notified, and to whoever
 * voted on it; to anyone else, and in any other tenant, it does not exist.
 */
@ApplicationScoped
public class Decisions {

  /** The most requests an inbox lists. */
  static final int INBOX_LIMIT = 200;

  /** How far back similar requests and an approver's history reach. */
  static final java.time.Duration SIMILAR_WINDOW = java.time.Duration.ofDays(30);

  /** The most recent requests read to find similar ones or a history. */
  static final int RECENT_LIMIT = 500;

  @Inject ApprovalStore store;
  @Inject ApprovalAudit audit;
  @Inject DecisionCallbacks callbacks;
  @Inject MemberAccounts members;
  @Inject TenantDirectory directory;
  @Inject Event<ApprovalProgressed> progressed;

  /** One request as an approver sees it. */
  public record Seen(ApprovalRequest request, boolean mayVote) {}

  /** What a vote did. */
  public sealed interface Voted {}

  public record Counted(VoteOutcome outcome, ApprovalRequest request) implements Voted {}

  public record NotFound() implements Voted {}

  /** The tenant takes only device-bound votes ({@code tenant.approvers}), and this one was not. */
  public record DeviceBoundVoteRequired() implements Voted {}

  /** How a ballot reached the provider. */
  public enum Casting {
    /** As a WebAuthn assertion of an enrolled device, verified by the caller. */
    DEVICE_SIGNED,
    /** Without a device's signature (the HTTP Basic decision API). */
    UNSIGNED
  }

  /**
   * The pending requests {@code approver} may still vote on, or was notified of by an escalation
   * step, newest first.
   */
  @Transactional
  public List<Seen> inbox(String tenantId, Member approver, Instant now) {
    return store.inState(tenantId, ApprovalState.PENDING, INBOX_LIMIT).stream()
        .map(row -> ApprovalRequest.restore(row.snapshot()))
        .filter(r -> now.isBefore(r.expiresAt()))
        .map(r -> seen(r, approver))
        .filter(s -> s.mayVote() || notified(s.request(), approver))
        .toList();
  }

  /** The request, when {@code approver} may see it. */
  @Transactional
  public Optional<Seen> read(String tenantId, Member approver, UUID id) {
    return store
        .find(tenantId, id)
        .map(row -> ApprovalRequest.restore(row.snapshot()))
        .map(r -> seen(r, approver))
        .filter(s -> s.mayVote() || mayView(s.request(), approver));
  }

  /**
   * Recent requests (any state) for the same tool of the same upstream as {@code request}, that
   * {@code approver} may see, newest first: what an approver compares a request with.
   */
  @Transactional
  public List<Seen> similar(
      String tenantId, Member approver, ApprovalRequest request, int limit, Instant now) {
    return store.recent(tenantId, now.minus(SIMILAR_WINDOW), RECENT_LIMIT).stream()
        .map(row -> ApprovalRequest.restore(row.snapshot()))
        .filter(r -> !r.id().equals(request.id()))
        .filter(r -> r.details().upstream().equals(request.details().upstream()))
        .filter(r -> r.details().tool().equals(request.details().tool()))
        .map(r -> seen(r, approver))
        .filter(s -> s.mayVote() || mayView(s.request(), approver))
        .limit(limit)
        .toList();
  }

  /** The recent requests {@code approver} voted on, newest first. */
  @Transactional
  public List<Seen> history(String tenantId, Member approver, int limit, Instant now) {
    return store.recent(tenantId, now.minus(SIMILAR_WINDOW), RECENT_LIMIT).stream()
        .map(row -> ApprovalRequest.restore(row.snapshot()))
        .filter(r -> r.votes().stream().anyMatch(v -> v.approver().equals(approver.email())))
        .map(r -> seen(r, approver))
        .limit(limit)
        .toList();
  }

  /**
   * Casts a ballot. The request is locked for the whole transaction, so concurrent votes are
   * counted one after the other and exactly one of them can decide.
   */
  @Transactional
  public Voted vote(
      String tenantId, Member approver, UUID id, Ballot ballot, Casting casting, Instant now) {
    if (casting == Casting.UNSIGNED && deviceBoundVotesOnly(tenantId)) {
      return new DeviceBoundVoteRequired();
    }
    Optional<StoredApproval> row = store.lock(tenantId, id);
    if (row.isEmpty()) {
      return new NotFound();
    }
    StoredApproval stored = row.get();
    ApprovalRequest request = ApprovalRequest.restore(stored.snapshot());
    GroupMembership membership = membership(tenantId, request.namedGroups());
    if (!mayView(request, approver)
        && !membership.eligible(request.decidingGroups()).contains(approver.email())) {
      return new NotFound();
    }
    VoteOutcome outcome = request.vote(ballot, membership, now);
    if (outcome instanceof VoteOutcome.Refused refused
        && refused.reason() == VoteRefusal.EXPIRED
        && request.expire(now) instanceof io.countersign.ciba.approval.Transition.Applied) {
      callbacks.decided(stored, request, now);
    } else if (outcome instanceof VoteOutcome.Decided) {
      callbacks.decided(stored, request, now);
    } else if (outcome instanceof VoteOutcome.Recorded) {
      progressed.fire(progress(stored, now));
    }
    audit.record(request);
    store.update(stored.with(request.snapshot()));
    return new Counted(outcome, request);
  }

  /** Whether the tenant refuses votes that no enrolled device signed. */
  public boolean deviceBoundVotesOnly(String tenantId) {
    return directory.tenant(tenantId).map(t -> t.approverSignIn().deviceBoundVotes()).orElse(true);
  }

  private Seen seen(ApprovalRequest request, Member approver) {
    boolean eligible =
        request.state() == ApprovalState.PENDING
            && request.requester().filter(approver.email()::equals).isEmpty()
            && membership(request.tenant(), request.decidingGroups())
                .eligible(request.decidingGroups())
                .contains(approver.email())
            && request.votes().stream()
                .noneMatch(v -> v.stands() && v.approver().equals(approver.email()));
    return new Seen(request, eligible);
  }

  private boolean mayView(ApprovalRequest request, Member approver) {
    return request.votes().stream().anyMatch(v -> v.approver().equals(approver.email()))
        || membership(request.tenant(), request.decidingGroups())
            .eligible(request.decidingGroups())
            .contains(approver.email())
        || notified(request, approver);
  }

  private boolean notified(ApprovalRequest request, Member approver) {
    return membership(request.tenant(), request.notifiedGroups())
        .eligible(request.notifiedGroups())
        .contains(approver.email());
  }

  /** The event telling an in-process client that {@code stored} moved at {@code now}. */
  static ApprovalProgressed progress(StoredApproval stored, Instant now) {
    Instant mayPollAt = stored.nextPollAt().filter(next -> next.isAfter(now)).orElse(now);
    return new ApprovalProgressed(
        stored.snapshot().details().tenant(), stored.authReqIdHash(), mayPollAt);
  }

  /** Who belongs to {@code groups} now, by email. */
  public GroupMembership membership(String tenantId, List<String> groups) {
    GroupMembership membership = GroupMembership.empty();
    for (String group : groups) {
      membership =
          membership.with(
              group, members.approvers(tenantId, group).stream().map(Member::email).toList());
    }
    return membership;
  }
}
