package io.countersign.gateway.hold;

import io.countersign.tenant.AgentPrincipal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One held call as stored: the exact call, who asked, the approval it waits for and where it
 * stands. Secrets (the {@code auth_req_id}, the upstream's answer) stay sealed in the store.
 *
 * @param id the call id, the correlation id of all its audit entries
 * @param arguments the arguments as the agent sent them (JSON text)
 * @param quorum the policy rule's quorum in text form ({@code 2 of db-owners})
 * @param progress the provider's last description of the votes, if any
 * @param approvedArguments the arguments as approved (an approver may have edited them)
 * @param outcomeText why it was rejected, expired or failed
 * @param delivered whether an agent received its outcome
 */
public record HeldCall(
    String id,
    AgentPrincipal agent,
    String sessionId,
    String upstream,
    String tool,
    String arguments,
    String argumentsSha256,
    String policyRule,
    String quorum,
    String bindingCode,
    HeldCallState state,
    Optional<String> progress,
    Optional<String> approvedArguments,
    Optional<String> outcomeText,
    boolean delivered,
    Instant createdAt,
    Optional<Instant> expiresAt,
    Optional<Instant> decidedAt) {

  public HeldCall {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(progress, "progress");
    Objects.requireNonNull(approvedArguments, "approvedArguments");
    Objects.requireNonNull(outcomeText, "outcomeText");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(decidedAt, "decidedAt");
  }

  public String tenantId() {
    return agent.tenantId();
  }
}
