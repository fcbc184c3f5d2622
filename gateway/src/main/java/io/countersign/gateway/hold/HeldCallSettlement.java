package io.countersign.gateway.hold;

import io.countersign.ciba.details.McpToolCall;
import io.countersign.gateway.hold.CibaClient.Denied;
import io.countersign.gateway.hold.CibaClient.Expired;
import io.countersign.gateway.hold.CibaClient.Failed;
import io.countersign.gateway.hold.CibaClient.Issued;
import io.countersign.gateway.hold.CibaClient.Pending;
import io.countersign.gateway.hold.CibaClient.Redeemed;
import io.countersign.gateway.jsonrpc.Jsonp;
import io.countersign.gateway.pipeline.CallOutcome;
import io.countersign.gateway.pipeline.Decision;
import io.countersign.gateway.pipeline.PolicyStage;
import io.countersign.gateway.pipeline.ToolCall;
import io.countersign.gateway.session.McpSession;
import io.countersign.gateway.session.SessionStore;
import io.countersign.gateway.tools.InputSchema;
import io.countersign.gateway.tools.QualifiedName;
import io.countersign.gateway.tools.ToolCatalog;
import io.countersign.gateway.upstream.UpstreamConnector;
import io.countersign.gateway.upstream.UpstreamReply;
import io.countersign.tenant.oauth.ClientSecrets;
import io.countersign.tenant.secret.SecretBox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What happens once the approvers decide: on a ping or a due poll, the gateway redeems the {@code
 * auth_req_id} at the provider's token endpoint, checks the token, re-checks edited arguments
 * against the policy, claims the forward with one conditional update and forwards the call exactly
 * once; a rejection or expiry ends the call with nothing executed. Each step is audited.
 */
@ApplicationScoped
public class HeldCallSettlement {

  private static final Logger LOG = Logger.getLogger(HeldCallSettlement.class.getName());

  /** Beyond the upstream's read timeout, how long a forward may go without a recorded outcome. */
  static final Duration ANSWER_GRACE = Duration.ofMinutes(1);

  @Inject HeldCallStore store;
  @Inject HeldCallTransitions transitions;
  @Inject GatewayClients providers;
  @Inject CibaClient ciba;
  @Inject ApprovalTokens tokens;
  @Inject HoldSettings settings;
  @Inject HeldCallSignals signals;
  @Inject HeldCallWaiters waiters;
  @Inject SecretBox box;
  @Inject SessionStore sessions;
  @Inject ToolCatalog catalog;
  @Inject PolicyStage policy;
  @Inject UpstreamConnector connector;
  @Inject HeldCalls heldCalls;

  /**
   * A ping (CIBA Core 1.0, section 10.2): the bearer token must be the one sent with this call's
   * request and the {@code auth_req_id} its own. Returns the call to settle, if they match.
   */
  public Optional<HeldCall> pinged(String tenantId, String bearerToken, String authReqId) {
    Optional<HeldCall> held =
        store.findByNotificationToken(tenantId, ClientSecrets.hash(bearerToken));
    if (held.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> own = store.authReqIdSealed(held.get().id()).map(box::open);
    boolean same =
        own.isPresent()
            && MessageDigest.isEqual(
                own.get().getBytes(StandardCharsets.UTF_8),
                authReqId.getBytes(StandardCharsets.UTF_8));
    return same ? held : Optional.empty();
  }

  /** Asks where the call's approval stands and acts on the answer; safe to call on any node. */
  public void settle(String tenantId, String heldCallId) {
    settle(tenantId, heldCallId, false);
  }

  /** {@code due}: claimed by the timer, so a FORWARDING call is past its answer time. */
  private void settle(String tenantId, String heldCallId, boolean due) {
    Optional<HeldCall> found = store.find(tenantId, heldCallId);
    if (found.isEmpty()) {
      return;
    }
    HeldCall held = found.get();
    boolean moved = true;
    try {
      if (held.state() == HeldCallState.REQUESTING && due) {
        heldCalls.askAgain(tenantId, heldCallId);
      } else if (held.state() == HeldCallState.PENDING) {
        moved = redeem(held);
      } else if (held.state() == HeldCallState.APPROVED) {
        forward(held, held.approvedArguments().orElse(held.arguments()));
      } else if (held.state() == HeldCallState.FORWARDING && due) {
        transitions.interrupted(
            held,
            "Approved and forwarded to upstream '"
                + held.upstream()
                + "', but Countersign stopped before the upstream answered. The call may or may"
                + " not have run; it is not retried automatically.",
            Instant.now());
      }
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "held call " + heldCallId + " could not be settled; retried later", e);
    }
    if (moved) {
      signals.moved(tenantId, heldCallId);
    }
  }

  /**
   * Redeems the approval and acts on the answer. Returns whether the call moved: a poll that finds
   * the votes where they were wakes nobody (with thousands of calls waiting, most polls do not).
   */
  private boolean redeem(HeldCall held) {
    Instant now = Instant.now();
    Optional<String> authReqId = store.authReqIdSealed(held.id()).map(box::open);
    if (authReqId.isEmpty()) {
      return false;
    }
    ApprovalProvider provider;
    Redeemed redeemed;
    try {
      provider = providers.provider(held.tenantId());
      redeemed = ciba.redeem(provider, authReqId.get());
    } catch (ApprovalUnavailable e) {
      providers.forget(held.tenantId());
      LOG.warning("held call " + held.id() + ": " + e.getMessage() + "; polling again later");
      return false;
    }
    Duration again = provider.ping() ? settings.pollFallback() : Duration.ofSeconds(5);
    if (redeemed instanceof Pending pending) {
      store.progressed(held.id(), pending.description(), now.plus(again), now);
      return !held.progress().orElse("").equals(pending.description());
    } else if (redeemed instanceof CibaClient.SlowDown) {
      store.progressed(held.id(), held.progress().orElse(""), now.plus(again).plusSeconds(5), now);
      return false;
    } else if (redeemed instanceof Denied denied) {
      transitions.decidedAgainst(held, HeldCallState.REJECTED, reason(denied.description()), now);
    } else if (redeemed instanceof Expired expired) {
      transitions.decidedAgainst(held, HeldCallState.EXPIRED, expired.description(), now);
    } else if (redeemed instanceof Failed failed) {
      // invalid_grant after a concurrent redemption elsewhere: that node settles the call
      LOG.warning(
          "held call "
              + held.id()
              + ": token endpoint said "
              + failed.error()
              + " "
              + failed.description());
      return false;
    } else {
      approved(held, provider, ((Issued) redeemed).accessToken(), now);
    }
    return true;
  }

  /** The provider words a rejection "the request was rejected: <reasons>"; keep the reasons. */
  private static String reason(String description) {
    int colon = description.indexOf(": ");
    return colon >= 0 ? description.substring(colon + 2) : description;
  }

  private void approved(HeldCall held, ApprovalProvider provider, String accessToken, Instant now) {
    var check = tokens.check(provider, accessToken, held);
    if (check instanceof ApprovalTokens.Invalid invalid) {
      transitions.failed(
          held,
          HoldAudit.APPROVAL_DECIDED,
          "approval_token_invalid",
          "The approval could not be verified (" + invalid.reason() + "). Nothing was executed.",
          now);
      return;
    }
    McpToolCall approved = ((ApprovalTokens.Approved) check).call();
    if (!approved.bindingCode().map(c -> c.value()).orElse("").equals(held.bindingCode())) {
      transitions.failed(
          held,
          HoldAudit.APPROVAL_DECIDED,
          "approval_token_invalid",
          "The approval token belongs to another held call. Nothing was executed.",
          now);
      return;
    }
    String arguments = approved.arguments().json();
    boolean edited = !approved.argumentsSha256().equals(held.argumentsSha256());
    if (!transitions.approved(held, arguments, edited, now)) {
      return;
    }
    if (edited) {
      Optional<String> refusal = recheck(held, approved.arguments().asJsonObject());
      if (refusal.isPresent()) {
        transitions.failed(
            held, HoldAudit.APPROVAL_DECIDED, "edited_arguments_refused", refusal.get(), now);
        return;
      }
    }
    forward(held, arguments);
  }

  /**
   * Edited arguments must match the tool's input schema and go through the tenant's policy again;
   * either refusal stops the call.
   */
  private Optional<String> recheck(HeldCall held, JsonObject edited) {
    Optional<McpSession> session = sessions.find(held.agent(), held.sessionId());
    if (session.isEmpty()) {
      return Optional.empty();
    }
    var resolution =
        catalog.resolve(session.get(), new QualifiedName(held.upstream(), held.tool()));
    if (!(resolution instanceof ToolCatalog.ResolvedTool tool)) {
      return Optional.of(
          "The edited arguments could not be checked: the tool is no longer available."
              + " Nothing was executed.");
    }
    var schema = InputSchema.check(tool.definition(), edited);
    if (schema instanceof InputSchema.Invalid invalid) {
      return Optional.of(
          "The approver's edited arguments do not match the tool's input schema: "
              + String.join("; ", invalid.problems())
              + ". Nothing was executed.");
    }
    if (schema instanceof InputSchema.Uncheckable uncheckable) {
      return Optional.of(
          "The approver's edited arguments could not be checked against the tool's input schema ("
              + uncheckable.reason()
              + "). Nothing was executed.");
    }
    var call =
        new ToolCall(
            held.id(),
            session.get(),
            tool.upstream(),
            tool.name(),
            tool.definition(),
            edited,
            io.countersign.audit.ArgumentsDigest.of(edited.toString()),
            Instant.now());
    Decision decision = policy.apply(call);
    if (decision instanceof Decision.Deny deny) {
      return Optional.of(
          "The approver's edited arguments are denied by policy rule '"
              + deny.rule()
              + "': "
              + deny.reason()
              + ". Nothing was executed.");
    }
    return Optional.empty();
  }

  /**
   * Claims the forward (one conditional update: never twice) and sends the approved call to its
   * upstream. An upstream failure is recorded and reported, not retried: the call may have run.
   */
  private void forward(HeldCall held, String arguments) {
    Instant now = Instant.now();
    Optional<McpSession> session = sessions.find(held.agent(), held.sessionId());
    var resolution =
        session
            .map(s -> catalog.resolve(s, new QualifiedName(held.upstream(), held.tool())))
            .orElse(null);
    if (!(resolution instanceof ToolCatalog.ResolvedTool tool)) {
      transitions.failed(
          held,
          HoldAudit.FORWARDED,
          "not_forwarded",
          session.isEmpty()
              ? "Approved, but the agent's session ended before the call could run. Nothing was"
                  + " executed; call the tool again in a new session."
              : "Approved, but the tool is no longer available. Nothing was executed.",
          now);
      return;
    }
    Instant answerBy = now.plus(tool.upstream().readTimeout()).plus(ANSWER_GRACE);
    if (!transitions.claimForward(held, arguments, answerBy, now)) {
      return;
    }
    JsonObject approvedArguments = Jsonp.createReader(new StringReader(arguments)).readObject();
    JsonObject message = HeldCalls.upstreamRequest(held, approvedArguments);
    long started = System.nanoTime();
    UpstreamReply reply;
    try {
      reply = connector.send(session.get(), tool.upstream(), message);
      if (reply instanceof UpstreamReply.Stream stream) {
        reply = stream.stream().awaitResponse(message.get("id"), tool.upstream().readTimeout());
      }
    } catch (RuntimeException e) {
      reply =
          new UpstreamReply.Failed(
              new io.countersign.gateway.upstream.UpstreamFailure(
                  io.countersign.gateway.upstream.UpstreamFailure.Kind.MALFORMED,
                  String.valueOf(e.getMessage())));
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    if (reply instanceof UpstreamReply.Json json) {
      JsonObject response = json.message();
      boolean error = response.containsKey("error");
      JsonObject answer =
          Jsonp.createObjectBuilder()
              .add(error ? "error" : "result", response.get(error ? "error" : "result"))
              .build();
      transitions.forwarded(
          held,
          CallOutcome.of(response),
          Optional.of(answer.toString()),
          Optional.empty(),
          millis,
          Instant.now());
      return;
    }
    String detail =
        reply instanceof UpstreamReply.Failed failed
            ? failed.failure().detail()
            : "it answered without a response";
    transitions.forwarded(
        held,
        reply instanceof UpstreamReply.Failed failed
            ? "upstream_" + failed.failure().kind().name().toLowerCase(java.util.Locale.ROOT)
            : "upstream_malformed",
        Optional.empty(),
        Optional.of(
            "Approved and forwarded, but upstream '"
                + held.upstream()
                + "' failed: "
                + detail
                + ". The call may or may not have run; it is not retried automatically."),
        millis,
        Instant.now());
  }

  /** One tick of the timer: settles the calls whose poll is due, on whichever node claims them. */
  public int settleDue(int limit) {
    var due = store.claimDue(Instant.now(), Duration.ofMinutes(1), limit);
    for (String[] row : due) {
      settle(row[0], row[1], true);
    }
    waiters.refresh();
    return due.size();
  }
}
