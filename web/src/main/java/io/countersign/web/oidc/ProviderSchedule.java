package io.countersign.web.oidc;

import io.countersign.ciba.notify.NotificationWorker;
import io.countersign.ciba.provider.DeliveryWorker;
import io.countersign.ciba.provider.ExpirySweep;
import io.countersign.ciba.provider.FollowUpSweep;
import io.countersign.web.platform.NodeTimer;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The provider's timers, every {@code countersign.ciba.tick}: expire requests past their expiry,
 * take due reminders and escalation steps, send due ping and push callbacks, then due approver
 * notifications. Every node runs it; rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so each
 * request expires and each callback and notification goes out once.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
public class ProviderSchedule {

  private static final Logger LOG = Logger.getLogger(ProviderSchedule.class.getName());

  @Resource ManagedScheduledExecutorService scheduler;

  @Inject ExpirySweep expiry;
  @Inject DeliveryWorker delivery;
  @Inject FollowUpSweep followUps;
  @Inject NotificationWorker notifications;

  @Inject
  @ConfigProperty(name = "countersign.ciba.tick", defaultValue = "PT1S")
  Duration tick;

  private NodeTimer timer;

  @PostConstruct
  void start() {
    timer = NodeTimer.every(scheduler, tick, this::run, LOG, "the CIBA provider timer");
  }

  @PreDestroy
  void stop() {
    if (timer != null) {
      timer.cancel();
    }
  }

  void run() {
    try {
      for (int batch = 0; batch < 20 && expiry.expireDue(Instant.now()) > 0; batch++) {
        // keep going while batches find due requests, within bounds
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "expiring CIBA requests failed", e);
    }
    try {
      for (int batch = 0; batch < 20 && followUps.followUpDue(Instant.now()) > 0; batch++) {
        // keep going while batches take reminders and escalation steps, within bounds
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "reminding and escalating CIBA requests failed", e);
    }
    try {
      delivery.deliverDue(Instant.now());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "delivering CIBA callbacks failed", e);
    }
    try {
      for (int batch = 0; batch < 5 && notifications.sendDue(Instant.now()) > 0; batch++) {
        // keep going while batches find due notifications, within bounds
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "sending approver notifications failed", e);
    }
  }
}
