package io.countersign.gateway.hold;

import io.countersign.ciba.provider.ApprovalProgressed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * When the built-in provider counts a vote (or an escalation step adds a quorum) on a call the
 * gateway holds, the gateway polls that approval at its next tick instead of at its next scheduled
 * poll, so the waiting agent's progress messages and its task's status message follow the votes
 * within about a second. Runs in the vote's transaction: no vote, no earlier poll. An external
 * provider has no such signal; the gateway learns of its votes when it polls.
 */
@ApplicationScoped
public class ApprovalProgress {

  @Inject HeldCallStore store;

  void progressed(@Observes ApprovalProgressed progressed) {
    store.pollBy(progressed.tenant(), progressed.authReqIdSha256(), progressed.mayPollAt());
  }
}
