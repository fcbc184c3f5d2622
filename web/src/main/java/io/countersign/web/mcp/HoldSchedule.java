package io.countersign.web.mcp;

import io.countersign.gateway.hold.HeldCallSettlement;
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
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The held calls' timer, every {@code countersign.gateway.tick}: polls the approvals whose poll is
 * due (a lost ping, poll mode), forwards approved calls no node has claimed (after a restart), and
 * tells the agents waiting here about moves made on other nodes. Every node runs it; rows are
 * claimed with {@code FOR UPDATE SKIP LOCKED}.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
public class HoldSchedule {

  private static final Logger LOG = Logger.getLogger(HoldSchedule.class.getName());

  @Resource ManagedScheduledExecutorService scheduler;

  @Inject HeldCallSettlement settlement;

  @Inject
  @ConfigProperty(name = "countersign.gateway.tick", defaultValue = "PT1S")
  Duration tick;

  private NodeTimer timer;

  @PostConstruct
  void start() {
    timer = NodeTimer.every(scheduler, tick, this::run, LOG, "settling held calls");
  }

  @PreDestroy
  void stop() {
    if (timer != null) {
      timer.cancel();
    }
  }

  void run() {
    settlement.settleDue(50);
  }
}
