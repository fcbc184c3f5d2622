package io.countersign.gateway.hold;

import io.countersign.ciba.binding.BindingCode;
import io.countersign.ciba.details.EscalationStep;
import io.countersign.ciba.details.FollowUp;
import io.countersign.ciba.details.McpToolCall;
import io.countersign.ciba.details.Risk;
import io.countersign.ciba.details.ToolArguments;
import io.countersign.ciba.provider.Withdrawals;
import io.countersign.ciba.quorum.GroupRequirement;
import io.countersign.ciba.quorum.QuorumRule;
import io.countersign.gateway.briefing.CallSummary;
import io.countersign.gateway.briefing.CallTriggers;
import io.countersign.gateway.hold.CibaClient.Acknowledged;
import io.countersign.gateway.hold.CibaClient.Refused;
import io.countersign.gateway.jsonrpc.Jsonp;
import io.countersign.gateway.pipeline.Decision;
import io.countersign.gateway.pipeline.HoldDesk;
import io.countersign.gateway.pipeline.HoldTicket;
import io.countersign.gateway.pipeline.ToolCall;
import io.countersign.gateway.session.McpSession;
import io.countersign.tenant.oauth.ClientSecrets;
import io.countersign.tenant.policy.ApprovalFollowUp;
import io.countersign.tenant.policy.PolicyVerdict.GroupQuorum;
import io.countersign.tenant.secret.SecretBox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Opens held calls and asks their approvers: the pipeline's {@link HoldDesk}, then the gateway's
 * CIBA backchannel request with the exact call as {@code mcp_tool_call} authorization details, a
 * binding code both sides show, the rule's quorum and timeout; and withdraws the request when the
 * agent cancels. What happens once the approvers decide is {@link HeldCallSettlement}'s.
 */
@ApplicationScoped
public class HeldCalls implements HoldDesk {

  private static final Logger LOG = Logger.getLogger(HeldCalls.class.getName());

  /**
   * How long one attempt at sending a backchannel request may take before the timer on any node
   * makes the next: well beyond the CIBA client's connect and read timeouts (20 s) and the ask
   * queue's wait under a burst.
   */
  static final Duration ASK_LEASE = Duration.ofMinutes(2);

  /** Attempts at sending one backchannel request before the call fails. */
  static final int MAX_ASKS = 3;

  /** CIBA binding messages are at most 64 code points here (see BindingMessage). */
  private static final int BINDING_MESSAGE_MAX = 64;

  @Inject HeldCallStore store;
  @Inject HeldCallTransitions transitions;
  @Inject GatewayClients providers;
  @Inject CibaClient ciba;
  @Inject HoldSettings settings;
  @Inject HeldCallSignals signals;
  @Inject SecretBox box;
  @Inject Withdrawals withdrawals;

  /**
   * In the decision's transaction: joins the identical call already held for this agent, or opens a
   * new held call in state REQUESTING.
   */
  @Override
  public HoldTicket hold(ToolCall call, Decision.Hold hold) {
    Instant now = Instant.now();
    store.lockAgent(call.agent());
    Optional<HeldCall> joinable =
        store.findJoinable(
            call.agent(),
            call.upstream().name(),
            call.tool(),
            call.argumentsDigest(),
            now,
            settings.retryWindow());
    if (joinable.isPresent()) {
      return new HoldTicket(joinable.get().id(), true);
    }
    HeldCall held =
        new HeldCall(
            // the call id: the decision entry and the held call's entries share one correlation id
            call.callId(),
            call.agent(),
            call.session().id(),
            call.upstream().name(),
            call.tool(),
            call.arguments().toString(),
            call.argumentsDigest(),
            hold.rule(),
            quorum(hold.quorum()).toString(),
            BindingCode.generate().value(),
            HeldCallState.REQUESTING,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            false,
            now,
            Optional.empty(),
            Optional.empty());
    McpToolCall details = details(call, hold, held);
    var request =
        new BackchannelRequest(
            "[" + details.toJson() + "]",
            "group:" + hold.quorum().get(0).group(),
            bindingMessage(held),
            hold.timeout().toSeconds());
    store.insert(held, request, now.plus(ASK_LEASE), now);
    return new HoldTicket(held.id(), false);
  }

  /**
   * Sends a held call's backchannel authentication request, once this thread claimed attempt {@code
   * asks + 1} (the node that held the call claims the first; the timer claims later ones when that
   * lease ran out). The call leaves REQUESTING: PENDING when the provider acknowledged, FAILED
   * (audited, nothing executed) when it refused, could not be reached, or after {@link #MAX_ASKS}
   * attempts. Runs on the ask queue or the timer, never on an agent's request thread.
   */
  public void ask(String tenantId, String heldCallId, int asks) {
    Optional<HeldCall> found = store.find(tenantId, heldCallId);
    Optional<HeldCallStore.Ask> ask = store.ask(heldCallId);
    Instant now = Instant.now();
    if (found.isEmpty()
        || ask.isEmpty()
        || ask.get().asks() != asks
        || !store.claimAsk(heldCallId, asks, now.plus(ASK_LEASE), now)) {
      return;
    }
    HeldCall held = found.get();
    if (asks >= MAX_ASKS || ask.get().request().isEmpty()) {
      fail(
          held,
          "The approvers could not be asked"
              + (asks >= MAX_ASKS ? " after " + asks + " attempts" : "")
              + ". Nothing was executed.");
      signals.moved(tenantId, heldCallId);
      return;
    }
    BackchannelRequest request = ask.get().request().get();
    try {
      ApprovalProvider provider = providers.provider(tenantId);
      String notificationToken = ClientSecrets.generate();
      var asked =
          ciba.ask(
              provider,
              request.authorizationDetails(),
              request.loginHint(),
              request.bindingMessage(),
              request.requestedExpiry(),
              provider.ping() ? Optional.of(notificationToken) : Optional.empty());
      if (asked instanceof Refused refused) {
        providers.forget(tenantId);
        fail(
            held,
            "The approval request was refused by the approval provider ("
                + refused.error()
                + ": "
                + refused.description()
                + "). Nothing was executed.");
      } else {
        var ack = (Acknowledged) asked;
        Instant acknowledged = Instant.now();
        Instant pollAt =
            acknowledged.plus(provider.ping() ? settings.pollFallback() : ack.interval());
        if (!transitions.requested(
            held,
            ack.authReqId(),
            ClientSecrets.hash(notificationToken),
            now.plus(ack.expiresIn()),
            pollAt,
            acknowledged)) {
          // cancelled by the agent while the request was on its way: withdraw it again
          withdraw(held, Optional.of(ack.authReqId()), "cancelled by the agent", acknowledged);
        }
      }
    } catch (ApprovalUnavailable e) {
      providers.forget(tenantId);
      fail(held, "The approvers could not be asked: " + e.getMessage() + ". Nothing was executed.");
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "held call " + held.id() + ": asking the approvers failed", e);
      fail(held, "The approvers could not be asked (internal error). Nothing was executed.");
    }
    signals.moved(tenantId, heldCallId);
  }

  /** The timer found a call still REQUESTING after its ask's lease: the next attempt. */
  public void askAgain(String tenantId, String heldCallId) {
    store.ask(heldCallId).ifPresent(ask -> ask(tenantId, heldCallId, ask.asks()));
  }

  /** After the decision committed: the client's request {@code requestId} waits on the call. */
  public void waiting(McpSession session, JsonValue requestId, String heldCallId) {
    store.waiting(
        session.tenantId(), session.id(), requestId.toString(), heldCallId, Instant.now());
  }

  /**
   * The agent cancelled its request ({@code notifications/cancelled}). When the request waits on a
   * held call that is not yet being forwarded, the call is cancelled (audited), its approval
   * request withdrawn at the built-in provider (approvers see it as cancelled and can no longer
   * vote), and every request waiting on it is answered. Returns whether a held call was cancelled.
   */
  public boolean cancel(McpSession session, JsonValue requestId, Optional<String> reason) {
    Optional<HeldCall> held =
        store
            .heldFor(session.tenantId(), session.id(), requestId.toString())
            .flatMap(id -> store.find(session.tenantId(), id));
    if (held.isEmpty()) {
      return false;
    }
    return cancel(
        held.get(),
        "cancelled by the agent"
            + reason.filter(r -> !r.isBlank()).map(r -> " (" + r + ")").orElse(""));
  }

  /**
   * A 2026-07-28 agent closed the stream of a request that waits on a held call: in that era
   * closing the stream is how a request is cancelled, so the call is cancelled as above.
   */
  public boolean streamClosed(String tenantId, String heldCallId) {
    return store
        .find(tenantId, heldCallId)
        .map(held -> cancel(held, "cancelled by the agent (it closed the request's stream)"))
        .orElse(false);
  }

  /**
   * A task that follows the held call was cancelled ({@code tasks/cancel}): the call is cancelled
   * as above. Returns whether it was; not once its forward is claimed or it is over.
   */
  public boolean taskCancelled(String tenantId, String heldCallId) {
    return store
        .find(tenantId, heldCallId)
        .map(held -> cancel(held, "cancelled by the agent (it cancelled the call's task)"))
        .orElse(false);
  }

  private boolean cancel(HeldCall held, String why) {
    Instant now = Instant.now();
    if (!transitions.cancelled(held, why, now)) {
      return false;
    }
    withdraw(held, store.authReqIdSealed(held.id()).map(box::open), why, now);
    signals.moved(held.tenantId(), held.id());
    return true;
  }

  /**
   * The provider is told after the cancellation committed; a provider that does not know the
   * request (an external one: CIBA has no cancel endpoint) lets it expire, and its approval is
   * never redeemed.
   */
  private void withdraw(HeldCall held, Optional<String> authReqId, String reason, Instant now) {
    if (authReqId.isEmpty()) {
      return;
    }
    try {
      ApprovalProvider provider = providers.provider(held.tenantId());
      if (provider.external()) {
        return; // CIBA has no cancel endpoint: the request expires there, never redeemed
      }
      var withdrawn =
          withdrawals.withdraw(held.tenantId(), provider.clientId(), authReqId.get(), reason, now);
      LOG.fine("held call " + held.id() + ": approval request " + withdrawn);
    } catch (ApprovalUnavailable | RuntimeException e) {
      LOG.warning("held call " + held.id() + ": the approval request could not be withdrawn: " + e);
    }
  }

  private void fail(HeldCall held, String reason) {
    transitions.failed(
        held, HoldAudit.APPROVAL_REQUESTED, "approval_unavailable", reason, Instant.now());
  }

  /**
   * The exact call for the approvers, as RFC 9396 authorization details, with the summary (the
   * policy's template for the tool, else a fallback), the risk and the triggers that held it.
   */
  static McpToolCall details(ToolCall call, Decision.Hold hold, HeldCall held) {
    return new McpToolCall(
        call.tenantId(),
        call.upstream().name(),
        call.tool(),
        ToolArguments.of(call.arguments().toString()),
        hold.briefing()
            .risk()
            .map(level -> Risk.valueOf(level.name()))
            .orElseGet(() -> risk(call.definition())),
        CallSummary.of(call, hold.briefing().summary()),
        hold.rule(),
        quorum(hold.quorum()),
        Optional.of(new BindingCode(held.bindingCode())),
        followUp(hold.followUp()),
        CallTriggers.of(hold, call.definition()));
  }

  static QuorumRule quorum(List<GroupQuorum> quorum) {
    return QuorumRule.allOf(
        quorum.stream()
            .map(q -> new GroupRequirement(q.group(), q.count()))
            .toArray(GroupRequirement[]::new));
  }

  /** The rule's reminders and escalation steps, as the provider reads them. */
  static FollowUp followUp(ApprovalFollowUp followUp) {
    return new FollowUp(
        followUp.remindEvery(),
        followUp.escalation().stream()
            .map(
                step ->
                    new EscalationStep(
                        step.after(),
                        step.notifyGroups(),
                        step.add().isEmpty() ? Optional.empty() : Optional.of(quorum(step.add()))))
            .toList());
  }

  /** When the rule gives no risk: high for tools their upstream marks destructive, else medium. */
  static Risk risk(JsonObject definition) {
    JsonValue annotations = definition.get("annotations");
    boolean destructive =
        annotations instanceof JsonObject a && a.get("destructiveHint") == JsonValue.TRUE;
    return destructive ? Risk.HIGH : Risk.MEDIUM;
  }

  /** "CS-4F2K delete_orders", cut to the binding message limit. */
  static String bindingMessage(HeldCall held) {
    String text = held.bindingCode() + " " + held.tool();
    return text.codePointCount(0, text.length()) <= BINDING_MESSAGE_MAX
        ? text
        : text.substring(0, text.offsetByCodePoints(0, BINDING_MESSAGE_MAX));
  }

  /** The JSON-RPC request the upstream gets for an approved call. */
  static JsonObject upstreamRequest(HeldCall held, JsonObject arguments) {
    return Jsonp.createObjectBuilder()
        .add("jsonrpc", "2.0")
        .add("id", "cs-held-" + held.id())
        .add("method", "tools/call")
        .add(
            "params",
            Jsonp.createObjectBuilder().add("name", held.tool()).add("arguments", arguments))
        .build();
  }
}
