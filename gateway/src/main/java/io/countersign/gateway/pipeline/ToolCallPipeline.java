package io.countersign.gateway.pipeline;

import io.countersign.audit.AuditEvent;
import io.countersign.audit.AuditEvent.Actor;
import io.countersign.audit.AuditEvent.ToolRef;
import io.countersign.audit.AuditLog;
import io.countersign.audit.AuditPayload;
import io.countersign.gateway.session.McpSession;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Runs the stages in order; the first that does not {@link Decision.Proceed proceed} decides. The
 * pipeline itself, not the stages, writes exactly one {@code tool_call.decision} audit entry per
 * call, committed before the caller acts on it: if the entry cannot be written, the caller forwards
 * nothing. A held call's entry commits in one transaction with the held call; the others record
 * nothing else and are committed on their own, grouped with the tenant's other such entries ({@link
 * AuditLog#appendAndCommit}), so that concurrent calls of one tenant do not queue on its log.
 */
@ApplicationScoped
public class ToolCallPipeline {

  /** Outcomes recorded with a decision entry. */
  public static final String FORWARDING = "forwarding";

  public static final String DENIED = "denied";
  public static final String HELD = "held";

  /** The decision's outcome for a call that waits for its user's confirmation. */
  public static final String AWAITING_CONFIRMATION = "awaiting_confirmation";

  /** The audit event of the user's answer to a {@code confirm} rule. */
  public static final String TOOL_CALL_CONFIRMATION = "tool_call.confirmation";

  public static final String JOINED = "joined";

  private final Clock clock = Clock.systemUTC();

  @Inject PolicyStage policyStage;
  @Inject AuditLog auditLog;
  @Inject HeldDecisions heldDecisions;

  List<Stage> stages() {
    return List.of(policyStage);
  }

  /**
   * Decides, and for a held call records it at the {@link HoldDesk}, in one transaction with the
   * decision's audit entry ({@link HeldDecisions}); any other decision's entry is committed on its
   * own before this returns. Only a held call opens a transaction: an allowed call's path has one
   * commit before it is forwarded, its entry's.
   */
  public Decided decide(ToolCall call) {
    long started = System.nanoTime();
    Decision decision = Decision.Proceed.unconditionally();
    Optional<String> rule = Optional.empty();
    for (Stage stage : stages()) {
      Decision next = stage.apply(call);
      if (next instanceof Decision.Proceed proceed) {
        if (proceed.rule().isPresent()) {
          rule = proceed.rule();
        }
        decision = proceed;
        continue;
      }
      decision = next;
      break;
    }
    long micros = (System.nanoTime() - started) / 1_000;
    if (decision instanceof Decision.Hold hold) {
      Decision held = decision;
      Optional<String> heldRule = rule;
      HoldTicket ticket =
          heldDecisions.hold(
              call,
              hold,
              issued -> decisionEvent(call, held, heldRule, Optional.of(issued), micros));
      return new Decided(decision, Optional.of(ticket));
    }
    auditLog.appendAndCommit(decisionEvent(call, decision, rule, Optional.empty(), micros));
    return new Decided(decision, Optional.empty());
  }

  /**
   * Records a call that never reached the stages (its tool is unknown, or its upstream could not be
   * asked), so that every {@code tools/call} has its one decision entry.
   */
  public void reject(
      String callId,
      McpSession session,
      String toolName,
      String argumentsDigest,
      String reason,
      String outcome) {
    auditLog.appendAndCommit(
        new AuditEvent(
            session.tenantId(),
            clock.instant(),
            AuditEvent.TOOL_CALL_DECISION,
            callId,
            actor(session),
            Optional.of(new ToolRef(null, toolName, argumentsDigest)),
            Optional.of("reject"),
            Optional.empty(),
            Optional.of(reason),
            outcome,
            Optional.empty(),
            Optional.empty(),
            Optional.empty()));
  }

  /**
   * Records what forwarding an allowed call produced, committed on its own; the upstream's answer
   * (its result or error object), when there is one, is the entry's payload.
   */
  public void recordOutcome(
      ToolCall call, String outcome, long upstreamMillis, Optional<JsonObject> answer) {
    auditLog.appendAndCommit(outcomeEvent(call, outcome, upstreamMillis, answer));
  }

  /**
   * Records the outcome in the caller's transaction, which commits it with the state change that
   * made it known (a task marked ended once), or rolls both back.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void recordOutcomeWithin(
      ToolCall call, String outcome, long upstreamMillis, Optional<JsonObject> answer) {
    auditLog.append(outcomeEvent(call, outcome, upstreamMillis, answer));
  }

  private AuditEvent outcomeEvent(
      ToolCall call, String outcome, long upstreamMillis, Optional<JsonObject> answer) {
    return new AuditEvent(
        call.tenantId(),
        clock.instant(),
        AuditEvent.TOOL_CALL_OUTCOME,
        call.callId(),
        actor(call.session()),
        Optional.of(toolRef(call)),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        outcome,
        Optional.empty(),
        Optional.of(upstreamMillis),
        answer.map(json -> AuditPayload.result(json.toString())));
  }

  /**
   * Records the user's answer to a {@code confirm} rule ({@code confirmed}, {@code declined},
   * {@code cancelled}, {@code not_answered}, {@code cannot_ask}), committed on its own before a
   * confirmed call is forwarded.
   */
  public void recordConfirmation(ToolCall call, String outcome, Optional<String> reason) {
    auditLog.appendAndCommit(
        new AuditEvent(
            call.tenantId(),
            clock.instant(),
            TOOL_CALL_CONFIRMATION,
            call.callId(),
            actor(call.session()),
            Optional.of(toolRef(call)),
            Optional.empty(),
            Optional.empty(),
            reason,
            outcome,
            Optional.empty(),
            Optional.empty(),
            Optional.empty()));
  }

  private AuditEvent decisionEvent(
      ToolCall call,
      Decision decision,
      Optional<String> allowRule,
      Optional<HoldTicket> ticket,
      long micros) {
    String verdict;
    Optional<String> rule;
    Optional<String> reason = Optional.empty();
    String outcome;
    if (decision instanceof Decision.Deny deny) {
      verdict = "deny";
      rule = Optional.of(deny.rule());
      reason = Optional.of(deny.reason());
      outcome = DENIED;
    } else if (decision instanceof Decision.Hold hold) {
      verdict = "require_approval";
      rule = Optional.of(hold.rule());
      boolean joined = ticket.map(HoldTicket::joined).orElse(false);
      outcome = joined ? JOINED : HELD;
      reason = ticket.map(t -> (joined ? "joined held call " : "held call ") + t.heldCallId());
    } else if (decision instanceof Decision.Confirm confirm) {
      verdict = "confirm";
      rule = Optional.of(confirm.rule());
      outcome = AWAITING_CONFIRMATION;
    } else {
      verdict = "allow";
      rule = allowRule;
      outcome = FORWARDING;
    }
    return new AuditEvent(
        call.tenantId(),
        clock.instant(),
        AuditEvent.TOOL_CALL_DECISION,
        call.callId(),
        actor(call.session()),
        Optional.of(toolRef(call)),
        Optional.of(verdict),
        rule,
        reason,
        outcome,
        Optional.of(micros),
        Optional.empty(),
        Optional.of(AuditPayload.arguments(call.arguments().toString())));
  }

  private static Actor actor(McpSession session) {
    return Actor.agent(
        session.agent().agentId(), session.agent().agentName(), Optional.of(session.id()));
  }

  private static ToolRef toolRef(ToolCall call) {
    return new ToolRef(call.upstream().name(), call.tool(), call.argumentsDigest());
  }
}
