package io.countersign.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The log as stored: someone with the database in hand (here: the test, as the tables' owner) who
 * alters, reorders or deletes entries is caught by the offline verifier; PostgreSQL itself refuses
 * UPDATE and DELETE; parallel appends are gapless; one tenant's log never waits for another's.
 */
class AuditDatabaseIT {

  @TempDir Path temp;

  @Test
  void storedEntryWhenAlteredReorderedOrDeletedThenVerifierFailsAtThatEntry() throws Exception {
    String tenant = "tamper";
    var mcp = new McpHttp(tenant, AuditApi.tenantWithAgent(tenant));
    mcp.initialize("2025-11-25");
    for (int i = 0; i < 4; i++) {
      mcp.callTool("shop__list_orders", JsonObject.EMPTY_JSON_OBJECT);
    }
    var audit = new AuditApi(tenant);
    audit.checkpointNow();
    var keys = audit.keys();
    assertEquals(
        0, OfflineVerifier.verify(audit.export("", temp.resolve("ok.zip")), keys).exitCode());

    byte[] original = leaf(tenant, 1);
    byte[] altered = original.clone();
    altered[altered.length - 3] ^= 1;
    asOwner(
        "UPDATE audit_log_entry SET leaf = ? WHERE tenant_id = ? AND leaf_index = 1",
        altered,
        tenant);
    var run = OfflineVerifier.verify(audit.export("", temp.resolve("altered.zip")), keys);
    assertEquals(1, run.exitCode(), run.output());
    assertTrue(run.output().contains("entry 1 was altered"), run.output());
    asOwner(
        "UPDATE audit_log_entry SET leaf = ? WHERE tenant_id = ? AND leaf_index = 1",
        original,
        tenant);
    assertEquals(
        0, OfflineVerifier.verify(audit.export("", temp.resolve("restored.zip")), keys).exitCode());

    swapLeaves(tenant, 2, 3);
    run = OfflineVerifier.verify(audit.export("", temp.resolve("swapped.zip")), keys);
    assertEquals(1, run.exitCode(), run.output());
    // rows swapped whole (bytes and recorded hashes): the verifier can only bound the damage
    assertTrue(run.output().contains("do not rebuild checkpoint"), run.output());
    swapLeaves(tenant, 2, 3);

    asOwner("DELETE FROM audit_payload WHERE tenant_id = ? AND leaf_index = 4", null, tenant);
    asOwner("DELETE FROM audit_log_entry WHERE tenant_id = ? AND leaf_index = 4", null, tenant);
    run = OfflineVerifier.verify(audit.export("", temp.resolve("deleted.zip")), keys);
    assertEquals(1, run.exitCode(), run.output());
    assertTrue(run.output().contains("first broken entry: 4"), run.output());
  }

  @Test
  void logTablesWhenUpdatedOrDeletedThenPostgresRefusesWhoeverAsks() throws Exception {
    Assumptions.assumeTrue(
        ItEnvironment.onPostgres(), "append-only triggers exist on PostgreSQL only (H2 pass)");
    var mcp = new McpHttp("demo", ItEnvironment.demoAgentKey());
    mcp.initialize("2025-11-25");
    mcp.callTool("shop__list_orders", JsonObject.EMPTY_JSON_OBJECT);
    new AuditApi("demo").checkpointNow();
    for (String sql :
        List.of(
            "UPDATE audit_log_entry SET outcome = 'x' WHERE tenant_id = 'demo'",
            "DELETE FROM audit_log_entry WHERE tenant_id = 'demo'",
            "TRUNCATE audit_log_entry CASCADE",
            "UPDATE audit_checkpoint SET note = 'x' WHERE tenant_id = 'demo'",
            "DELETE FROM audit_checkpoint WHERE tenant_id = 'demo'",
            "UPDATE audit_log SET next_index = 0 WHERE tenant_id = 'demo'",
            "UPDATE audit_log SET next_index = next_index WHERE tenant_id = 'demo'",
            "UPDATE audit_log SET origin = 'elsewhere' WHERE tenant_id = 'demo'",
            "DELETE FROM audit_log WHERE tenant_id = 'demo'",
            "DELETE FROM audit_payload WHERE tenant_id = 'demo'",
            "UPDATE audit_payload SET payload = NULL WHERE tenant_id = 'demo'",
            "DELETE FROM audit_signing_key WHERE tenant_id = 'demo'",
            "UPDATE audit_signing_key SET public_key = private_sealed::bytea"
                + " WHERE tenant_id = 'demo'")) {
      SQLException refused = assertThrows(SQLException.class, () -> Database.execute(sql), sql);
      assertTrue(
          refused.getMessage().contains("append-only")
              || refused.getMessage().contains("only")
              || refused.getMessage().contains("can only be erased"),
          sql + ": " + refused.getMessage());
    }
  }

  /**
   * An append writes; it reads nothing of the log it appends to, so its cost does not grow with the
   * log. A foreign key from the payload to its entry made every append look the entry up, through a
   * plan PostgreSQL kept per connection, and that plan could scan the tenant's whole log.
   */
  @Test
  void appendsWhenTheLogGrowsThenNoneReadsTheLog() throws Exception {
    Assumptions.assumeTrue(
        ItEnvironment.onPostgres(), "PostgreSQL's statistics views count the reads (H2 pass)");
    String tenant = "appendreads";
    var mcp = new McpHttp(tenant, AuditApi.tenantWithAgent(tenant));
    mcp.initialize("2025-11-25");
    mcp.callTool("shop__list_orders", JsonObject.EMPTY_JSON_OBJECT);
    TableActivity before = awaitActivity(0);
    int calls = 30;
    for (int i = 0; i < calls; i++) {
      mcp.callTool("shop__list_orders", JsonObject.EMPTY_JSON_OBJECT);
    }
    // a decision and an outcome per call, each with its payload (the arguments, the result)
    TableActivity after = awaitActivity(before.payloadsInserted() + 2L * calls);
    long reads = after.entryReads() - before.entryReads();
    // the checkpointer may read a few entries meanwhile; one read per append is the regression
    assertTrue(
        reads < calls,
        reads + " reads of audit_log_entry during " + 2 * calls + " appends (" + after + ")");
  }

  /** Reads of {@code audit_log_entry} and payload rows inserted, as the statistics views say. */
  record TableActivity(long entryReads, long payloadsInserted) {}

  /**
   * The counters once they show at least {@code payloads} payload rows inserted: each server
   * connection reports its counts when it goes idle, within about ten seconds.
   */
  private static TableActivity awaitActivity(long payloads) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      TableActivity now;
      try (var connection = Database.connect();
          var rows =
              connection
                  .createStatement()
                  .executeQuery(
                      "SELECT (SELECT coalesce(seq_scan, 0) + coalesce(idx_scan, 0)"
                          + " FROM pg_stat_user_tables WHERE relname = 'audit_log_entry'),"
                          + " (SELECT n_tup_ins FROM pg_stat_user_tables"
                          + " WHERE relname = 'audit_payload')")) {
        rows.next();
        now = new TableActivity(rows.getLong(1), rows.getLong(2));
      }
      if (now.payloadsInserted() >= payloads) {
        return now;
      }
      if (System.nanoTime() > deadline) {
        throw new TimeoutException("statistics show " + now + ", waited for " + payloads);
      }
      Thread.sleep(250);
    }
  }

  @Test
  void appendsWhenParallelForOneTenantThenIndicesAreGaplessAndUnique() throws Exception {
    String tenant = "parallel";
    String key = AuditApi.tenantWithAgent(tenant);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<JsonObject>> calls = new ArrayList<>();
      for (int i = 0; i < 24; i++) {
        calls.add(
            pool.submit(
                () -> {
                  var mcp = new McpHttp(tenant, key);
                  mcp.initialize("2025-11-25");
                  return mcp.callTool("shop__list_orders", JsonObject.EMPTY_JSON_OBJECT);
                }));
      }
      for (var call : calls) {
        assertFalse(call.get(60, TimeUnit.SECONDS).getJsonObject("result").getBoolean("isError"));
      }
    } finally {
      pool.shutdownNow();
    }
    long rows = Database.count("SELECT COUNT(*) FROM audit_log_entry WHERE tenant_id = ?", tenant);
    assertTrue(rows >= 48, "a decision and an outcome per call: " + rows);
    assertEquals(
        rows,
        Database.count(
            "SELECT COUNT(DISTINCT leaf_index) FROM audit_log_entry WHERE tenant_id = ?", tenant));
    assertEquals(
        rows - 1,
        Database.count("SELECT MAX(leaf_index) FROM audit_log_entry WHERE tenant_id = ?", tenant));
    assertEquals(
        rows, Database.count("SELECT next_index FROM audit_log WHERE tenant_id = ?", tenant));
  }

  @Test
  void appendsWhenAnotherTenantsLogIsLockedThenTheyDoNotWait() throws Exception {
    String busy = "busy";
    String free = "free";
    var busyMcp = new McpHttp(busy, AuditApi.tenantWithAgent(busy));
    var freeMcp = new McpHttp(free, AuditApi.tenantWithAgent(free));
    busyMcp.initialize("2025-11-25");
    freeMcp.initialize("2025-11-25");
    busyMcp.callTool("shop__list_orders", JsonObject.EMPTY_JSON_OBJECT); // creates busy's log
    freeMcp.callTool("shop__list_orders", JsonObject.EMPTY_JSON_OBJECT);

    try (Connection lock = Database.connect()) {
      lockLog(lock, busy);
      // busy's log is locked, as by a long transaction appending to it
      var freeCall = CompletableFuture.supplyAsync(() -> call(freeMcp));
      JsonObject freeAnswer = freeCall.get(15, TimeUnit.SECONDS);
      assertFalse(freeAnswer.getJsonObject("result").getBoolean("isError"), freeAnswer.toString());

      if (ItEnvironment.onPostgres()) {
        var busyCall = CompletableFuture.supplyAsync(() -> call(busyMcp));
        assertThrows(TimeoutException.class, () -> busyCall.get(2, TimeUnit.SECONDS));
        lock.rollback();
        JsonObject busyAnswer = busyCall.get(30, TimeUnit.SECONDS);
        assertFalse(
            busyAnswer.getJsonObject("result").getBoolean("isError"), busyAnswer.toString());
      }
      lock.rollback();
    }
  }

  /**
   * Group commit: calls of one tenant that wait for its log at the same moment share one
   * transaction. The log's row is held locked, as by a long transaction appending to it; the calls
   * that arrive meanwhile queue behind the one that waits for the lock, and once it is released
   * their decision entries commit together. PostgreSQL tells which rows one transaction wrote
   * ({@code xmin}); H2 has no such column.
   */
  @Test
  void appendsWhenOneTenantsCallsArriveTogetherThenTheyShareOneCommit() throws Exception {
    Assumptions.assumeTrue(ItEnvironment.onPostgres(), "xmin is PostgreSQL's (H2 pass)");
    String tenant = "grouped";
    String key = AuditApi.tenantWithAgent(tenant);
    List<McpHttp> sessions = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      var mcp = new McpHttp(tenant, key);
      mcp.initialize("2025-11-25");
      sessions.add(mcp);
    }
    call(sessions.get(0)); // creates the log
    long before = Database.count("SELECT next_index FROM audit_log WHERE tenant_id = ?", tenant);
    ExecutorService pool = Executors.newFixedThreadPool(sessions.size());
    try (Connection lock = Database.connect()) {
      lockLog(lock, tenant);
      List<Future<JsonObject>> calls = new ArrayList<>();
      for (var mcp : sessions) {
        calls.add(pool.submit(() -> call(mcp)));
      }
      awaitLockWaiter();
      Thread.sleep(1_000); // the other calls reach the log's queue behind the waiting one
      lock.rollback();
      for (var call : calls) {
        assertFalse(call.get(60, TimeUnit.SECONDS).getJsonObject("result").getBoolean("isError"));
      }
    } finally {
      pool.shutdownNow();
    }
    long decisions =
        Database.count(
            "SELECT COUNT(*) FROM audit_log_entry WHERE tenant_id = ? AND leaf_index >= ?"
                + " AND event_type = 'tool_call.decision'",
            tenant,
            before);
    long commits =
        Database.count(
            "SELECT COUNT(DISTINCT xmin::text) FROM audit_log_entry WHERE tenant_id = ?"
                + " AND leaf_index >= ? AND event_type = 'tool_call.decision'",
            tenant,
            before);
    assertEquals(8, decisions);
    // the one that waited for the lock, then the seven that queued behind it, together (a call
    // that reached the queue late on a slow machine may make a third); one commit each without
    // group commit
    assertTrue(commits <= 3, "8 decision entries in " + commits + " commits");
  }

  /** Locks the log's row in {@code connection}'s transaction, as a long append would. */
  private static void lockLog(Connection connection, String tenant) throws SQLException {
    connection.setAutoCommit(false);
    try (var select =
        connection.prepareStatement(
            "SELECT next_index FROM audit_log WHERE tenant_id = ? FOR UPDATE")) {
      select.setString(1, tenant);
      select.executeQuery().close();
    }
  }

  /** Waits until a server connection waits for a row lock (the test's lock on a log). */
  private static void awaitLockWaiter() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (Database.count(
            "SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                + " AND datname = current_database()")
        == 0) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no append ever waited for the locked log");
      }
      Thread.sleep(20);
    }
  }

  private static JsonObject call(McpHttp mcp) {
    try {
      return mcp.callTool("shop__list_orders", JsonObject.EMPTY_JSON_OBJECT);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] leaf(String tenant, long index) throws SQLException {
    try (var connection = Database.connect();
        var select =
            connection.prepareStatement(
                "SELECT leaf FROM audit_log_entry WHERE tenant_id = ? AND leaf_index = ?")) {
      select.setString(1, tenant);
      select.setLong(2, index);
      try (var rows = select.executeQuery()) {
        rows.next();
        return rows.getBytes(1);
      }
    }
  }

  private static void swapLeaves(String tenant, long a, long b) throws SQLException {
    byte[] first = leaf(tenant, a);
    byte[] second = leaf(tenant, b);
    byte[][] hashes = {hash(tenant, a), hash(tenant, b)};
    String sql =
        "UPDATE audit_log_entry SET leaf = ?, leaf_hash = ? WHERE tenant_id = ? AND leaf_index = ?";
    withOwnerPowers(
        connection -> {
          for (Object[] row : new Object[][] {{second, hashes[1], a}, {first, hashes[0], b}}) {
            try (var update = connection.prepareStatement(sql)) {
              update.setBytes(1, (byte[]) row[0]);
              update.setBytes(2, (byte[]) row[1]);
              update.setString(3, tenant);
              update.setLong(4, (Long) row[2]);
              update.executeUpdate();
            }
          }
        });
  }

  private static byte[] hash(String tenant, long index) throws SQLException {
    try (var connection = Database.connect();
        var select =
            connection.prepareStatement(
                "SELECT leaf_hash FROM audit_log_entry WHERE tenant_id = ? AND leaf_index = ?")) {
      select.setString(1, tenant);
      select.setLong(2, index);
      try (var rows = select.executeQuery()) {
        rows.next();
        return rows.getBytes(1);
      }
    }
  }

  /** Runs one statement ({@code ?} = bytes if given, then the tenant) with the triggers off. */
  private static void asOwner(String sql, byte[] bytes, String tenant) throws SQLException {
    withOwnerPowers(
        connection -> {
          try (var statement = connection.prepareStatement(sql)) {
            int at = 1;
            if (bytes != null) {
              statement.setBytes(at++, bytes);
            }
            statement.setString(at, tenant);
            statement.executeUpdate();
          }
        });
  }

  interface Work {
    void run(Connection connection) throws SQLException;
  }

  /** The table owner can switch the append-only triggers off: an insider the verifier catches. */
  private static void withOwnerPowers(Work work) throws SQLException {
    try (var connection = Database.connect()) {
      boolean postgres = ItEnvironment.onPostgres();
      if (postgres) {
        for (String table : List.of("audit_log_entry", "audit_payload")) {
          connection.createStatement().execute("ALTER TABLE " + table + " DISABLE TRIGGER USER");
        }
      }
      try {
        work.run(connection);
      } finally {
        if (postgres) {
          for (String table : List.of("audit_log_entry", "audit_payload")) {
            connection.createStatement().execute("ALTER TABLE " + table + " ENABLE TRIGGER USER");
          }
        }
      }
    }
  }
}
