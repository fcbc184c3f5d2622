#!/usr/bin/env bash
# The upstream leg alone: how long one tools/call to server-everything takes from a JVM, by each
# way a JVM can send it (a plain socket, the JDK HttpClient as the gateway uses it, the same with a
# same-thread executor, HttpURLConnection, Apache HttpClient 5's blocking client as the gateway uses
# it), in interleaved rounds on one machine.
#
#   bench/upstream-client.sh [CALLS_PER_ROUND] [ROUNDS]     (default 1000 10)
#
# Needs Node and e2e/node_modules (server-everything), as the other benches; JDK 17; the gateway
# module's Apache HttpClient jars, resolved through the Maven wrapper.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
per_round="${1:-1000}"
rounds="${2:-10}"
[[ -f "$root/e2e/node_modules/@modelcontextprotocol/server-everything/package.json" ]] \
  || { echo "install server-everything first: (cd e2e && npm ci)" >&2; exit 2; }

work="$(mktemp -d)"
node "$root/e2e/start-everything.mjs" 0 --ignore-stdin >"$work/ready" &
upstream=$!
trap 'kill "$upstream" 2>/dev/null || true; wait "$upstream" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 150); do grep -q '^READY ' "$work/ready" && break; sleep 0.2; done
url="$(awk '/^READY/ { print $2 }' "$work/ready")"
[[ -n "$url" ]] || { echo "server-everything did not start" >&2; exit 1; }

echo "upstream-client $(date -u +%FT%TZ) · $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')) · $(java -version 2>&1 | head -1) · server-everything $(node -p 'require(process.argv[1]).version' "$root/e2e/node_modules/@modelcontextprotocol/server-everything/package.json") · $per_round calls x $rounds rounds per way"
echo
(cd "$root" && ./mvnw -q -B dependency:build-classpath -pl gateway \
  -Dmdep.includeGroupIds=org.apache.httpcomponents.client5,org.apache.httpcomponents.core5,org.slf4j \
  -Dmdep.outputFile="$work/classpath") >&2
java -cp "$(cat "$work/classpath")" "$here/upstream-client/UpstreamClientBench.java" \
  "$url" "$per_round" "$rounds"
