#!/usr/bin/env bash
# Side-by-side load test of an allowed tools/call of a trivial upstream tool: direct to the upstream
# vs. through Countersign (and optionally a peer proxy), reporting p50/p90/p99/max latency, calls/s
# and the latency the gateway adds. See README.md.
#
#   ./gateway-overhead.sh --start-everything \
#       --gateway http://127.0.0.1:9080/t/demo/mcp --key "$AGENT_KEY" --gateway-tool everything__echo
#
# For each target: initialize an MCP 2025-11-25 session over Streamable HTTP, send
# notifications/initialized, check one tools/call is allowed and succeeds, warm up, then run N calls
# at concurrency C (bounded by --duration seconds too), then DELETE the session. A target that is
# not given or does not answer is reported as skipped; the other rows still run.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
e2e="$here/../e2e"

usage() {
  cat >&2 <<'EOF'
usage: gateway-overhead.sh [options]
 targets (each optional; a missing or failing target is shown as skipped):
  --direct URL            upstream MCP endpoint            (default with --start-everything)
  --direct-tool NAME      tool on the upstream             (default: echo)
  --gateway URL           Countersign MCP endpoint, e.g. http://127.0.0.1:9080/t/demo/mcp
  --key KEY               agent key for the gateway (Authorization: Bearer KEY)
  --gateway-tool NAME     namespaced tool                  (default: everything__echo)
  --peer URL              a peer proxy in front of the same upstream (third column)
  --peer-tool NAME        (default: echo)
  --peer-key KEY          bearer key for the peer, if it needs one
  --start-everything [PORT]  start server-everything from ../e2e on 127.0.0.1:PORT (default 3901)
  --start-peer [PORT]     start mcp-proxy + supergateway (bench/node_modules) on 127.0.0.1:PORT
                          (default 3911) in front of --direct, and use it as --peer
 load:
  --args JSON             tool arguments                   (default: {"message":"hi"})
  -n N                    measured calls per target        (default: 20000)
  -c C[,C...]             concurrent connections; a list runs each level in turn, e.g. 1,16
                          (1 shows the bare per-call overhead, 16 the loaded case) (default: 16)
  --duration S            time cap per measured run, s     (default: 60)
  --warmup N              warm-up calls per target         (default: 2000, capped at 10 s)
  --threads T             wrk threads                      (default: 1)
  --engine auto|wrk|node  load generator (auto: wrk, installed with apt-get if missing and root;
                          else the Node fallback)          (default: auto)
  --out DIR               where results go                 (default: bench/results/<UTC time>)
EOF
  exit 1
}

direct="" direct_tool="echo"
gateway="" key="" gateway_tool="everything__echo"
peer="" peer_tool="echo" peer_key=""
start_everything="" start_peer=""
tool_args='{"message":"hi"}'
n=20000 c=16 duration=60 warmup=2000 threads=1 engine=auto out=""

while [[ $# -gt 0 ]]; do
  case "$1" in
    --direct) direct="$2"; shift 2 ;;
    --direct-tool) direct_tool="$2"; shift 2 ;;
    --gateway) gateway="$2"; shift 2 ;;
    --key) key="$2"; shift 2 ;;
    --gateway-tool) gateway_tool="$2"; shift 2 ;;
    --peer) peer="$2"; shift 2 ;;
    --peer-tool) peer_tool="$2"; shift 2 ;;
    --peer-key) peer_key="$2"; shift 2 ;;
    --start-everything) if [[ "${2:-}" =~ ^[0-9]+$ ]]; then start_everything="$2"; shift 2; else start_everything=3901; shift; fi ;;
    --start-peer) if [[ "${2:-}" =~ ^[0-9]+$ ]]; then start_peer="$2"; shift 2; else start_peer=3911; shift; fi ;;
    --args) tool_args="$2"; shift 2 ;;
    -n) n="$2"; shift 2 ;;
    -c) c="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --engine) engine="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    -h|--help) usage ;;
    *) echo "unknown option: $1" >&2; usage ;;
  esac
done
IFS=',' read -r -a concurrencies <<<"$c"
for x in "$n" "$duration" "$warmup" "$threads" "${concurrencies[@]}"; do
  [[ "$x" =~ ^[1-9][0-9]*$ ]] || { echo "-n, -c, --duration, --warmup, --threads take positive integers" >&2; exit 1; }
done
for x in "${concurrencies[@]}"; do
  (( x <= 1000 && x >= threads )) || { echo "refusing: concurrency must be within threads..1000" >&2; exit 1; }
done
(( n <= 10000000 && duration <= 3600 )) || { echo "refusing: -n <= 10M, --duration <= 3600" >&2; exit 1; }

bench_node() { node "$here/mcp-bench.mjs" "$@"; }
log() { printf '%s\n' "$*" >&2; }

# ---- processes this script starts (stopped by PID on exit) -------------------------------------
pids=()
sessions=()   # "url|key|session|protocol"
cleanup() {
  for s in "${sessions[@]+"${sessions[@]}"}"; do
    IFS='|' read -r u k sid proto <<<"$s"
    bench_node close --url "$u" ${k:+--key "$k"} --session "$sid" --protocol "$proto" >/dev/null 2>&1 || true
  done
  for p in "${pids[@]+"${pids[@]}"}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]+"${pids[@]}"}"; do wait "$p" 2>/dev/null || true; done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

if [[ -n "$start_everything" ]]; then
  [[ -f "$e2e/node_modules/@modelcontextprotocol/server-everything/package.json" ]] \
    || { log "--start-everything needs the e2e peers: (cd e2e && npm ci)"; exit 1; }
  port_free "$start_everything" || { log "port $start_everything is already in use"; exit 1; }
  ready="$(mktemp)"
  node "$e2e/start-everything.mjs" "$start_everything" --ignore-stdin >"$ready" &
  pids+=($!)
  for _ in $(seq 1 150); do grep -q '^READY ' "$ready" && break; sleep 0.2; done
  grep -q '^READY ' "$ready" || { log "server-everything did not start"; rm -f "$ready"; exit 1; }
  direct="$(sed -n 's/^READY //p' "$ready")"; rm -f "$ready"
  log "started server-everything: $direct"
fi

if [[ -n "$start_peer" ]]; then
  [[ -n "$direct" ]] || { log "--start-peer needs --direct or --start-everything"; exit 1; }
  bin="$here/node_modules/.bin"
  [[ -x "$bin/mcp-proxy" && -x "$bin/supergateway" ]] || { log "--start-peer needs the peer proxies: (cd bench && npm ci)"; exit 1; }
  port_free "$start_peer" || { log "port $start_peer is already in use"; exit 1; }
  # mcp-proxy serves Streamable HTTP on 127.0.0.1 and talks stdio to supergateway, which forwards
  # to the upstream over Streamable HTTP: an HTTP -> HTTP MCP proxy built from npm parts.
  NODE_OPTIONS="--require \"$e2e/loopback.cjs\"" "$bin/mcp-proxy" --host 127.0.0.1 --port "$start_peer" --server stream \
    -- "$bin/supergateway" --streamableHttp "$direct" --protocolVersion 2025-11-25 --logLevel none >/dev/null 2>&1 &
  pids+=($!)
  peer="http://127.0.0.1:$start_peer/mcp"
  for _ in $(seq 1 100); do port_free "$start_peer" || break; sleep 0.2; done
  log "started peer proxy chain: $peer"
fi

# ---- load generator -------------------------------------------------------------------------------
if [[ "$engine" == auto ]]; then
  if ! command -v wrk >/dev/null && [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    log "wrk missing: apt-get install -y wrk"
    timeout 300 apt-get install -y wrk >/dev/null 2>&1 \
      || { timeout 300 apt-get update >/dev/null 2>&1 && timeout 300 apt-get install -y wrk >/dev/null 2>&1; } || true
  fi
  if command -v wrk >/dev/null; then engine=wrk; else engine=node; log "wrk unavailable: using the Node load generator (it may be the bottleneck on 2 cores)"; fi
fi
[[ "$engine" == wrk || "$engine" == node ]] || usage

# load URL KEY SESSION PROTOCOL TOOL CALLS SECONDS CONCURRENCY -> one JSON line
load() {
  local url="$1" k="$2" sid="$3" proto="$4" tool="$5" calls="$6" secs="$7" conc="$8"
  if [[ "$engine" == wrk ]]; then
    MCP_SESSION="$sid" MCP_PROTOCOL="$proto" MCP_TOOL="$tool" MCP_ARGS="$tool_args" \
    MCP_AUTH="${k:+Bearer $k}" MCP_LIMIT="$calls" MCP_THREADS="$threads" \
      wrk -t"$threads" -c"$conc" -d"${secs}s" --timeout 10s -s "$here/mcp-call.lua" "$url" | grep '^{"engine"'
  else
    bench_node run --url "$url" ${k:+--key "$k"} --session "$sid" --protocol "$proto" --tool "$tool" \
      --args "$tool_args" -n "$calls" -c "$conc" --duration "$secs"
  fi
}

json_field() { node -e 'const j=JSON.parse(process.argv[1]); process.stdout.write(String(j[process.argv[2]] ?? ""))' "$1" "$2"; }

out="${out:-$here/results/$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$out"
warm_secs=$(( duration < 10 ? duration : 10 ))

# bench_target NAME URL KEY TOOL: one result file per concurrency level, $out/NAME-cC.jsonl
bench_target() {
  local name="$1" url="$2" k="$3" tool="$4" conc file
  for conc in "${concurrencies[@]}"; do
    printf '{"target":"%s","url":"%s","tool":"%s","concurrency":%s}\n' "$name" "$url" "$tool" "$conc" >"$out/$name-c$conc.jsonl"
    files+=("$out/$name-c$conc.jsonl")
  done
  skip() {
    for conc in "${concurrencies[@]}"; do
      node -e 'console.log(JSON.stringify({skipped: process.argv[1]}))' "$1" >>"$out/$name-c$conc.jsonl"
    done
    log "[$name] skipped: $1"
  }
  if [[ -z "$url" ]]; then skip "no URL given"; return; fi
  local opened
  if ! opened="$(bench_node open --url "$url" ${k:+--key "$k"} --tool "$tool" --args "$tool_args" 2>/dev/null)"; then
    local why; why="$(json_field "$opened" message 2>/dev/null)" || true
    skip "${why:-open failed}"; return
  fi
  local sid proto
  sid="$(json_field "$opened" sessionId)"; proto="$(json_field "$opened" protocolVersion)"
  sessions+=("$url|$k|$sid|$proto")
  log "[$name] $url session ${sid:-<none>} protocol $proto answer $(json_field "$opened" contentType); sample: $(json_field "$opened" sample)"
  log "[$name] warm-up: $warmup calls (<= ${warm_secs}s)"
  load "$url" "$k" "$sid" "$proto" "$tool" "$warmup" "$warm_secs" "${concurrencies[-1]}" >/dev/null || true
  for conc in "${concurrencies[@]}"; do
    file="$out/$name-c$conc.jsonl"
    log "[$name] measured: $n calls, concurrency $conc, <= ${duration}s, engine $engine"
    local res; res="$(load "$url" "$k" "$sid" "$proto" "$tool" "$n" "$duration" "$conc")" || res=""
    if [[ -z "$res" ]]; then
      echo '{"skipped":"the load run produced no result"}' >>"$file"; log "[$name] the load run produced no result"
    else
      echo "$res" >>"$file"; log "[$name] $res"
    fi
  done
  bench_node close --url "$url" ${k:+--key "$k"} --session "$sid" --protocol "$proto" >/dev/null 2>&1 || true
  unset 'sessions[${#sessions[@]}-1]'
}

load_avg="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
log "gateway-overhead: $(date -u +%FT%TZ), $(nproc) cores, load average $load_avg, engine $engine, n=$n c=$c threads=$threads duration<=${duration}s, args $tool_args"
if awk -v l="${load_avg%% *}" 'BEGIN { exit !(l > 0.5) }' 2>/dev/null; then
  log "warning: the machine is busy (1-min load average ${load_avg%% *}); numbers will be noisy"
fi
files=()
bench_target direct "$direct" "" "$direct_tool"
bench_target gateway "$gateway" "$key" "$gateway_tool"
[[ -z "$peer" ]] || bench_target peer "$peer" "$peer_key" "$peer_tool"

{
  echo "gateway-overhead $(date -u +%FT%TZ) · $(nproc) cores · load average before $load_avg · engine $engine · $n calls per row · args \`$tool_args\`"
  echo
  bench_node report "${files[@]}"
} | tee "$out/table.md"
log "results: $out"
