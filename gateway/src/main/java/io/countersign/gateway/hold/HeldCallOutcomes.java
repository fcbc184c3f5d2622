package io.countersign.gateway.hold;

import io.countersign.tenant.secret.SecretBox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Where a held call stands for those who follow it (a waiting stream, a task): the call, and its
 * outcome once it has one, the upstream's answer unsealed.
 */
@ApplicationScoped
public class HeldCallOutcomes {

  /** A held call and, when it is over, what its agent receives. */
  public record Followed(HeldCall held, Optional<HeldOutcome> outcome) {

    /** "awaiting approval: 1 of 2 from db-owners, code CS-4F2K". */
    public String progressText() {
      return HeldCallWaiters.progressText(held);
    }
  }

  @Inject HeldCallStore store;
  @Inject SecretBox box;

  public Optional<Followed> find(String tenantId, String heldCallId) {
    return store
        .find(tenantId, heldCallId)
        .map(
            held ->
                new Followed(
                    held, HeldOutcome.of(held, store.answerSealed(heldCallId).map(box::open))));
  }

  /** An agent received the call's outcome: a later identical call asks the approvers afresh. */
  public void delivered(String heldCallId) {
    store.delivered(heldCallId);
  }
}
