package io.countersign.ciba.provider;

import io.countersign.ciba.delivery.DeliveryResult;
import io.countersign.ciba.delivery.NotificationSender;
import io.countersign.ciba.delivery.RetrySchedule;
import io.countersign.tenant.outbound.OutboundUrlPolicy;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Sends due ping and push callbacks, retrying with backoff ({@link RetrySchedule}) until delivered,
 * refused (SSRF policy, redirects, 4xx) or out of time. Each batch is one transaction holding its
 * rows with {@code FOR UPDATE SKIP LOCKED}, so several nodes share the work and no callback goes
 * out twice at once.
 */
@ApplicationScoped
public class DeliveryWorker {

  private static final Logger LOG = Logger.getLogger(DeliveryWorker.class.getName());
  private static final int BATCH = 20;

  @Inject DeliveryOutbox outbox;
  @Inject OutboundUrlPolicy policy;

  private NotificationSender sender;
  private final RetrySchedule schedule = RetrySchedule.defaults();

  @PostConstruct
  void start() {
    sender = new NotificationSender(policy, Duration.ofSeconds(5));
  }

  /** Sends what is due; returns how many callbacks were attempted. */
  @Transactional
  public int deliverDue(Instant now) {
    var due = outbox.claimDue(now, BATCH);
    for (DeliveryOutbox.Due callback : due) {
      DeliveryResult result = sender.send(callback.notification());
      int attempts = callback.attempts() + 1;
      if (result instanceof DeliveryResult.Delivered) {
        outbox.attempted(callback.id(), Optional.of(now), Optional.empty(), Optional.empty());
        continue;
      }
      String reason =
          result instanceof DeliveryResult.Failed failed
              ? failed.reason()
              : ((DeliveryResult.Refused) result).reason();
      boolean retryable = result instanceof DeliveryResult.Failed failed && failed.retryable();
      Optional<Instant> next =
          retryable ? schedule.nextAttempt(attempts, now, callback.notAfter()) : Optional.empty();
      outbox.attempted(callback.id(), Optional.empty(), next, Optional.of(reason));
      LOG.warning(
          () ->
              "CIBA "
                  + callback.notification().kind()
                  + " callback to "
                  + callback.notification().endpoint().getHost()
                  + " failed (attempt "
                  + attempts
                  + (next.isPresent() ? ", retrying" : ", giving up")
                  + "): "
                  + reason);
    }
    return due.size();
  }
}
