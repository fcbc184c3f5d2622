package io.countersign.gateway.hold;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Wake-ups across nodes: when a held call moves, the agents waiting for it here are told at once,
 * and on PostgreSQL every other node is told too, by {@code NOTIFY} on {@link #CHANNEL}; each node
 * {@link #listen listens} and hands the call to its own waiters. On H2 (one node) there is nothing
 * to tell. A lost notification costs only time: the timer's refresh finds every move.
 */
@ApplicationScoped
public class HeldCallSignals {

  private static final Logger LOG = Logger.getLogger(HeldCallSignals.class.getName());

  /** The PostgreSQL notification channel; the payload is "{tenant} {held call id}". */
  static final String CHANNEL = "countersign_held_call";

  private static final Duration RECONNECT_AFTER = Duration.ofSeconds(2);

  @Resource(lookup = "jdbc/countersign")
  DataSource dataSource;

  @Inject HeldCallWaiters waiters;

  private volatile Boolean postgres;

  /** The call moved (the move committed): its waiters here and on every other node are told. */
  public void moved(String tenantId, String heldCallId) {
    waiters.changed(tenantId, heldCallId);
    if (!postgres()) {
      return;
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement notify = c.prepareStatement("SELECT pg_notify(?, ?)")) {
      notify.setString(1, CHANNEL);
      notify.setString(2, tenantId + " " + heldCallId);
      notify.execute();
    } catch (SQLException e) {
      LOG.fine("held call " + heldCallId + ": no notification sent (" + e.getMessage() + ")");
    }
  }

  /**
   * Whether this database carries notifications. Decided on first use; a database that cannot be
   * asked yet counts as not PostgreSQL until it can.
   */
  public boolean postgres() {
    Boolean known = postgres;
    if (known == null) {
      try (Connection c = dataSource.getConnection()) {
        known = "PostgreSQL".equals(c.getMetaData().getDatabaseProductName());
        postgres = known;
      } catch (SQLException e) {
        return false;
      }
    }
    return known;
  }

  /**
   * Listens on {@link #CHANNEL} on one connection of its own until {@code running} turns false,
   * handing each notified call to this node's waiters; reconnects after a failure. Blocks: run it
   * on a thread of its own. Returns at once on a database without notifications.
   */
  public void listen(BooleanSupplier running) {
    if (!postgres()) {
      return;
    }
    while (running.getAsBoolean()) {
      try (Connection c = dataSource.getConnection()) {
        try (Statement listen = c.createStatement()) {
          listen.execute("LISTEN " + CHANNEL);
        }
        PGConnection pg = c.unwrap(PGConnection.class);
        LOG.info("listening for held-call wake-ups from other nodes (PostgreSQL " + CHANNEL + ")");
        while (running.getAsBoolean()) {
          PGNotification[] batch = pg.getNotifications(1_000);
          if (batch != null) {
            for (PGNotification notification : batch) {
              dispatch(notification.getParameter());
            }
          }
        }
      } catch (SQLException | RuntimeException e) {
        if (!running.getAsBoolean()) {
          return;
        }
        LOG.warning(
            "held-call wake-ups: listening failed ("
                + e.getMessage()
                + "); again in "
                + RECONNECT_AFTER.toSeconds()
                + " s, the timer's refresh covers the gap");
        try {
          Thread.sleep(RECONNECT_AFTER.toMillis());
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private void dispatch(String payload) {
    int space = payload == null ? -1 : payload.indexOf(' ');
    if (space <= 0) {
      return;
    }
    try {
      waiters.changed(payload.substring(0, space), payload.substring(space + 1));
    } catch (RuntimeException e) {
      LOG.warning("held-call wake-up for " + payload + " failed: " + e.getMessage());
    }
  }
}
