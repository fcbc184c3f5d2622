package io.countersign.web.mcp;

import io.countersign.gateway.hold.HeldCallSettlement;
import io.countersign.gateway.hold.HeldCallSignals;
import io.countersign.gateway.hold.HeldCallWaiters;
import io.countersign.gateway.mcp.Confirmations;
import io.countersign.gateway.mcp.InputBridge;
import io.countersign.gateway.mcp.SessionInputBridge;
import io.countersign.gateway.mcp.TaskStatusNotifier;
import io.countersign.gateway.mcp.UpstreamRoundTrips;
import io.countersign.gateway.mcp.UpstreamTaskInputs;
import io.countersign.gateway.resume.ResumableStreams;
import io.countersign.web.platform.NodeTimer;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The held calls' timer, every {@code countersign.gateway.tick}: sends backchannel requests whose
 * node never sent them, polls the approvals whose poll is due (a lost ping, poll mode), forwards
 * approved calls no node has claimed (after a restart), and tells the agents waiting here about
 * moves made on other nodes; it also lets go of 2026-07-28 calls whose client did not come back
 * with the input they required ({@link InputBridge#expire}), and drops the resumable streams nobody
 * can resume any more. Every node runs it; rows are claimed with {@code FOR UPDATE SKIP LOCKED}.
 * Beside it, on PostgreSQL, a thread listens for other nodes' wake-ups ({@link HeldCallSignals}),
 * so a move made elsewhere reaches the agents here at once, not on the next tick.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
public class HoldSchedule {

  private static final Logger LOG = Logger.getLogger(HoldSchedule.class.getName());

  @Resource ManagedScheduledExecutorService scheduler;

  @Resource ManagedThreadFactory threads;

  @Inject HeldCallSettlement settlement;

  @Inject HeldCallSignals signals;

  @Inject InputBridge inputBridge;
  @Inject Confirmations confirmations;
  @Inject UpstreamRoundTrips roundTrips;
  @Inject SessionInputBridge sessionInputs;
  @Inject UpstreamTaskInputs taskInputs;
  @Inject TaskStatusNotifier taskNotifier;

  @Inject
  @ConfigProperty(name = "countersign.gateway.tick", defaultValue = "PT1S")
  Duration tick;

  @Inject
  @ConfigProperty(name = "countersign.gateway.keep-alive", defaultValue = "PT15S")
  Duration keepAlive;

  @Inject HeldCallWaiters waiters;
  @Inject ResumableStreams streams;

  private NodeTimer timer;
  private NodeTimer keepAliveTimer;

  private volatile boolean running;
  private Thread listener;

  @PostConstruct
  void start() {
    timer = NodeTimer.every(scheduler, tick, this::run, LOG, "settling held calls");
    keepAliveTimer =
        NodeTimer.every(
            scheduler, keepAlive, waiters::keepAlive, LOG, "keeping held streams alive");
    running = true;
    listener = threads.newThread(() -> signals.listen(() -> running));
    listener.setName("countersign-held-call-wakeups");
    listener.setDaemon(true);
    listener.start();
  }

  @PreDestroy
  void stop() {
    running = false;
    if (listener != null) {
      listener.interrupt();
    }
    if (timer != null) {
      timer.cancel();
    }
    if (keepAliveTimer != null) {
      keepAliveTimer.cancel();
    }
  }

  void run() {
    settlement.settleDue(50);
    inputBridge.expire();
    confirmations.expire();
    roundTrips.expire();
    sessionInputs.expire();
    taskInputs.expire();
    taskNotifier.endDue();
    streams.purge();
  }
}
