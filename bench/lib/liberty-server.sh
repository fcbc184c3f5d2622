# shellcheck shell=bash
# The variables below are shared with the sourcing script both ways (options in, state out).
# shellcheck disable=SC2034,SC2154
# Sourced by the bench scripts that run their own Countersign server (countersign-overhead.sh,
# held-calls.sh): cleanup on exit, build when needed, a fresh PostgreSQL database, the server's
# bootstrap.properties and jvm.options written for the run and restored afterwards, server start and
# readiness wait, server-everything as upstream, tenant import and agent keys via the operator API.
#
# Before sourcing, the script sets:
#   bench_name   its name without .sh (log prefix, comment in bootstrap.properties)
#   here, root   bench/ and the project root (absolute)
# Before bench_init, after its options: pg_host pg_port pg_user keep_db out http_port (may be empty).
# Optional hook: a function bench_before_server_stop, run first on exit (e.g. to stop samplers).
#
# Everything binds 127.0.0.1; on exit only what was started or created here is stopped or dropped.

wlp="$root/ear/target/liberty/wlp"
server_dir="$wlp/usr/servers/countersign"

log() { printf '[%s] %s\n' "$bench_name" "$*" >&2; }
die() { log "$*"; exit 1; }
psql_() { psql -h "$pg_host" -p "$pg_port" -U "$pg_user" -v ON_ERROR_STOP=1 -X -q "$@"; }
free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# ---- run directory, database name, cleanup trap ------------------------------------------------------
# bench_init RESULTS_PREFIX: stamp, out (default bench/results/<prefix>-<UTC time>), db, the trap.
server_started=no db_created=no config_saved=no upstream_pid="" liberty_pid=""
bench_init() {
  stamp="$(date -u +%Y%m%dT%H%M%SZ)"
  out="${out:-$here/results/$1-$stamp}"
  mkdir -p "$out"
  db="countersign_bench_$(date -u +%Y%m%d_%H%M%S)"
  backup="$(mktemp -d)"
  trap liberty_cleanup EXIT
  trap 'exit 130' INT TERM
}

liberty_cleanup() {
  local rc=$?
  set +e
  declare -F bench_before_server_stop >/dev/null && bench_before_server_stop
  liberty_stop
  if [[ -n "$upstream_pid" ]]; then kill "$upstream_pid" 2>/dev/null; wait "$upstream_pid" 2>/dev/null; fi
  liberty_restore_config
  if [[ "$db_created" == yes ]]; then
    if [[ "$keep_db" == yes ]]; then log "kept database $db"
    elif psql_ -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1; then log "dropped database $db"
    else log "could not drop database $db"; fi
  fi
  rm -rf "$backup"
  exit "$rc"
}

liberty_stop() {
  [[ "$server_started" == yes ]] || return 0
  [[ -f "$server_dir/logs/messages.log" ]] && cp "$server_dir/logs/messages.log" "$out/messages.log"
  log "stopping the server"
  timeout 120 "$wlp/bin/server" stop countersign >/dev/null 2>&1
  local pid; pid="$(cat "$wlp/usr/servers/.pid/countersign.pid" 2>/dev/null)"
  if [[ -n "$pid" && "$pid" == "${liberty_pid:-}" ]] && kill -0 "$pid" 2>/dev/null; then
    log "the server did not stop: killing its JVM ($pid)"; kill "$pid" 2>/dev/null
  fi
  server_started=no
}

liberty_restore_config() {
  [[ "$config_saved" == yes ]] || return 0
  local f
  for f in bootstrap.properties jvm.options; do
    if [[ -f "$backup/$f" ]]; then cp -p "$backup/$f" "$server_dir/$f"; else rm -f "$server_dir/$f"; fi
  done
}

# ---- build when needed -----------------------------------------------------------------------------
liberty_server_built() {
  [[ -x "$wlp/bin/server" && -f "$server_dir/server.xml" && ( -e "$server_dir/apps/countersign.ear" || -e "$server_dir/apps/countersign.ear.xml" ) ]] \
    && compgen -G "$server_dir/jdbc/postgresql*.jar" >/dev/null
}

# Builds the server if ear/target/liberty/wlp is missing; refuses when a server named countersign
# runs from it (it would not be this script's).
liberty_build_if_missing() {
  if [[ ! -d "$wlp" ]]; then
    log "ear/target/liberty/wlp is missing: ./mvnw -q -DskipTests -DskipITs install"
    (cd "$root" && ./mvnw -q -DskipTests -DskipITs install)
    if ! liberty_server_built; then
      # With -DskipITs the integration-test executions that create the server are skipped.
      log "creating the Liberty server: ./mvnw -q -f ear/pom.xml liberty:create liberty:deploy"
      (cd "$root" && ./mvnw -q -f ear/pom.xml -DskipTests -DskipITs liberty:create liberty:deploy)
    fi
  fi
  liberty_server_built || die "no deployable server in ear/target/liberty/wlp (build the project first)"
  if "$wlp/bin/server" status countersign >/dev/null 2>&1; then
    die "a server named countersign is already running; stop it first (it is not this script's)"
  fi
}

# server-everything (the upstream) comes from e2e/node_modules.
bench_install_e2e() {
  if [[ ! -f "$root/e2e/node_modules/@modelcontextprotocol/server-everything/package.json" ]]; then
    log "installing the e2e peers: (cd e2e && npm ci)"
    (cd "$root/e2e" && timeout 600 npm ci --no-audit --no-fund --loglevel=error) || die "npm ci in e2e failed"
  fi
}

# ---- machine and versions --------------------------------------------------------------------------
# Sets cpu_model mem_gib machine java_version liberty_version pg_version everything_version code_rev.
bench_versions() {
  cpu_model="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
  mem_gib="$(awk '/^MemTotal/ { printf "%.1f", $2 / 1048576 }' /proc/meminfo)"
  java_version="$(java -version 2>&1 | head -1)"
  liberty_version="$(sed -n 's/^com.ibm.websphere.productVersion=//p' "$wlp/lib/versions/openliberty.properties" 2>/dev/null)"
  pg_version="$(psql_ -d postgres -Atc 'SHOW server_version')" || die "PostgreSQL does not answer on $pg_host:$pg_port as $pg_user"
  everything_version="$(node -p 'require(process.argv[1]).version' "$root/e2e/node_modules/@modelcontextprotocol/server-everything/package.json")"
  machine="$(nproc) cores ($cpu_model), ${mem_gib} GiB RAM, $(uname -sr)"
  # Which code runs: the server deploys the modules' target/classes (a loose application), so record
  # the commit, whether the tree differs from it, and when the newest class file was compiled.
  code_rev="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  [[ -n "$(git -C "$root" status --porcelain --untracked-files=no -- . ':!bench' ':!*.md' 2>/dev/null)" ]] && code_rev="$code_rev (with uncommitted changes)"
  local newest_class
  newest_class="$(find "$root" -name node_modules -prune -o -path '*/target/classes/*' -name '*.class' -printf '%T@\n' 2>/dev/null | sort -n | tail -1)"
  [[ -n "$newest_class" ]] && code_rev="$code_rev; newest class file compiled $(date -u -d "@${newest_class%.*}" +%FT%TZ)"
  return 0
}

# ---- database, configuration, server ---------------------------------------------------------------
liberty_fresh_database() {
  psql_ -d postgres -c "CREATE DATABASE $db" >/dev/null
  db_created=yes
  log "created database $db"
}

# Sets http_port (unless given: 9080 when free, else a free one) and https_port.
liberty_choose_ports() {
  if [[ -z "$http_port" ]]; then
    if port_free 9080; then http_port=9080; else http_port="$(free_port)"; fi
  fi
  port_free "$http_port" || die "port $http_port is in use"
  https_port="$(free_port)"
}

# liberty_write_config [JVM_OPTION...]: the ports (liberty_choose_ports, unless already chosen), an
# operator token and a throwaway secrets key; saves and writes bootstrap.properties and jvm.options
# (operator token, allow-private-networks, secrets key, then the given lines).
liberty_write_config() {
  [[ -n "${https_port:-}" ]] || liberty_choose_ports
  operator_token="bench-$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')"
  local secrets_key f o
  secrets_key="$(head -c 32 /dev/urandom | base64)"
  for f in bootstrap.properties jvm.options; do
    [[ -f "$server_dir/$f" ]] && cp -p "$server_dir/$f" "$backup/$f"
  done
  config_saved=yes
  cat >"$server_dir/bootstrap.properties" <<EOF
# Written by bench/$bench_name.sh for one run; restored afterwards.
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
  for o in "$@"; do echo "$o" >>"$server_dir/jvm.options"; done
}

# Starts the server, waits for /health/ready and for the application to answer on /t/...; sets
# liberty_pid and base.
liberty_start() {
  log "starting Open Liberty on 127.0.0.1:$http_port (database $db)"
  # The server takes settings from the environment too (DB_URL, HTTP_PORT, ...): keep ours in force.
  server_started=yes   # from here on, a server named countersign can only be ours (checked before)
  env -u DB_URL -u DB_USER -u DB_PASSWORD -u DB_DATASOURCECLASS -u DB_POOL_MAX -u DB_POOL_LOG_MAX -u HTTP_PORT -u HTTP_HOST \
    -u HTTPS_PORT -u COUNTERSIGN_DEMO_ENABLED -u COUNTERSIGN_OPERATOR_TOKEN -u COUNTERSIGN_SECRETS_KEY \
    timeout 240 "$wlp/bin/server" start countersign >"$out/server-start.txt" 2>&1 \
    || { cat "$out/server-start.txt" >&2; die "the server did not start"; }
  liberty_pid="$(cat "$wlp/usr/servers/.pid/countersign.pid" 2>/dev/null || true)"
  base="http://127.0.0.1:$http_port"
  local ready=no app=no
  for _ in $(seq 1 180); do
    if curl -fsS --max-time 2 "$base/health/ready" 2>/dev/null | grep -q '"status":"UP"'; then ready=yes; break; fi
    sleep 1
  done
  [[ "$ready" == yes ]] || die "/health/ready did not report UP within 180 s (see $server_dir/logs/messages.log)"
  # /health is Liberty's own; the application answers on /t/... with JSON (Liberty's 404 page is HTML).
  for _ in $(seq 1 60); do
    if [[ "$(curl -sS --max-time 2 -o /dev/null -w '%{content_type}' -X POST "$base/t/bench/mcp" 2>/dev/null)" == application/json* ]]; then app=yes; break; fi
    sleep 1
  done
  [[ "$app" == yes ]] || die "the application does not answer on $base/t/... (see $server_dir/logs/messages.log)"
  log "server ready (JVM pid ${liberty_pid:-?})"
}

# ---- upstream, tenant, key -------------------------------------------------------------------------
# Starts server-everything on a free loopback port; sets upstream_pid, direct (its MCP URL) and
# upstream_port.
bench_start_everything() {
  local ready_file="$out/everything.ready"
  : >"$ready_file"
  node "$root/e2e/start-everything.mjs" 0 --ignore-stdin >"$ready_file" &
  upstream_pid=$!
  for _ in $(seq 1 150); do grep -q '^READY ' "$ready_file" && break; sleep 0.2; done
  grep -q '^READY ' "$ready_file" || die "server-everything did not start"
  direct="$(sed -n 's/^READY //p' "$ready_file")"
  upstream_port="$(sed -E 's#^http://127\.0\.0\.1:([0-9]+)/.*#\1#' <<<"$direct")"
  log "server-everything: $direct"
}

# liberty_operator METHOD PATH [JSON_BODY]: an operator API call under /api/v1/tenants; prints the
# body to $backup/operator.json and the HTTP status to stdout.
liberty_operator() {
  local body=()
  [[ $# -ge 3 ]] && body=(-H 'Content-Type: application/json' --data-binary "$3")
  curl -sS --max-time 30 -o "$backup/operator.json" -w '%{http_code}' -X "$1" "$base/api/v1/tenants$2" \
    -H "Authorization: Bearer $operator_token" "${body[@]+"${body[@]}"}"
}

# liberty_import_bundle TENANT FILE
liberty_import_bundle() {
  local status
  status="$(curl -sS --max-time 30 -o "$out/import.json" -w '%{http_code}' -X PUT "$base/api/v1/tenants/$1/bundle" \
    -H "Authorization: Bearer $operator_token" -H 'Content-Type: application/yaml' --data-binary @"$2")"
  [[ "$status" == 200 ]] || { cat "$out/import.json" >&2; die "bundle import answered HTTP $status"; }
}

# liberty_issue_key TENANT AGENT: prints a new key of the agent.
liberty_issue_key() {
  local status
  status="$(curl -sS --max-time 30 -o "$backup/key.json" -w '%{http_code}' -X POST \
    "$base/api/v1/tenants/$1/agents/$2/keys" -H "Authorization: Bearer $operator_token")"
  [[ "$status" == 201 ]] || { cat "$backup/key.json" >&2; die "key issue answered HTTP $status"; }
  node -p 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).key' "$backup/key.json"
}
