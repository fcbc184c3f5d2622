#!/usr/bin/env bash
# One rerunnable command for BENCHMARKS.md: what does Countersign add to an allowed tools/call,
# with the audit rows written to PostgreSQL?
#
#   bench/countersign-overhead.sh                 # defaults: -c 1,16, -n 10000 per row, peer column
#   bench/countersign-overhead.sh --diagnose      # plus a profiled gateway-only run (thread dumps,
#                                                 # CPU per component, DB work per call)
#
# What it does, in order (everything binds 127.0.0.1; everything it starts is stopped on exit):
#  1. builds the server (./mvnw -q -DskipTests -DskipITs install) if ear/target/liberty/wlp is missing;
#  2. creates a fresh PostgreSQL database countersign_bench_<UTC time> on 127.0.0.1:5432 (user
#     postgres), writes the server's bootstrap.properties (db.*, http.*) and jvm.options (operator
#     token, allow-private-networks, a throwaway secrets key), starts Open Liberty and waits for
#     /health/ready; the two files are restored (or removed) afterwards;
#  3. starts server-everything on a free loopback port, imports tenant "bench" (upstream
#     "everything", rule read-only tools -> allow, default deny) and issues a key to "bench-agent";
#  4. warms the gateway's JVM up (--jvm-warmup calls, not reported), then runs
#     bench/gateway-overhead.sh: direct, gateway and (when bench/node_modules installs) the peer
#     proxy column, at -c 1,16;
#  5. prints the machine, the date, the table and the database work per gateway call; stops the
#     server and the upstream, drops the database it created (unless --keep-db).
#
# It refuses to run when a server named countersign is already running (it would not be ours).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
wlp="$root/ear/target/liberty/wlp"
server_dir="$wlp/usr/servers/countersign"

usage() {
  cat >&2 <<'EOF'
usage: countersign-overhead.sh [options]
  -n N               measured calls per row                         (default: 10000)
  -c C[,C...]        concurrency levels                             (default: 1,16)
  --duration S       time cap per measured row, s                   (default: 45)
  --warmup N         warm-up calls per target (gateway-overhead.sh) (default: 2000)
  --jvm-warmup N     extra calls through the gateway before the measured run, at the highest
                     concurrency, not reported (JIT warm-up)        (default: 10000)
  --no-peer          no peer proxy column
  --http-port P      the gateway's HTTP port (default: 9080 when free, else a free port)
  --pg-host H --pg-port P --pg-user U   PostgreSQL (default: 127.0.0.1 5432 postgres; trust auth)
  --keep-db          keep the bench database afterwards (default: drop it; it is created per run)
  --diagnose         after the measured run, a profiled gateway-only run: jcmd Thread.print
                     snapshots, CPU time per process, DB statements per call, upstream connections
  --out DIR          results directory (default: bench/results/countersign-<UTC time>)
EOF
  exit 1
}

n=10000 c="1,16" duration=45 warmup=2000 jvm_warmup=10000 peer=yes http_port="" keep_db=no diagnose=no out=""
pg_host=127.0.0.1 pg_port=5432 pg_user=postgres
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

log() { printf '[countersign-overhead] %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }
for tool in node curl psql java; do command -v "$tool" >/dev/null || die "needs $tool on the PATH"; done

stamp="$(date -u +%Y%m%dT%H%M%SZ)"
out="${out:-$here/results/countersign-$stamp}"
mkdir -p "$out"
db="countersign_bench_$(date -u +%Y%m%d_%H%M%S)"
psql_() { psql -h "$pg_host" -p "$pg_port" -U "$pg_user" -v ON_ERROR_STOP=1 -X -q "$@"; }
free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# ---- cleanup: only what this script started or created -------------------------------------------
server_started=no db_created=no config_saved=no upstream_pid="" sampler_pid=""
backup="$(mktemp -d)"
cleanup() {
  local rc=$?
  set +e
  [[ -n "$sampler_pid" ]] && kill "$sampler_pid" 2>/dev/null && wait "$sampler_pid" 2>/dev/null
  if [[ "$server_started" == yes ]]; then
    [[ -f "$server_dir/logs/messages.log" ]] && cp "$server_dir/logs/messages.log" "$out/messages.log"
    log "stopping the server"
    timeout 120 "$wlp/bin/server" stop countersign >/dev/null 2>&1
    local pid; pid="$(cat "$wlp/usr/servers/.pid/countersign.pid" 2>/dev/null)"
    if [[ -n "$pid" && "$pid" == "${liberty_pid:-}" ]] && kill -0 "$pid" 2>/dev/null; then
      log "the server did not stop: killing its JVM ($pid)"; kill "$pid" 2>/dev/null
    fi
  fi
  if [[ -n "$upstream_pid" ]]; then kill "$upstream_pid" 2>/dev/null; wait "$upstream_pid" 2>/dev/null; fi
  if [[ "$config_saved" == yes ]]; then
    for f in bootstrap.properties jvm.options; do
      if [[ -f "$backup/$f" ]]; then cp -p "$backup/$f" "$server_dir/$f"; else rm -f "$server_dir/$f"; fi
    done
  fi
  if [[ "$db_created" == yes ]]; then
    if [[ "$keep_db" == yes ]]; then log "kept database $db"
    else psql_ -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 && log "dropped database $db"; fi
  fi
  rm -rf "$backup"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- 1. build when needed --------------------------------------------------------------------------
server_built() {
  [[ -x "$wlp/bin/server" && -f "$server_dir/server.xml" && ( -e "$server_dir/apps/countersign.ear" || -e "$server_dir/apps/countersign.ear.xml" ) ]] \
    && compgen -G "$server_dir/jdbc/postgresql*.jar" >/dev/null
}
if [[ ! -d "$wlp" ]]; then
  log "ear/target/liberty/wlp is missing: ./mvnw -q -DskipTests -DskipITs install"
  (cd "$root" && ./mvnw -q -DskipTests -DskipITs install)
  if ! server_built; then
    # With -DskipITs the integration-test executions that create the server are skipped.
    log "creating the Liberty server: ./mvnw -q -f ear/pom.xml liberty:create liberty:deploy"
    (cd "$root" && ./mvnw -q -f ear/pom.xml -DskipTests -DskipITs liberty:create liberty:deploy)
  fi
fi
server_built || die "no deployable server in ear/target/liberty/wlp (build the project first)"
if "$wlp/bin/server" status countersign >/dev/null 2>&1; then
  die "a server named countersign is already running; stop it first (it is not this script's)"
fi

# ---- dependencies of the Node peers ------------------------------------------------------------------
if [[ ! -f "$root/e2e/node_modules/@modelcontextprotocol/server-everything/package.json" ]]; then
  log "installing the e2e peers: (cd e2e && npm ci)"
  (cd "$root/e2e" && timeout 600 npm ci --no-audit --no-fund --loglevel=error) || die "npm ci in e2e failed"
fi
if [[ "$peer" == yes && ! ( -x "$here/node_modules/.bin/mcp-proxy" && -x "$here/node_modules/.bin/supergateway" ) ]]; then
  log "installing the peer proxies: (cd bench && npm ci)"
  (cd "$here" && timeout 600 npm ci --no-audit --no-fund --loglevel=error) || { log "npm ci in bench failed: no peer column"; peer=no; }
fi

# ---- machine and versions -----------------------------------------------------------------------
cpu_model="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
mem_gib="$(awk '/^MemTotal/ { printf "%.1f", $2 / 1048576 }' /proc/meminfo)"
java_version="$(java -version 2>&1 | head -1)"
liberty_version="$(sed -n 's/^com.ibm.websphere.productVersion=//p' "$wlp/lib/versions/openliberty.properties" 2>/dev/null)"
pg_version="$(psql_ -d postgres -Atc 'SHOW server_version')" || die "PostgreSQL does not answer on $pg_host:$pg_port as $pg_user"
everything_version="$(node -p 'require(process.argv[1]).version' "$root/e2e/node_modules/@modelcontextprotocol/server-everything/package.json")"
wrk_version="$( (wrk --version 2>&1 || true) | head -1 | awk '{print $1, $2}')"
machine="$(nproc) cores ($cpu_model), ${mem_gib} GiB RAM, $(uname -sr)"
{
  echo "date: $(date -u +%FT%TZ)"
  echo "machine: $machine"
  echo "uptime before: $(uptime)"
  echo "software: $java_version; Open Liberty $liberty_version; PostgreSQL $pg_version; Node $(node --version); server-everything $everything_version; ${wrk_version:-wrk missing}"
} | tee "$out/machine.txt" >&2
load1="$(cut -d' ' -f1 /proc/loadavg)"
awk -v l="$load1" 'BEGIN { exit !(l > 1.0) }' && log "warning: 1-min load average is $load1: something else is running; numbers will be noisy"

# ---- 2. database, configuration, server --------------------------------------------------------------
psql_ -d postgres -c "CREATE DATABASE $db" >/dev/null
db_created=yes
log "created database $db"

if [[ -z "$http_port" ]]; then
  if port_free 9080; then http_port=9080; else http_port="$(free_port)"; fi
fi
port_free "$http_port" || die "port $http_port is in use"
https_port="$(free_port)"
operator_token="bench-$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')"
secrets_key="$(head -c 32 /dev/urandom | base64)"

for f in bootstrap.properties jvm.options; do
  [[ -f "$server_dir/$f" ]] && cp -p "$server_dir/$f" "$backup/$f"
done
config_saved=yes
cat >"$server_dir/bootstrap.properties" <<EOF
# Written by bench/countersign-overhead.sh for one run; restored afterwards.
db.url=jdbc:postgresql://$pg_host:$pg_port/$db
db.user=$pg_user
db.password=
db.datasourceclass=org.postgresql.ds.PGSimpleDataSource
http.host=127.0.0.1
http.port=$http_port
https.port=$https_port
EOF
cat >"$server_dir/jvm.options" <<EOF
-Dcountersign.operator.token=$operator_token
-Dcountersign.outbound.allow-private-networks=true
-Dcountersign.secrets.key=$secrets_key
EOF

log "starting Open Liberty on 127.0.0.1:$http_port (database $db)"
# The server takes settings from the environment too (DB_URL, HTTP_PORT, ...): keep ours in force.
env -u DB_URL -u DB_USER -u DB_PASSWORD -u DB_DATASOURCECLASS -u DB_POOL_MAX -u HTTP_PORT -u HTTP_HOST \
  -u HTTPS_PORT -u COUNTERSIGN_DEMO_ENABLED -u COUNTERSIGN_OPERATOR_TOKEN -u COUNTERSIGN_SECRETS_KEY \
  timeout 240 "$wlp/bin/server" start countersign >"$out/server-start.txt" 2>&1 \
  || { server_started=yes; cat "$out/server-start.txt" >&2; die "the server did not start"; }
server_started=yes
liberty_pid="$(cat "$wlp/usr/servers/.pid/countersign.pid" 2>/dev/null || true)"
base="http://127.0.0.1:$http_port"
ready=no
for _ in $(seq 1 180); do
  if curl -fsS --max-time 2 "$base/health/ready" 2>/dev/null | grep -q '"status":"UP"'; then ready=yes; break; fi
  sleep 1
done
[[ "$ready" == yes ]] || die "/health/ready did not report UP within 180 s (see $server_dir/logs/messages.log)"
log "server ready (JVM pid ${liberty_pid:-?})"

# ---- 3. upstream, tenant, key ------------------------------------------------------------------------
ready_file="$out/everything.ready"
node "$root/e2e/start-everything.mjs" 0 --ignore-stdin >"$ready_file" &
upstream_pid=$!
for _ in $(seq 1 150); do grep -q '^READY ' "$ready_file" && break; sleep 0.2; done
grep -q '^READY ' "$ready_file" || die "server-everything did not start"
direct="$(sed -n 's/^READY //p' "$ready_file")"
upstream_port="$(sed -E 's#^http://127\.0\.0\.1:([0-9]+)/.*#\1#' <<<"$direct")"
log "server-everything: $direct"

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
status="$(curl -sS --max-time 30 -o "$out/import.json" -w '%{http_code}' -X PUT "$base/api/v1/tenants/bench/bundle" \
  -H "Authorization: Bearer $operator_token" -H 'Content-Type: application/yaml' --data-binary @"$out/bench-tenant.yaml")"
[[ "$status" == 200 ]] || { cat "$out/import.json" >&2; die "bundle import answered HTTP $status"; }
status="$(curl -sS --max-time 30 -o "$backup/key.json" -w '%{http_code}' -X POST \
  "$base/api/v1/tenants/bench/agents/bench-agent/keys" -H "Authorization: Bearer $operator_token")"
[[ "$status" == 201 ]] || { cat "$backup/key.json" >&2; die "key issue answered HTTP $status"; }
key="$(node -p 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).key' "$backup/key.json")"
gateway="$base/t/bench/mcp"
log "tenant bench imported; key issued to bench-agent; gateway $gateway"

# ---- database counters -------------------------------------------------------------------------------
db_counters() {   # xact_commit tup_inserted tup_updated tup_fetched decisions outcomes sessions
  sleep 1.5       # PostgreSQL publishes its statistics with a short delay
  psql_ -d "$db" -At -F ' ' -c "
    SELECT d.xact_commit, d.tup_inserted, d.tup_updated, d.tup_fetched,
           (SELECT count(*) FROM audit_entry WHERE event_type = 'tool_call.decision'),
           (SELECT count(*) FROM audit_entry WHERE event_type = 'tool_call.outcome'),
           (SELECT count(*) FROM mcp_session)
    FROM pg_stat_database d WHERE d.datname = current_database()"
}
table_counters() {
  psql_ -d "$db" -At -F ' ' -c "SELECT relname, seq_scan, coalesce(idx_scan,0), n_tup_ins, n_tup_upd FROM pg_stat_user_tables ORDER BY relname"
}
cpu_ticks() {     # utime+stime (clock ticks) of a pid, or of all processes of a user with -u
  if [[ "$1" == -u ]]; then
    local sum=0 p
    for p in $(pgrep -u "$2" 2>/dev/null); do
      sum=$(( sum + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0) ))
    done
    echo "$sum"
  else
    awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0
  fi
}
cpu_machine() {   # busy idle (clock ticks, all CPUs) from /proc/stat
  awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9, $5 + $6; exit }' /proc/stat
}
# server-everything runs as a child of start-everything.mjs
upstream_server_pid="$(pgrep -P "$upstream_pid" node | head -1 || true)"

# ---- 4. JIT warm-up, then the measured run ------------------------------------------------------------
if (( jvm_warmup > 0 )); then
  log "JVM warm-up: $jvm_warmup calls through the gateway at concurrency $top_c (not reported)"
  "$here/gateway-overhead.sh" --gateway "$gateway" --key "$key" --gateway-tool everything__echo \
    -n "$jvm_warmup" -c "$top_c" --warmup 1 --duration 60 --out "$out/jvm-warmup" >/dev/null 2>"$out/jvm-warmup.log" \
    || log "JVM warm-up run failed (see $out/jvm-warmup.log)"
fi

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
  printf "%d tools/call audited through the gateway during the run (%d decision + %d outcome rows in audit_entry); per call: %.2f commits, %.2f rows inserted, %.2f rows updated, %.2f rows fetched", c, c, o, x / c, i / c, u / c, f / c }')"

# ---- 5. report --------------------------------------------------------------------------------------
{
  echo "## countersign-overhead $(date -u +%FT%TZ)"
  echo
  echo "- machine: $machine"
  echo "- software: $java_version; Open Liberty $liberty_version; PostgreSQL $pg_version (database $db); Node $(node --version); server-everything $everything_version; ${wrk_version:-wrk missing}"
  echo "- load average before: $(cut -d' ' -f1-3 /proc/loadavg) now; $load1 before the server started"
  echo "- audit store: PostgreSQL; $db_line"
  echo
  cat "$out/bench/table.md"
} | tee "$out/summary.md"

# ---- optional: a profiled gateway-only run -------------------------------------------------------------
if [[ "$diagnose" == yes ]]; then
  diag="$out/diagnose"; mkdir -p "$diag"
  hz="$(getconf CLK_TCK)"
  for conc in ${c//,/ }; do
    log "diagnose: gateway only, concurrency $conc, $n calls, with thread dumps"
    table_counters >"$diag/tables-before-c$conc.txt"
    read -r x0 i0 u0 f0 d0 o0 s0 <<<"$(db_counters)"
    t_l0="$(cpu_ticks "$liberty_pid")"; t_p0="$(cpu_ticks -u postgres)"; t_u0="$(cpu_ticks "${upstream_server_pid:-0}")"
    read -r busy0 idle0 <<<"$(cpu_machine)"
    (
      sleep 4
      for i in 1 2 3 4 5 6; do
        jcmd "$liberty_pid" Thread.print >"$diag/threads-c$conc-$i.txt" 2>&1 || true
        ss -tan "( dport = :$upstream_port )" 2>/dev/null | awk 'NR > 1 { s[$1]++ } END { for (k in s) printf "%s=%d ", k, s[k]; print "" }' \
          >>"$diag/upstream-sockets-c$conc.txt"
        sleep 2
      done
    ) &
    sampler_pid=$!
    "$here/gateway-overhead.sh" --gateway "$gateway" --key "$key" --gateway-tool everything__echo \
      -n "$n" -c "$conc" --warmup 1 --duration "$duration" --out "$diag/run-c$conc" >"$diag/run-c$conc.out" 2>&1 || true
    wait "$sampler_pid" 2>/dev/null || true; sampler_pid=""
    read -r busy1 idle1 <<<"$(cpu_machine)"
    t_l1="$(cpu_ticks "$liberty_pid")"; t_p1="$(cpu_ticks -u postgres)"; t_u1="$(cpu_ticks "${upstream_server_pid:-0}")"
    read -r x1 i1 u1 f1 d1 o1 s1 <<<"$(db_counters)"
    table_counters >"$diag/tables-after-c$conc.txt"
    tw="$(ss -tan state time-wait "( dport = :$upstream_port or sport = :$upstream_port )" 2>/dev/null | awk 'NR > 1' | wc -l)"
    calls=$(( d1 - d0 ))
    {
      echo "### diagnose, gateway only, concurrency $conc"
      echo
      grep -h '^|' "$diag/run-c$conc/table.md" || true
      echo
      awk -v c="$calls" -v hz="$hz" -v l=$((t_l1 - t_l0)) -v p=$((t_p1 - t_p0)) -v u=$((t_u1 - t_u0)) \
          -v busy=$((busy1 - busy0)) -v idle=$((idle1 - idle0)) -v x=$((x1 - x0)) -v i=$((i1 - i0)) -v up=$((u1 - u0)) -v f=$((f1 - f0)) -v tw="$tw" 'BEGIN {
        if (c == 0) { print "no calls audited"; exit }
        ms = 1000 / hz / c
        printf "- CPU per call (ms): Liberty JVM %.3f, PostgreSQL (all its processes) %.3f, server-everything %.3f, whole machine %.3f (machine busy %.0f%% over the run)\n", l * ms, p * ms, u * ms, busy * ms, 100 * busy / (busy + idle)
        printf "- database per call: %.2f commits, %.2f rows inserted, %.2f rows updated, %.2f rows fetched (%d calls)\n", x / c, i / c, up / c, f / c, c
        printf "- TCP connections to the upstream in TIME_WAIT right after the run: %d (each is a connection closed in the last 60 s)\n", tw }'
      echo "- per-table activity (relname seq_scan idx_scan n_tup_ins n_tup_upd), delta:"
      join <(sort "$diag/tables-before-c$conc.txt") <(sort "$diag/tables-after-c$conc.txt") \
        | awk '{ d1 = $6 - $2; d2 = $7 - $3; d3 = $8 - $4; d4 = $9 - $5; if (d1 + d2 + d3 + d4 > 0) printf "  - %s: seq_scan +%d, idx_scan +%d, inserted +%d, updated +%d\n", $1, d1, d2, d3, d4 }'
      echo "- Liberty executor threads in the thread dumps (count: innermost Countersign frame <- top frame):"
      cat "$diag"/threads-c"$conc"-*.txt 2>/dev/null | awk '
        function flush() { if (inthread) count[(cs == "" ? "(no Countersign frame: idle or in Liberty)" : cs) " <- " top]++ }
        /^"/ { flush(); inthread = ($0 ~ /Default Executor/); top = ""; cs = ""; next }
        inthread && /^[ \t]+at / { f = $2; sub(/\(.*/, "", f); if (top == "") top = f; if (cs == "" && f ~ /^io\.countersign\./) cs = f }
        END { flush(); for (w in count) print count[w], w }' | sort -rn | head -20 | awk '{ n = $1; $1 = ""; printf "  - %d x%s\n", n, $0 }'
      echo
    } | tee -a "$out/summary.md"
  done
fi
log "results: $out"
