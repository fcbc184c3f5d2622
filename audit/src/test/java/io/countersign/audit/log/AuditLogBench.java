package io.countersign.audit.log;

import io.countersign.audit.AuditEvent;
import io.countersign.audit.AuditPayload;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The audit log's own benchmark (run by bench/audit-log.sh against a fresh PostgreSQL database with
 * the server's migrations applied): raw append throughput with the server's append code, one
 * transaction per append; then search and proof latency on a log of N entries. Not a test.
 *
 * <p>Arguments: JDBC URL, user, password, entries for the search/proof log.
 */
public final class AuditLogBench {

  private AuditLogBench() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    String user = args[1];
    String password = args[2];
    long big = Long.parseLong(args[3]);
    Bench bench = new Bench(url, user, password);
    for (int[] shape : new int[][] {{1, 1}, {8, 1}, {8, 4}}) {
      bench.appends(shape[0], shape[1], 5_000);
    }
    bench.fill("big", big);
    bench.searchAndProofs("big", big);
  }

  private record Bench(String url, String user, String password) {

    Connection connect() throws SQLException {
      return DriverManager.getConnection(url, user, password);
    }

    /** {@code threads} writers spread over {@code tenants} logs, {@code total} appends. */
    void appends(int threads, int tenants, int total) throws Exception {
      String prefix = "t" + threads + "x" + tenants + "-";
      for (int t = 0; t < tenants; t++) {
        createLog(prefix + t);
      }
      AtomicLong next = new AtomicLong();
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      long started = System.nanoTime();
      List<Future<long[]>> workers = new ArrayList<>();
      for (int w = 0; w < threads; w++) {
        int worker = w;
        workers.add(
            pool.submit(
                () -> {
                  List<Long> micros = new ArrayList<>();
                  try (Connection connection = connect()) {
                    connection.setAutoCommit(false);
                    while (next.getAndIncrement() < total) {
                      long t0 = System.nanoTime();
                      append(connection, prefix + (worker % tenants));
                      connection.commit();
                      micros.add((System.nanoTime() - t0) / 1000);
                    }
                  }
                  return micros.stream().mapToLong(Long::longValue).toArray();
                }));
      }
      long[] all = new long[0];
      for (Future<long[]> worker : workers) {
        long[] part = worker.get();
        long[] merged = Arrays.copyOf(all, all.length + part.length);
        System.arraycopy(part, 0, merged, all.length, part.length);
        all = merged;
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      pool.shutdown();
      Arrays.sort(all);
      System.out.printf(
          "append raw: %d threads, %d tenant log(s): %,.0f appends/s, p50 %.2f ms, p99 %.2f ms%n",
          threads,
          tenants,
          total / seconds,
          all[all.length / 2] / 1000.0,
          all[(int) (all.length * 0.99)] / 1000.0);
    }

    void append(Connection connection, String tenant) throws SQLException {
      var claim = LogAppender.claim(connection, tenant).orElseThrow();
      LogAppender.write(connection, claim, event(tenant, claim.index()));
    }

    void createLog(String tenant) throws SQLException {
      try (Connection connection = connect();
          var insert =
              connection.prepareStatement(
                  "INSERT INTO audit_log (tenant_id, origin, next_index, created_at)"
                      + " VALUES (?, ?, 0, now())")) {
        insert.setString(1, tenant);
        insert.setString(2, "bench/audit/" + tenant);
        insert.executeUpdate();
      }
    }

    /** Appends {@code count} entries to one log with the real append code, in batches. */
    void fill(String tenant, long count) throws Exception {
      createLog(tenant);
      long started = System.nanoTime();
      try (Connection connection = connect()) {
        connection.setAutoCommit(false);
        for (long i = 0; i < count; i++) {
          append(connection, tenant);
          if (i % 5000 == 4999) {
            connection.commit();
          }
          if (i % 100_000 == 99_999) {
            System.err.printf("  filled %,d of %,d%n", i + 1, count);
          }
        }
        connection.commit();
      }
      System.out.printf(
          "fill: %,d entries in %.1f s (5,000 per transaction)%n",
          count, (System.nanoTime() - started) / 1e9);
    }

    void searchAndProofs(String tenant, long size) throws Exception {
      try (Connection connection = connect()) {
        connection.setAutoCommit(false);
        long t0 = System.nanoTime();
        long tiles = size / JdbcHashSource.TILE;
        var hashes = new JdbcHashSource(connection, tenant);
        Checkpointer.writeTiles(connection, tenant, size);
        connection.commit();
        System.out.printf(
            "tiles: %,d tiles for %,d entries in %.1f s (first checkpoint; later ones only add)%n",
            tiles, size, (System.nanoTime() - t0) / 1e9);
        TreeMath math = new TreeMath(hashes);
        time("root at full size", 20, () -> math.root(0, size));
        time(
            "inclusion proof", 200, () -> math.inclusionProof((long) (Math.random() * size), size));
        time(
            "consistency proof",
            200,
            () -> math.consistencyProof(1 + (long) (Math.random() * (size - 1)), size));
        connection.commit();
      }
      var search = new SearchProbe(this, tenant);
      time("search: newest 100 of an agent", 200, () -> search.page("agent-7", null, null));
      time("search: 100 of a tool, oldest first", 200, () -> search.page(null, "tool-3", null));
      time("search: 100 in a time range of 1 h", 200, () -> search.page(null, null, "range"));
      time("search: by correlation id", 200, () -> search.page(null, null, "correlation"));
    }

    void time(String what, int rounds, ThrowingRunnable work) throws Exception {
      long[] micros = new long[rounds];
      for (int i = 0; i < rounds; i++) {
        long t0 = System.nanoTime();
        work.run();
        micros[i] = (System.nanoTime() - t0) / 1000;
      }
      Arrays.sort(micros);
      System.out.printf(
          "%s: p50 %.2f ms, p99 %.2f ms (%d rounds)%n",
          what, micros[rounds / 2] / 1000.0, micros[(int) (rounds * 0.99)] / 1000.0, rounds);
    }
  }

  interface ThrowingRunnable {
    void run() throws Exception;
  }

  /** Search as the REST API runs it, through AuditSearch's SQL, on a plain connection. */
  private record SearchProbe(Bench bench, String tenant) {

    void page(String agent, String tool, String mode) throws Exception {
      Instant base = Instant.parse("2026-11-01T00:00:00Z");
      StringBuilder sql =
          new StringBuilder(
              "SELECT leaf_index, leaf_hash, leaf, occurred_at FROM audit_log_entry"
                  + " WHERE tenant_id = ?");
      List<Object> values = new ArrayList<>(List.of(tenant));
      boolean newest = agent != null;
      if (agent != null) {
        sql.append(" AND actor_type = 'agent' AND actor_name = ?");
        values.add(agent);
      }
      if (tool != null) {
        sql.append(" AND tool_name = ?");
        values.add(tool);
      }
      if ("range".equals(mode)) {
        sql.append(" AND occurred_at >= ? AND occurred_at < ?");
        Instant from = base.plusSeconds((long) (Math.random() * 3600 * 24 * 10));
        values.add(from.atOffset(java.time.ZoneOffset.UTC));
        values.add(from.plusSeconds(3600).atOffset(java.time.ZoneOffset.UTC));
      }
      if ("correlation".equals(mode)) {
        sql.append(" AND correlation_id = ?");
        values.add("call-" + (long) (Math.random() * 1000));
      }
      sql.append(" ORDER BY leaf_index").append(newest ? " DESC" : "");
      try (Connection connection = bench.connect();
          var select = connection.prepareStatement(sql.toString())) {
        for (int i = 0; i < values.size(); i++) {
          select.setObject(i + 1, values.get(i));
        }
        select.setMaxRows(100);
        try (var rows = select.executeQuery()) {
          while (rows.next()) {
            rows.getBytes(3);
          }
        }
      }
    }
  }

  private static final AtomicLong SEQUENCE = new AtomicLong();

  /** A realistic decision event: 10 agents, 20 tools, ~4 per second over the days. */
  static AuditEvent event(String tenant, long index) {
    long n = SEQUENCE.getAndIncrement();
    return new AuditEvent(
        tenant,
        Instant.parse("2026-11-01T00:00:00Z").plusMillis(n * 250),
        AuditEvent.TOOL_CALL_DECISION,
        "call-" + (n % 100_000),
        AuditEvent.Actor.agent(
            "id-" + (n % 10), "agent-" + (n % 10), Optional.of("session-" + n / 50)),
        Optional.of(new AuditEvent.ToolRef("shop", "tool-" + (n % 20), "ab".repeat(32))),
        Optional.of("allow"),
        Optional.of("read-only"),
        Optional.empty(),
        "forwarding",
        Optional.of(120L),
        Optional.empty(),
        Optional.of(AuditPayload.arguments("{\"limit\":" + (n % 100) + ",\"status\":\"open\"}")));
  }
}
