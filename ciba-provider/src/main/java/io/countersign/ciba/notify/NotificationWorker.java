package io.countersign.ciba.notify;

import io.countersign.ciba.delivery.RetrySchedule;
import io.countersign.ciba.notify.NotificationOutbox.Due;
import io.countersign.ciba.notify.NotificationOutbox.State;
import io.countersign.tenant.notification.ChatWebhooks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Sends due notices, retrying with backoff ({@link RetrySchedule}) until sent, skipped or given up
 * (the reason kept in the row). A notice whose request no longer waits for votes (decided,
 * withdrawn, expired) is skipped, not sent. Each batch is one transaction holding its rows with
 * {@code FOR UPDATE SKIP LOCKED}, so several nodes share the work and no notice goes out twice at
 * once; a restart loses nothing, as every row waits in the table.
 */
@ApplicationScoped
public class NotificationWorker {

  private static final Logger LOG = Logger.getLogger(NotificationWorker.class.getName());
  static final int BATCH = 20;

  @Inject NotificationOutbox outbox;
  @Inject NotificationChannels channels;
  @Inject ChatWebhooks webhooks;
  @Inject NotificationMetrics metrics;

  RetrySchedule schedule = RetrySchedule.defaults();

  /** Sends what is due; returns how many notices were attempted. */
  @Transactional
  public int sendDue(Instant now) {
    var due = outbox.claimDue(now, BATCH);
    for (Due notice : due) {
      NoticeOutcome outcome =
          outbox.stillPending(notice.notice(), now)
              ? send(notice, now)
              : new NoticeOutcome.Skipped("the request no longer waits for votes");
      record(notice, outcome, now);
    }
    return due.size();
  }

  private NoticeOutcome send(Due due, Instant now) {
    ApproverNotice notice = due.notice();
    return switch (due.channel()) {
      case PUSH ->
          channels
              .push()
              .map(p -> p.send(due.recipient().orElseThrow(), notice, now))
              .orElseGet(() -> new NoticeOutcome.Skipped("push is off"));
      case EMAIL ->
          channels
              .mail()
              .map(m -> m.send(due.recipient().orElseThrow(), notice, now))
              .orElseGet(() -> new NoticeOutcome.Skipped("e-mail is off"));
      case WEBHOOK ->
          webhooks
              .find(notice.tenant())
              .map(w -> channels.webhook().send(w, notice, now))
              .orElseGet(() -> new NoticeOutcome.Skipped("the tenant declares no webhook"));
    };
  }

  private void record(Due due, NoticeOutcome outcome, Instant now) {
    int attempts = due.attempts() + 1;
    if (outcome instanceof NoticeOutcome.Sent) {
      outbox.attempted(due.id(), State.SENT, Optional.empty(), Optional.empty(), now);
      metrics.count(due.channel(), "sent");
    } else if (outcome instanceof NoticeOutcome.Skipped skipped) {
      outbox.attempted(
          due.id(), State.SKIPPED, Optional.empty(), Optional.of(skipped.reason()), now);
      metrics.count(due.channel(), "skipped");
    } else {
      NoticeOutcome.Failed failed = (NoticeOutcome.Failed) outcome;
      Optional<Instant> next =
          failed.retryable()
              ? schedule.nextAttempt(attempts, now, due.notice().expiresAt())
              : Optional.empty();
      outbox.attempted(
          due.id(),
          next.isPresent() ? State.PENDING : State.FAILED,
          next,
          Optional.of(failed.reason()),
          now);
      metrics.count(due.channel(), next.isPresent() ? "retry" : "failed");
      LOG.warning(
          () ->
              "Approver "
                  + due.channel().word()
                  + " notification "
                  + due.id()
                  + " failed (attempt "
                  + attempts
                  + (next.isPresent() ? ", retrying" : ", giving up")
                  + "): "
                  + failed.reason());
    }
  }
}
