package io.countersign.web.oidc;

import io.countersign.ciba.provider.CallbackQueued;
import io.countersign.ciba.provider.DeliveryWorker;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends a decision's ping or push callback as soon as the decision commits, instead of on the next
 * tick of {@link ProviderSchedule}: an approver's final vote reaches the gateway in milliseconds.
 * The outbox row stays the source of truth; if this attempt cannot run, the timer sends it.
 */
@ApplicationScoped
public class CallbackDispatch {

  private static final Logger LOG = Logger.getLogger(CallbackDispatch.class.getName());

  @Resource ManagedExecutorService executor;

  @Inject DeliveryWorker delivery;

  void queued(@Observes(during = TransactionPhase.AFTER_SUCCESS) CallbackQueued event) {
    try {
      executor.execute(this::deliver);
    } catch (RejectedExecutionException e) {
      LOG.fine("callback for " + event.approvalId() + " left to the timer: " + e.getMessage());
    }
  }

  private void deliver() {
    try {
      delivery.deliverDue(Instant.now());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "delivering CIBA callbacks failed; the timer retries", e);
    }
  }
}
