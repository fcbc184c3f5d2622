package io.countersign.audit.log;

import io.countersign.audit.AuditEvent;
import io.countersign.audit.AuditLog;
import io.countersign.audit.AuditReceipt;
import io.countersign.audit.AuditStoreException;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The tenant's signed log as the {@link AuditLog} of the server: each event becomes the next leaf,
 * written with plain JDBC, either on the caller's transaction ({@code MANDATORY}: the container
 * enlists the connection, so the leaf commits with the state change it records, or not at all) or
 * in a group committed on its own ({@link LogQueue}, {@link GroupAppends}).
 */
@ApplicationScoped
public class JdbcAuditLog implements AuditLog {

  /** Marks, in a transaction, the logs it has appended to and so holds until it ends. */
  private static final String HELD_LOG = JdbcAuditLog.class.getName() + ".held:";

  @Resource(lookup = "jdbc/countersign")
  DataSource dataSource;

  @Resource(lookup = "java:comp/TransactionSynchronizationRegistry")
  TransactionSynchronizationRegistry transactions;

  @Inject AuditLogs logs;
  @Inject GroupAppends groups;

  @Inject
  @ConfigProperty(name = "countersign.audit.group-commit.max-entries", defaultValue = "256")
  int maxGroup;

  @Inject
  @ConfigProperty(name = "countersign.audit.group-commit.patience", defaultValue = "PT10S")
  Duration patience;

  private final Map<String, LogQueue> queues = new ConcurrentHashMap<>();

  /** Each log's origin, fixed when the log was created, as its claims returned it. */
  private final Map<String, String> origins = new ConcurrentHashMap<>();

  private volatile LogAppender.Dialect dialect;

  @Override
  @Transactional(Transactional.TxType.MANDATORY)
  public AuditReceipt append(AuditEvent event) {
    try (var connection = dataSource.getConnection()) {
      AuditReceipt receipt = append(connection, event);
      transactions.putResource(HELD_LOG + event.tenantId(), Boolean.TRUE);
      return receipt;
    } catch (SQLException e) {
      throw new AuditStoreException(
          "audit entry for " + event.tenantId() + " not written: " + e.getMessage(), e);
    }
  }

  @Override
  public AuditReceipt appendAndCommit(AuditEvent event) {
    if (transactions.getTransactionStatus() == Status.STATUS_ACTIVE
        && transactions.getResource(HELD_LOG + event.tenantId()) != null) {
      throw new IllegalStateException(
          "the caller's transaction holds the audit log of "
              + event.tenantId()
              + ": an entry committed on its own would wait for that transaction's end");
    }
    return queues
        .computeIfAbsent(event.tenantId(), tenant -> new LogQueue(maxGroup))
        .append(event, events -> groups.append(event.tenantId(), events), patience);
  }

  /** Appends on a connection the caller's transaction already holds. */
  AuditReceipt append(Connection connection, AuditEvent event) throws SQLException {
    return append(connection, event.tenantId(), List.of(event)).get(0);
  }

  /**
   * Appends a lone {@code event} by one statement where the database and what is known of its log
   * allow it (PostgreSQL, a log this node has appended to): on a connection in autocommit mode the
   * entry is then committed when this returns. Empty when it was not appended: the caller appends
   * it in a transaction ({@link #append(Connection, String, List)}).
   */
  Optional<AuditReceipt> appendAlone(Connection connection, AuditEvent event) throws SQLException {
    String origin = origins.get(event.tenantId());
    if (origin == null || dialect(connection) != LogAppender.Dialect.POSTGRESQL) {
      return Optional.empty();
    }
    return LogAppender.appendAlone(connection, origin, event);
  }

  /** Appends {@code events}, all of the log of {@code tenantId}, as consecutive leaves. */
  List<AuditReceipt> append(Connection connection, String tenantId, List<AuditEvent> events)
      throws SQLException {
    LogAppender.Dialect dialect = dialect(connection);
    Optional<LogAppender.Claim> claim =
        LogAppender.claim(connection, dialect, tenantId, events.size());
    if (claim.isEmpty()) {
      try {
        logs.create(tenantId);
      } catch (RuntimeException raced) {
        // another node created it first; the claim below finds its row
      }
      claim = LogAppender.claim(connection, dialect, tenantId, events.size());
    }
    if (claim.isEmpty()) {
      throw new AuditStoreException("audit log " + tenantId + " could not be created", null);
    }
    origins.putIfAbsent(tenantId, claim.get().origin());
    return LogAppender.write(connection, claim.get(), events);
  }

  /** The database's dialect, asked once: the server has one audit database. */
  private LogAppender.Dialect dialect(Connection connection) throws SQLException {
    LogAppender.Dialect known = dialect;
    if (known == null) {
      known = LogAppender.Dialect.of(connection);
      dialect = known;
    }
    return known;
  }
}
