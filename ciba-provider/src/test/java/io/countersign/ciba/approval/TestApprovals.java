package io.countersign.ciba.approval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.countersign.ciba.binding.BindingMessage;
import io.countersign.ciba.details.TestCalls;
import io.countersign.ciba.details.ToolArguments;
import io.countersign.ciba.quorum.GroupMembership;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Fixtures: tenant {@code acme}, its approver groups, and requests opened at {@link #T0}. */
final class TestApprovals {

  static final String TENANT = "acme";
  static final String CLIENT = "gateway";
  static final Instant T0 = Instant.parse("2026-11-02T12:00:00Z");
  static final Duration TTL = Duration.ofMinutes(15);
  static final Instant EXPIRY = T0.plus(TTL);

  /** finance: 3 members; security and db-owners share alice; rita requests; eve is no approver. */
  static final GroupMembership MEMBERS =
      GroupMembership.empty()
          .with("finance", "fred", "fiona", "frank")
          .with("security", "sam", "alice")
          .with("db-owners", "alice", "dora", "dan")
          .with("marketing", "eve");

  static final String EDITED = "{\"order\": \"A-17\", \"amount\": 100, \"currency\": \"EUR\"}";

  private TestApprovals() {}

  /** A request needing {@code quorum}, asked on behalf of rita. */
  static ApprovalRequest open(String quorum) {
    return open(quorum, Optional.of("rita"));
  }

  static ApprovalRequest open(String quorum, Optional<String> requester) {
    ApprovalRequest request =
        ApprovalRequest.open(
            new NewApprovalRequest(
                UUID.fromString("7d0c2c4e-4e0b-4f0e-9f5e-3f6f8e1a2b3c"),
                CLIENT,
                requester,
                TestCalls.call(quorum),
                Optional.of(BindingMessage.of("CS-4F2K")),
                TTL),
            T0);
    request.drainEvents();
    return request;
  }

  /** A plain approval of the arguments currently up for approval. */
  static Ballot approve(ApprovalRequest request, String approver) {
    return new Ballot.Approve(TENANT, approver, request.currentArguments().sha256());
  }

  static Ballot edit(String approver, String json) {
    return new Ballot.ApproveEdited(TENANT, approver, ToolArguments.of(json));
  }

  static Ballot reject(String approver) {
    return new Ballot.Reject(TENANT, approver, "not this week");
  }

  /** Casts {@code ballot} a minute after {@link #T0} with {@link #MEMBERS}. */
  static VoteOutcome vote(ApprovalRequest request, Ballot ballot) {
    return request.vote(ballot, MEMBERS, T0.plusSeconds(60));
  }

  /** Asserts {@code ballot} is refused for {@code reason}, changes nothing, adds no event. */
  static void assertRefused(ApprovalRequest request, Ballot ballot, VoteRefusal reason) {
    assertRefused(request, ballot, reason, T0.plusSeconds(60));
  }

  static void assertRefused(
      ApprovalRequest request, Ballot ballot, VoteRefusal reason, Instant now) {
    request.drainEvents();
    ApprovalSnapshot before = request.snapshot();

    assertEquals(new VoteOutcome.Refused(reason), request.vote(ballot, MEMBERS, now));
    assertEquals(before, request.snapshot());
    assertEquals(List.of(), request.drainEvents());
  }

  /** An approved 1-of-finance request. */
  static ApprovalRequest approved() {
    ApprovalRequest request = open("1 of finance");
    vote(request, approve(request, "fred"));
    request.drainEvents();
    return request;
  }
}
