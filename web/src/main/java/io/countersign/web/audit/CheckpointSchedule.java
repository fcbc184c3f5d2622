package io.countersign.web.audit;

import io.countersign.audit.log.AuditLogs;
import io.countersign.audit.log.Checkpointer;
import io.countersign.audit.log.LogState;
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
 * Signs checkpoints on the cadence: for each log with new entries once {@code
 * countersign.audit.checkpoint-interval} has passed or {@code countersign.audit.checkpoint-batch}
 * entries wait, and a daily heartbeat. Every node runs it; nodes that race sign the same checkpoint
 * and the second insert fails harmlessly.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
public class CheckpointSchedule {

  private static final Logger LOG = Logger.getLogger(CheckpointSchedule.class.getName());
  private static final Duration HEARTBEAT = Duration.ofDays(1);

  @Resource ManagedScheduledExecutorService scheduler;

  @Inject AuditLogs logs;
  @Inject Checkpointer checkpointer;

  @Inject
  @ConfigProperty(name = "countersign.audit.checkpoint-interval", defaultValue = "PT60S")
  Duration interval;

  @Inject
  @ConfigProperty(name = "countersign.audit.checkpoint-batch", defaultValue = "1000")
  long batch;

  @Inject
  @ConfigProperty(name = "countersign.audit.checkpoint-tick", defaultValue = "PT5S")
  Duration tick;

  private NodeTimer timer;

  @PostConstruct
  void start() {
    timer = NodeTimer.every(scheduler, tick, this::run, LOG, "the audit checkpoint timer");
  }

  @PreDestroy
  void stop() {
    if (timer != null) {
      timer.cancel();
    }
  }

  void run() {
    try {
      Instant now = Instant.now();
      for (LogState log : logs.states()) {
        if (log.due(now, interval, batch, HEARTBEAT)) {
          boolean heartbeat = log.size() == log.checkpointedSize();
          try {
            checkpointer.checkpoint(log.tenantId(), heartbeat);
          } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "checkpoint of audit log " + log.tenantId() + " failed", e);
          }
        }
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "audit checkpoint schedule could not read the logs", e);
    }
  }
}
