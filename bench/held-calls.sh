#!/usr/bin/env bash
# One rerunnable command for BENCHMARKS.md: held calls (the approval workflow, issue 5).
#
#   bench/held-calls.sh                  # defaults: 50 sequential held calls, then 10,000 at once
#   bench/held-calls.sh --held 2000 -n 20
#
# What it does (everything binds 127.0.0.1; everything it starts is stopped on exit):
#  1. builds the server if ear/target/liberty/wlp is missing, creates a fresh PostgreSQL database,
#     writes bootstrap.properties and jvm.options (restored afterwards) with ping mode possible
#     (allow-private-networks, self-url) and a long hold time, starts Open Liberty
#     (bench/lib/liberty-server.sh);
#  2. starts server-everything, imports tenant "held": upstream "everything", approvers alice, bob
#     and carol in group "approvers", rule "echo needs --quorum of approvers" (timeout PT30M);
#     sets the approvers' passwords and issues a key to "held-agent";
#  3. vote-to-forward latency (bench/held-bench.mjs latency): -n held calls one after another, the
#     agent's SSE stream open, the call read from the first approver's inbox, the votes posted to
#     the decision API; the deciding vote's audit entry to the gateway's tool_call.forwarded entry
#     (server, one clock) and the vote sent to the result on the agent's stream (client);
#  4. --held calls at once (bench/held-bench.mjs burst): time until all are PENDING, heap after a
#     full GC, live threads, descriptors and RSS of the server JVM before and with them waiting,
#     its CPU while they wait, and how many streams stay open for --keep-open seconds;
#  5. prints the machine, the commit and the tables (bench/results/held-<UTC time>/summary.md),
#     stops the server and the upstream, drops the database (unless --keep-db).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
bench_name="held-calls"
# shellcheck source=bench/lib/liberty-server.sh
. "$here/lib/liberty-server.sh"

usage() {
  cat >&2 <<'EOF'
usage: held-calls.sh [options]
  -n N               held calls measured one after another                  (default: 50)
  --warmup N         held calls before them, not reported                   (default: 10)
  --quorum K         approvals a call needs, 1-3; the K-th vote decides     (default: 2)
  --held N           held calls opened at once                              (default: 10000)
  --sessions S       MCP sessions they are spread over                      (default: 100)
  --window W         send them with at most W not yet held at a time; 0: all at once (default: 0)
  --burst-timeout S  give up waiting for them to be held after S seconds    (default: 900)
  --keep-open S      how long the held calls are kept waiting, s            (default: 90)
  --hold-time D      countersign.gateway.hold-time (ISO-8601)               (default: PT10M)
  --no-latency       skip the sequential latency run
  --no-burst         skip the simultaneous held calls
  --http-port P      the server's HTTP port (default: 9080 when free, else a free port)
  --pg-host H --pg-port P --pg-user U   PostgreSQL (default: 127.0.0.1 5432 postgres; trust auth)
  --keep-db          keep the bench database afterwards (default: drop it; it is created per run)
  --jvm-option OPT   an extra line for the server's jvm.options (repeatable)
  --out DIR          results directory (default: bench/results/held-<UTC time>)
EOF
  exit 1
}

n=50 warmup=10 quorum=2 held=10000 sessions=100 window=0 burst_timeout=900 keep_open=90 hold_time=PT10M
latency=yes burst=yes http_port="" keep_db=no out=""
pg_host=127.0.0.1 pg_port=5432 pg_user=postgres
jvm_extra=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    -n) n="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --quorum) quorum="$2"; shift 2 ;;
    --held) held="$2"; shift 2 ;;
    --sessions) sessions="$2"; shift 2 ;;
    --window) window="$2"; shift 2 ;;
    --burst-timeout) burst_timeout="$2"; shift 2 ;;
    --keep-open) keep_open="$2"; shift 2 ;;
    --hold-time) hold_time="$2"; shift 2 ;;
    --no-latency) latency=no; shift ;;
    --no-burst) burst=no; shift ;;
    --http-port) http_port="$2"; shift 2 ;;
    --pg-host) pg_host="$2"; shift 2 ;;
    --pg-port) pg_port="$2"; shift 2 ;;
    --pg-user) pg_user="$2"; shift 2 ;;
    --keep-db) keep_db=yes; shift ;;
    --out) out="$2"; shift 2 ;;
    --jvm-option) [[ "$2" =~ ^-[-A-Za-z0-9_.:=+,/]+$ ]] || { echo "--jvm-option: one JVM option per use" >&2; exit 1; }
                  jvm_extra+=("$2"); shift 2 ;;
    -h|--help) usage ;;
    *) echo "unknown option: $1" >&2; usage ;;
  esac
done
for x in "$n" "$held" "$sessions" "$keep_open" "$burst_timeout" "$pg_port" ${http_port:+"$http_port"}; do
  [[ "$x" =~ ^[1-9][0-9]*$ ]] || { echo "-n, --held, --sessions, --keep-open, --burst-timeout and ports take positive integers" >&2; exit 1; }
done
[[ "$warmup" =~ ^[0-9]+$ && "$window" =~ ^[0-9]+$ ]] || { echo "--warmup and --window take integers" >&2; exit 1; }
[[ "$quorum" =~ ^[1-3]$ ]] || { echo "--quorum takes 1, 2 or 3" >&2; exit 1; }
[[ "$hold_time" =~ ^PT[0-9]+[SMH]$ ]] || { echo "--hold-time takes e.g. PT10M" >&2; exit 1; }
[[ "$pg_host" == 127.0.0.1 || "$pg_host" == localhost ]] || { echo "refusing: PostgreSQL must be on loopback" >&2; exit 1; }
(( n <= 10000 && held <= 15000 && sessions <= held && keep_open <= 1800 && burst_timeout <= 3600 )) \
  || { echo "refusing: -n <= 10000, --held <= 15000 (file descriptors), --sessions <= --held, --keep-open <= 1800, --burst-timeout <= 3600" >&2; exit 1; }

for tool in node curl psql java jcmd; do command -v "$tool" >/dev/null || die "needs $tool on the PATH"; done
# One descriptor per open stream, in the client and in the server (started from this shell).
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
fd_limit="$(ulimit -n)"
if [[ "$burst" == yes && "$fd_limit" != unlimited ]] && (( fd_limit < held + 2000 )); then
  die "--held $held needs more than $(ulimit -n) file descriptors (ulimit -n)"
fi

bench_init held
liberty_build_if_missing
bench_install_e2e

# ---- machine and versions -----------------------------------------------------------------------
bench_versions
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
{
  echo "date: $(date -u +%FT%TZ)"
  echo "machine: $machine"
  echo "uptime before: $(uptime)"
  echo "code: commit $code_rev"
  echo "software: $java_version; Open Liberty $liberty_version; PostgreSQL $pg_version; Node $(node --version); server-everything $everything_version"
} | tee "$out/machine.txt" >&2
awk -v l="${load_before%% *}" 'BEGIN { exit !(l > 1.0) }' && log "warning: 1-min load average is ${load_before%% *}: something else is running; numbers will be noisy"

# ---- database, configuration, server --------------------------------------------------------------
liberty_fresh_database
liberty_choose_ports
liberty_write_config \
  "-Dcountersign.gateway.self-url=http://127.0.0.1:$http_port" \
  "-Dcountersign.gateway.hold-time=$hold_time" \
  "${jvm_extra[@]+"${jvm_extra[@]}"}"
liberty_start
jvm_flags="$(jcmd "$liberty_pid" VM.flags 2>/dev/null | tr ' ' '\n' || true)"
jvm_heap="$(sed -n 's/^-XX:MaxHeapSize=//p' <<<"$jvm_flags")"
jvm_gc="$(sed -n 's/^-XX:+Use\([A-Za-z0-9]*\)GC$/\1/p' <<<"$jvm_flags" | head -1)"

# ---- upstream, tenant, approvers, key ---------------------------------------------------------------
bench_start_everything
tenant=held
cat >"$out/held-tenant.yaml" <<EOF
# Tenant of bench/held-calls.sh: server-everything as upstream; echo needs $quorum approval(s).
apiVersion: countersign.io/v1
kind: TenantBundle
tenant:
  id: $tenant
  displayName: Held-call benchmark tenant
  approvers:
    deviceBoundVotes: optional   # the benchmark votes through the HTTP Basic decision API
upstreams:
  - name: everything
    url: "$direct"
    timeouts: { connect: PT2S, read: PT20S }
agents:
  - name: held-agent
    description: The load generator
members:
  - { email: alice@$tenant.example, displayName: Alice, roles: [approver] }
  - { email: bob@$tenant.example, displayName: Bob, roles: [approver] }
  - { email: carol@$tenant.example, displayName: Carol, roles: [approver] }
approverGroups:
  - name: approvers
    members: [alice@$tenant.example, bob@$tenant.example, carol@$tenant.example]
policy:
  default: deny
  reason: Only echo is offered here, and only with approval.
  rules:
    - name: echo-needs-approval
      when: tool.name == "echo"
      action: require_approval
      approval:
        groups: [{ group: approvers, count: $quorum }]
        timeout: PT30M
EOF
liberty_import_bundle "$tenant" "$out/held-tenant.yaml"
password="bench-$(od -An -tx1 -N12 /dev/urandom | tr -d ' \n')"
approvers=""
for who in alice bob carol; do
  status="$(liberty_operator PUT "/$tenant/members/$who@$tenant.example/password" "{\"password\":\"$password\"}")"
  [[ "$status" == 204 ]] || { cat "$backup/operator.json" >&2; die "setting $who's password answered HTTP $status"; }
  approvers="${approvers:+$approvers,}$who@$tenant.example"
done
key="$(liberty_issue_key "$tenant" held-agent)"
gateway="$base/t/$tenant/mcp"
log "tenant $tenant imported; approvers $approvers; key issued to held-agent; gateway $gateway"
pg_args="-h $pg_host -p $pg_port -U $pg_user -d $db"

# ---- vote-to-forward latency ----------------------------------------------------------------------
if [[ "$latency" == yes ]]; then
  log "latency: $warmup + $n held calls one after another, quorum $quorum"
  load_latency="$(cut -d' ' -f1-3 /proc/loadavg)"
  node "$here/held-bench.mjs" latency --url "$gateway" --key "$key" --base "$base" --tenant "$tenant" \
    --approvers "$approvers" --password "$password" --quorum "$quorum" -n "$n" --warmup "$warmup" \
    --psql "$pg_args" --out "$out/latency.json" 2> >(tee "$out/latency.log" >&2) \
    || die "the latency run failed (see $out/latency.log)"
fi

# ---- simultaneous held calls ------------------------------------------------------------------------
if [[ "$burst" == yes ]]; then
  log "burst: $held held calls over $sessions sessions (window $window; 0: all at once), kept waiting $keep_open s"
  load_burst="$(cut -d' ' -f1-3 /proc/loadavg)"
  node --max-old-space-size=2048 "$here/held-bench.mjs" burst --url "$gateway" --key "$key" --tenant "$tenant" \
    --held "$held" --sessions "$sessions" --window "$window" --timeout "$burst_timeout" \
    --keep-open "$keep_open" --pid "$liberty_pid" \
    --psql "$pg_args" --out "$out/burst.json" 2> >(tee "$out/burst.log" >&2) \
    || log "the burst run failed (see $out/burst.log); reporting what it measured"
fi
warnings="$(grep -cE ' [WE] ' "$server_dir/logs/messages.log" 2>/dev/null || true)"

# ---- report -----------------------------------------------------------------------------------------
{
  echo "## held-calls $(date -u +%FT%TZ)"
  echo
  echo "- machine: $machine"
  echo "- code: commit $code_rev"
  [[ ${#jvm_extra[@]} -gt 0 ]] && echo "- extra JVM options: ${jvm_extra[*]}"
  echo "- software: $java_version (${jvm_gc:-?} GC, max heap $(( ${jvm_heap:-0} / 1048576 )) MiB by default); Open Liberty $liberty_version; PostgreSQL $pg_version (database $db); Node $(node --version); server-everything $everything_version"
  echo "- settings: ping mode (self-url http://127.0.0.1:$http_port, private networks allowed), hold time $hold_time, rule timeout PT30M, quorum $quorum of 3 approvers"
  echo "- load average (1, 5, 15 min): $load_before before the server started${load_latency:+; $load_latency before the latency run}${load_burst:+; $load_burst before the burst}; $(cut -d' ' -f1-3 /proc/loadavg) at the end"
  echo "- messages.log: ${warnings:-0} warning or error lines"
  echo
  node "$here/held-bench.mjs" report "$out/latency.json" "$out/burst.json"
} | tee "$out/summary.md"
log "results: $out"
