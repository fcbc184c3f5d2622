#!/usr/bin/env bash
# One rerunnable command for BENCHMARKS.md: what does Countersign add to an allowed tools/call,
# with the audit rows written to PostgreSQL?
#
#   bench/countersign-overhead.sh                 # defaults: -c 1,16, -n 10000 per row, peer column
#   bench/countersign-overhead.sh --diagnose      # plus gateway-only runs that say where the time
#                                                 # goes (CPU per process and per JVM thread kind,
#                                                 # DB work and WAL flushes per call, JFR, jcmd
#                                                 # Thread.print)
#
# What it does, in order (everything binds 127.0.0.1; everything it starts is stopped on exit):
#  1. builds the server (./mvnw -q -DskipTests -DskipITs install) if ear/target/liberty/wlp is missing;
#  2. creates a fresh PostgreSQL database countersign_bench_<UTC time> on 127.0.0.1:5432 (user
#     postgres), writes the server's bootstrap.properties (db.*, http.*) and jvm.options (operator
#     token, allow-private-networks, a throwaway secrets key), starts Open Liberty and waits for
#     /health/ready and for the application to answer; the two files are restored (or removed)
#     afterwards;
#  3. starts server-everything on a free loopback port, imports tenant "bench" (upstream
#     "everything", rule read-only tools -> allow, default deny) and issues a key to "bench-agent";
#  4. warms the gateway's JVM up (batches of 5,000 calls until the JIT compilers go quiet, at most
#     --jvm-warmup calls, not reported), then runs
#     bench/gateway-overhead.sh: direct, gateway and (when bench/node_modules installs) the peer
#     proxy column, at -c 1,16;
#  5. prints the machine, the date, the table and the database work per gateway call; stops the
#     server and the upstream, drops the database it created (unless --keep-db).
#
# It refuses to run when a server named countersign is already running (it would not be ours).
# The server deploys the modules' target/classes (a loose application): recompiling them while it
# runs changes or stops the application under test.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
bench_name="countersign-overhead"
# shellcheck source=bench/lib/liberty-server.sh
. "$here/lib/liberty-server.sh"

usage() {
  cat >&2 <<'EOF'
usage: countersign-overhead.sh [options]
  -n N               measured calls per row                         (default: 10000)
  -c C[,C...]        concurrency levels                             (default: 1,16)
  --duration S       time cap per measured row, s                   (default: 45)
  --warmup N         warm-up calls per target (gateway-overhead.sh) (default: 2000)
  --jvm-warmup N     at most N calls through the gateway before the measured run, at the highest
                     concurrency, not reported: batches of 5,000 until the JIT compiler threads
                     use < 10% of a core (at least 10,000 calls)   (default: 40000)
  --no-peer          no peer proxy column
  --http-port P      the gateway's HTTP port (default: 9080 when free, else a free port)
  --pg-host H --pg-port P --pg-user U   PostgreSQL (default: 127.0.0.1 5432 postgres; trust auth)
  --keep-db          keep the bench database afterwards (default: drop it; it is created per run)
  --diagnose         after the measured run, per concurrency level two gateway-only runs of -n
                     calls: one unobserved (CPU per call of each process and JVM thread kind, DB
                     commits/rows/WAL flushes per call, per-table activity), one with a JFR
                     recording and six jcmd Thread.print snapshots (samples by library and by
                     gateway phase, what the request threads wait on)
  --jvm-option OPT   an extra line for the server's jvm.options, for experiments (repeatable),
                     e.g. --jvm-option -Djava.util.concurrent.ForkJoinPool.common.parallelism=2
  --out DIR          results directory (default: bench/results/countersign-<UTC time>)
EOF
  exit 1
}

n=10000 c="1,16" duration=45 warmup=2000 jvm_warmup=40000 peer=yes http_port="" keep_db=no diagnose=no out=""
pg_host=127.0.0.1 pg_port=5432 pg_user=postgres
jvm_extra=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    -n) n="$2"; shift 2 ;;
    -c) c="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --jvm-warmup) jvm_warmup="$2"; shift 2 ;;
    --no-peer) peer=no; shift ;;
    --http-port) http_port="$2"; shift 2 ;;
    --pg-host) pg_host="$2"; shift 2 ;;
    --pg-port) pg_port="$2"; shift 2 ;;
    --pg-user) pg_user="$2"; shift 2 ;;
    --keep-db) keep_db=yes; shift ;;
    --diagnose) diagnose=yes; shift ;;
    --out) out="$2"; shift 2 ;;
    --jvm-option) [[ "$2" =~ ^-[-A-Za-z0-9_.:=+,/]+$ ]] || { echo "--jvm-option: one JVM option per use" >&2; exit 1; }
                  jvm_extra+=("$2"); shift 2 ;;
    -h|--help) usage ;;
    *) echo "unknown option: $1" >&2; usage ;;
  esac
done
for x in "$n" "$duration" "$warmup" "$pg_port" ${http_port:+"$http_port"}; do
  [[ "$x" =~ ^[1-9][0-9]*$ ]] || { echo "-n, --duration, --warmup and ports take positive integers" >&2; exit 1; }
done
[[ "$jvm_warmup" =~ ^[0-9]+$ ]] || { echo "--jvm-warmup takes an integer" >&2; exit 1; }
[[ "$c" =~ ^[1-9][0-9]*(,[1-9][0-9]*)*$ ]] || { echo "-c takes a list such as 1,16" >&2; exit 1; }
[[ "$pg_host" == 127.0.0.1 || "$pg_host" == localhost ]] || { echo "refusing: PostgreSQL must be on loopback" >&2; exit 1; }
(( n <= 1000000 && duration <= 600 && jvm_warmup <= 1000000 )) || { echo "refusing: -n <= 1M, --duration <= 600" >&2; exit 1; }
top_c="${c##*,}"

for tool in node curl psql java; do command -v "$tool" >/dev/null || die "needs $tool on the PATH"; done

bench_init countersign
# The sampler of --diagnose is stopped before the server; the library stops the rest.
sampler_pid=""
bench_before_server_stop() { [[ -n "$sampler_pid" ]] && kill "$sampler_pid" 2>/dev/null && wait "$sampler_pid" 2>/dev/null; }

# ---- 1. build when needed --------------------------------------------------------------------------
liberty_build_if_missing

# ---- dependencies of the Node peers ------------------------------------------------------------------
bench_install_e2e
if [[ "$peer" == yes && ! ( -x "$here/node_modules/.bin/mcp-proxy" && -x "$here/node_modules/.bin/supergateway" ) ]]; then
  log "installing the peer proxies: (cd bench && npm ci)"
  (cd "$here" && timeout 600 npm ci --no-audit --no-fund --loglevel=error) || { log "npm ci in bench failed: no peer column"; peer=no; }
fi

# ---- machine and versions -----------------------------------------------------------------------
bench_versions
wrk_version="$( (wrk --version 2>&1 || true) | head -1 | awk '{print $1, $2}')"
{
  echo "date: $(date -u +%FT%TZ)"
  echo "machine: $machine"
  echo "uptime before: $(uptime)"
  echo "code: commit $code_rev"
  echo "software: $java_version; Open Liberty $liberty_version; PostgreSQL $pg_version; Node $(node --version); server-everything $everything_version; ${wrk_version:-wrk missing}"
} | tee "$out/machine.txt" >&2
load1="$(cut -d' ' -f1 /proc/loadavg)"
awk -v l="$load1" 'BEGIN { exit !(l > 1.0) }' && log "warning: 1-min load average is $load1: something else is running; numbers will be noisy"

# ---- 2. database, configuration, server --------------------------------------------------------------
liberty_fresh_database
jvm_lines=()
# Liberty's request stacks are deeper than JFR's default of 64 frames.
[[ "$diagnose" == yes ]] && jvm_lines+=("-XX:FlightRecorderOptions:stackdepth=512")
liberty_write_config "${jvm_lines[@]+"${jvm_lines[@]}"}" "${jvm_extra[@]+"${jvm_extra[@]}"}"
liberty_start

# ---- 3. upstream, tenant, key ------------------------------------------------------------------------
bench_start_everything

cat >"$out/bench-tenant.yaml" <<EOF
# Tenant of bench/countersign-overhead.sh: server-everything as upstream, read-only tools allowed.
apiVersion: countersign.io/v1
kind: TenantBundle
tenant:
  id: bench
  displayName: Benchmark tenant
upstreams:
  - name: everything
    url: "$direct"
    timeouts: { connect: PT2S, read: PT20S }
agents:
  - name: bench-agent
    description: The load generator
policy:
  default: deny
  reason: Only read-only tools are allowed for this tenant.
  rules:
    - name: read-only-tools
      when: tool.annotations.readOnlyHint
      action: allow
EOF
liberty_import_bundle bench "$out/bench-tenant.yaml"
key="$(liberty_issue_key bench bench-agent)"
gateway="$base/t/bench/mcp"
log "tenant bench imported; key issued to bench-agent; gateway $gateway"

# ---- database counters -------------------------------------------------------------------------------
db_counters() {   # xact_commit tup_inserted tup_updated tup_fetched decisions outcomes sessions
  sleep 1.5       # PostgreSQL publishes its statistics with a short delay
  psql_ -d "$db" -At -F ' ' -c "
    SELECT d.xact_commit, d.tup_inserted, d.tup_updated, d.tup_fetched,
           (SELECT count(*) FROM audit_log_entry WHERE tenant_id = 'bench' AND event_type = 'tool_call.decision'),
           (SELECT count(*) FROM audit_log_entry WHERE tenant_id = 'bench' AND event_type = 'tool_call.outcome'),
           (SELECT count(*) FROM mcp_session)
    FROM pg_stat_database d WHERE d.datname = current_database()"
}
wal_counters() {  # wal_sync wal_bytes of the whole cluster
  psql_ -d "$db" -At -F ' ' -c "SELECT wal_sync, wal_bytes FROM pg_stat_wal"
}
table_counters() {
  psql_ -d "$db" -At -F ' ' -c "SELECT relname, seq_scan, coalesce(idx_scan,0), n_tup_ins, n_tup_upd FROM pg_stat_user_tables ORDER BY relname"
}
stat_ticks() {    # utime+stime (clock ticks) from a /proc/.../stat file (the name may hold spaces)
  local line; line="$(cat "$1" 2>/dev/null)" || { echo 0; return; }
  line="${line##*) }"; awk '{ print $12 + $13 }' <<<"$line"
}
cpu_ticks() {     # of a pid, or of all processes of a user with -u
  if [[ "$1" == -u ]]; then
    local sum=0 p
    for p in $(pgrep -u "$2" 2>/dev/null); do sum=$(( sum + $(stat_ticks "/proc/$p/stat") )); done
    echo "$sum"
  else
    stat_ticks "/proc/$1/stat"
  fi
}
jvm_thread_ticks() {   # "<kind> <ticks>" per kind of JVM thread, by thread name
  local t comm kind
  for t in /proc/"$1"/task/*; do
    comm="$(cat "$t/comm" 2>/dev/null)" || continue
    case "$comm" in
      C[12]\ Compiler*) kind=jit ;;
      GC\ Thread*|G1\ *|VM\ Thread|VM\ Periodic*) kind=gc_vm ;;
      Default\ Execut*) kind=executor ;;
      HttpClient*) kind=httpclient ;;
      *) kind=other ;;
    esac
    echo "$kind $(stat_ticks "$t/stat")"
  done | awk '{ s[$1] += $2 } END { for (k in s) print k, s[k] }' | sort
}
jit_ticks() {     # CPU of the JVM's JIT compiler threads
  local sum=0 t
  for t in /proc/"$1"/task/*; do
    [[ "$(cat "$t/comm" 2>/dev/null)" == C[12]\ Compiler* ]] && sum=$(( sum + $(stat_ticks "$t/stat") ))
  done
  echo "$sum"
}
cpu_machine() {   # busy idle (clock ticks, all CPUs) from /proc/stat
  awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9, $5 + $6; exit }' /proc/stat
}
# server-everything runs as a child of start-everything.mjs
upstream_server_pid="$(pgrep -P "$upstream_pid" node | head -1 || true)"

# ---- 4. JIT warm-up, then the measured run ------------------------------------------------------------
# Batches of 5,000 calls at the highest concurrency until the JIT compiler threads go quiet (under
# 10% of a core during a batch, after at least 10,000 calls) or --jvm-warmup calls are spent.
hz="$(getconf CLK_TCK)"
warmed=0 batch_no=0
while (( warmed < jvm_warmup )); do
  batch=$(( jvm_warmup - warmed < 5000 ? jvm_warmup - warmed : 5000 )); batch_no=$((batch_no + 1))
  j0="$(jit_ticks "$liberty_pid")"; w0="$(date +%s%N)"
  "$here/gateway-overhead.sh" --gateway "$gateway" --key "$key" --gateway-tool everything__echo \
    -n "$batch" -c "$top_c" --warmup 1 --duration 60 --out "$out/jvm-warmup/$batch_no" >/dev/null 2>>"$out/jvm-warmup.log" \
    || { log "JVM warm-up batch failed (see $out/jvm-warmup.log)"; break; }
  j1="$(jit_ticks "$liberty_pid")"; w1="$(date +%s%N)"
  warmed=$((warmed + batch))
  jit_pct="$(awk -v j=$((j1 - j0)) -v hz="$hz" -v ns=$((w1 - w0)) 'BEGIN { printf "%.0f", 100 * (j / hz) / (ns / 1e9) }')"
  log "JVM warm-up: $warmed calls through the gateway; JIT compiler threads used ${jit_pct}% of a core during the last batch"
  (( warmed >= 10000 && jit_pct < 10 )) && break
done

read -r x0 i0 u0 f0 d0 o0 s0 <<<"$(db_counters)"
args=(--direct "$direct" --gateway "$gateway" --key "$key" --gateway-tool everything__echo
      -c "$c" -n "$n" --duration "$duration" --warmup "$warmup" --out "$out/bench")
[[ "$peer" == yes ]] && args+=(--start-peer "$(free_port)")
peer_note=""; [[ "$peer" == yes ]] && peer_note=" --start-peer <free port>"
log "running: bench/gateway-overhead.sh --direct $direct --gateway $gateway --key <key> --gateway-tool everything__echo -c $c -n $n --duration $duration --warmup $warmup$peer_note"
"$here/gateway-overhead.sh" "${args[@]}" >"$out/gateway-overhead.out" 2>"$out/gateway-overhead.log" \
  || { tail -20 "$out/gateway-overhead.log" >&2; die "gateway-overhead.sh failed"; }
read -r x1 i1 u1 f1 d1 o1 s1 <<<"$(db_counters)"

calls=$(( d1 - d0 ))
db_line="$(awk -v c="$calls" -v x=$((x1 - x0)) -v i=$((i1 - i0)) -v u=$((u1 - u0)) -v f=$((f1 - f0)) -v o=$((o1 - o0)) 'BEGIN {
  if (c == 0) { print "no gateway calls were audited"; exit }
  printf "%d tools/call audited through the gateway during the run (%d decision + %d outcome rows in audit_log_entry); per call: %.2f commits, %.2f rows inserted, %.2f rows updated, %.2f rows fetched", c, c, o, x / c, i / c, u / c, f / c }')"

# ---- 5. report --------------------------------------------------------------------------------------
{
  echo "## countersign-overhead $(date -u +%FT%TZ)"
  echo
  echo "- machine: $machine"
  echo "- code: commit $code_rev"
  [[ ${#jvm_extra[@]} -gt 0 ]] && echo "- extra JVM options: ${jvm_extra[*]}"
  echo "- software: $java_version; Open Liberty $liberty_version; PostgreSQL $pg_version (database $db); Node $(node --version); server-everything $everything_version; ${wrk_version:-wrk missing}"
  echo "- 1-min load average: $load1 before the server started; $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) at the end"
  echo "- audit store: PostgreSQL; $db_line"
  echo
  cat "$out/bench/table.md"
} | tee "$out/summary.md"

# ---- optional: diagnose (gateway only, after the measured run) -----------------------------------------
# Per concurrency level, two gateway-only runs of -n calls each:
#  (a) unobserved: CPU time per call of each process (from /proc), of the JVM's thread kinds, and
#      the database work per call (pg_stat_database, pg_stat_user_tables, audit_log_entry rows);
#  (b) observed: a JFR recording (settings=profile) and six jcmd Thread.print snapshots, summarised
#      as where the JVM's Java samples fall (by library and by gateway phase) and what the request
#      threads were doing.
jfr_summary() {   # FILE MODE(library|phase): Markdown bullet lines
  jfr print --events jdk.ExecutionSample --stack-depth 512 "$1" | awk -v mode="$2" '
    function library(s) {
      if (index(s, " jakarta.json.spi.JsonProvider.provider")) return "JSON-P provider lookup (every Json.createX call runs JsonProvider.provider())"
      if (s ~ / org\.postgresql\./) return "PostgreSQL JDBC driver"
      if (s ~ / org\.eclipse\.persistence\./) return "EclipseLink (JPA)"
      if (s ~ / (com\.ibm\.tx|com\.ibm\.ws\.tx|com\.ibm\.ejs\.j2c|com\.ibm\.ws\.rsadapter|com\.ibm\.ws\.jdbc)\./) return "JTA transactions and connection pool"
      if (s ~ / dev\.cel\./) return "CEL policy evaluation"
      if (s ~ / jdk\.internal\.net\.http\./) return "JDK HttpClient (upstream leg)"
      if (s ~ / io\.countersign\./) return "Countersign code (the rest)"
      if (s ~ / (org\.jboss\.resteasy|com\.ibm\.ws\.jaxrs)/) return "JAX-RS (RESTEasy)"
      if (s ~ / (org\.jboss\.weld|com\.ibm\.ws\.cdi)/) return "CDI (Weld)"
      if (s ~ / (com\.ibm\.ws\.http|com\.ibm\.ws\.tcpchannel|com\.ibm\.ws\.channel|com\.ibm\.io|com\.ibm\.ws\.webcontainer|com\.ibm\.ws\.threading)/) return "Liberty HTTP channel, web container, executor"
      return "other"
    }
    function phase(s) {
      if (s ~ /ToolCallPipeline[^ ]*\.recordOutcome/) return "outcome audit transaction (ToolCallPipeline.recordOutcome, REQUIRES_NEW)"
      if (s ~ /ToolCallPipeline[^ ]*\.decide/) return "policy + decision audit transaction (ToolCallPipeline.decide)"
      if (s ~ /RelayedStream\.writeTo/) return "relaying the upstream SSE answer (RelayedStream.writeTo)"
      if (s ~ / io\.countersign\.gateway\.upstream\./) return "sending to the upstream (UpstreamConnector, UpstreamClient)"
      if (s ~ /ToolCatalog\.resolve/) return "tool resolution (ToolCatalog.resolve)"
      if (s ~ /McpAdmission\.admit/) return "admission: tenant and key (McpAdmission.admit)"
      if (s ~ /SessionStore\.find/) return "session lookup (SessionStore.find)"
      if (s ~ /JsonRpcMessage\.parse/) return "JSON-RPC parse (JsonRpcMessage.parse)"
      if (s ~ / io\.countersign\./) return "other Countersign code (endpoint, handler, digest, proxies)"
      if (s ~ / jdk\.internal\.net\.http\./) return "JDK HttpClient threads"
      if (s ~ / (org\.jboss\.resteasy|com\.ibm\.ws\.jaxrs)/) return "JAX-RS (RESTEasy) before/after the resource method"
      if (s ~ / (com\.ibm\.ws\.http|com\.ibm\.ws\.tcpchannel|com\.ibm\.ws\.channel|com\.ibm\.io|com\.ibm\.ws\.webcontainer|com\.ibm\.ws\.threading)/) return "Liberty HTTP channel, web container, executor"
      return "other"
    }
    /^jdk\.ExecutionSample/ { inev = 1; st = ""; next }
    inev && /^}/ { k = (mode == "phase" ? phase(st) : library(st)); n[k]++; total++; inev = 0; next }
    inev && /^    [A-Za-z_$][^ =]*\(/ { f = $1; sub(/\(.*/, "", f); st = st " " f }
    END { for (k in n) printf "%d\t%.1f\t%s\n", n[k], 100 * n[k] / total, k }' \
    | sort -t$'\t' -k1,1nr | awk -F'\t' '{ printf "  - %s%% %s (%s samples)\n", $2, $3, $1 }'
}
if [[ "$diagnose" == yes ]]; then
  diag="$out/diagnose"; mkdir -p "$diag"
  for conc in ${c//,/ }; do
    log "diagnose (a): gateway only, concurrency $conc, $n calls, unobserved"
    table_counters >"$diag/tables-before-c$conc.txt"
    read -r x0 i0 u0 f0 d0 o0 s0 <<<"$(db_counters)"
    read -r ws0 wb0 <<<"$(wal_counters)"
    jvm_thread_ticks "$liberty_pid" >"$diag/jvm-threads-before-c$conc.txt"
    t_l0="$(cpu_ticks "$liberty_pid")"; t_p0="$(cpu_ticks -u postgres)"; t_u0="$(cpu_ticks "${upstream_server_pid:-0}")"
    read -r busy0 idle0 <<<"$(cpu_machine)"
    "$here/gateway-overhead.sh" --gateway "$gateway" --key "$key" --gateway-tool everything__echo \
      -n "$n" -c "$conc" --warmup 1 --duration "$duration" --out "$diag/run-c$conc" >"$diag/run-c$conc.out" 2>&1 || true
    read -r busy1 idle1 <<<"$(cpu_machine)"
    t_l1="$(cpu_ticks "$liberty_pid")"; t_p1="$(cpu_ticks -u postgres)"; t_u1="$(cpu_ticks "${upstream_server_pid:-0}")"
    jvm_thread_ticks "$liberty_pid" >"$diag/jvm-threads-after-c$conc.txt"
    read -r x1 i1 u1 f1 d1 o1 s1 <<<"$(db_counters)"
    read -r ws1 wb1 <<<"$(wal_counters)"
    table_counters >"$diag/tables-after-c$conc.txt"
    tw="$(ss -tan state time-wait "( dport = :$upstream_port or sport = :$upstream_port )" 2>/dev/null | awk 'NR > 1' | wc -l)"
    calls=$(( d1 - d0 ))

    log "diagnose (b): the same, observed with JFR and thread dumps"
    (
      sleep 3
      for i in 1 2 3 4 5 6; do
        jcmd "$liberty_pid" Thread.print >"$diag/threads-c$conc-$i.txt" 2>&1 || true
        sleep 2
      done
    ) &
    sampler_pid=$!
    jcmd "$liberty_pid" JFR.start name="bench-c$conc" settings=profile >/dev/null 2>&1 || true
    "$here/gateway-overhead.sh" --gateway "$gateway" --key "$key" --gateway-tool everything__echo \
      -n "$n" -c "$conc" --warmup 1 --duration "$duration" --out "$diag/profiled-c$conc" >"$diag/profiled-c$conc.out" 2>&1 || true
    jcmd "$liberty_pid" JFR.stop name="bench-c$conc" filename="$diag/gateway-c$conc.jfr" >/dev/null 2>&1 || true
    wait "$sampler_pid" 2>/dev/null || true; sampler_pid=""
    {
      echo "### diagnose: gateway only, concurrency $conc"
      echo
      echo "Unobserved run:"
      echo
      grep -h '^|' "$diag/run-c$conc/table.md" | grep -v '| direct |' || true
      echo
      awk -v c="$calls" -v hz="$hz" -v l=$((t_l1 - t_l0)) -v p=$((t_p1 - t_p0)) -v u=$((t_u1 - t_u0)) \
          -v busy=$((busy1 - busy0)) -v idle=$((idle1 - idle0)) -v x=$((x1 - x0)) -v i=$((i1 - i0)) -v up=$((u1 - u0)) -v f=$((f1 - f0)) -v tw="$tw" -v ws=$((ws1 - ws0)) -v wb=$((wb1 - wb0)) 'BEGIN {
        if (c == 0) { print "no calls audited"; exit }
        ms = 1000 / hz / c
        printf "- CPU per call (ms): Liberty JVM %.3f, PostgreSQL (all its processes) %.3f, server-everything %.3f; whole machine %.3f (busy %.0f%% of both cores over the run)\n", l * ms, p * ms, u * ms, busy * ms, 100 * busy / (busy + idle)
        printf "- database per call: %.2f commits, %.2f rows inserted, %.2f rows updated, %.2f rows fetched (%d calls); WAL (whole cluster): %.2f flushes (fdatasync) and %.0f bytes per call\n", x / c, i / c, up / c, f / c, c, ws / c, wb / c
        printf "- TCP connections to the upstream in TIME_WAIT right after the run: %d (connections closed in the last 60 s)\n", tw }'
      echo "- Liberty JVM CPU per call by thread kind, ms (threads that ended during the run are not counted):"
      join "$diag/jvm-threads-before-c$conc.txt" "$diag/jvm-threads-after-c$conc.txt" \
        | awk -v c="$calls" -v hz="$hz" '{ if (c > 0) printf "  - %s %.3f\n", $1, ($3 - $2) * 1000 / hz / c }'
      echo "- per-table activity, delta:"
      join <(sort "$diag/tables-before-c$conc.txt") <(sort "$diag/tables-after-c$conc.txt") \
        | awk '{ d1 = $6 - $2; d2 = $7 - $3; d3 = $8 - $4; d4 = $9 - $5; if (d1 + d2 + d3 + d4 > 0) printf "  - %s: seq_scan +%d, idx_scan +%d, inserted +%d, updated +%d\n", $1, d1, d2, d3, d4 }'
      echo
      echo "Observed run (JFR, thread dumps):"
      echo
      grep -h '^|' "$diag/profiled-c$conc/table.md" | grep -v '| direct |' || true
      echo
      if [[ -f "$diag/gateway-c$conc.jfr" ]] && command -v jfr >/dev/null; then
        echo "- JVM Java samples by library (whole stacks; the first matching line wins, in this order):"
        jfr_summary "$diag/gateway-c$conc.jfr" library
        echo "- JVM Java samples by gateway phase:"
        jfr_summary "$diag/gateway-c$conc.jfr" phase
      fi
      echo "- Liberty executor threads in six thread dumps (count x innermost Countersign frame <- top frame):"
      cat "$diag"/threads-c"$conc"-*.txt 2>/dev/null | awk '
        function flush() { if (inthread) count[(cs == "" ? "(no Countersign frame: idle or in Liberty)" : cs) " <- " top]++ }
        /^"/ { flush(); inthread = ($0 ~ /Default Executor/); top = ""; cs = ""; next }
        inthread && /^[ \t]+at / { f = $2; sub(/\(.*/, "", f); if (top == "") top = f; if (cs == "" && f ~ /^io\.countersign\./) cs = f }
        END { flush(); for (w in count) print count[w], w }' | sort -rn | head -12 | awk '{ n = $1; $1 = ""; printf "  - %d x%s\n", n, $0 }'
      echo
    } | tee -a "$out/summary.md"
  done
fi
log "results: $out"
