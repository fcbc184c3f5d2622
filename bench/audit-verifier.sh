#!/usr/bin/env bash
# Times the offline audit verifier on a synthetic export.
#
#   bench/audit-verifier.sh [ENTRIES]      (default 1000000)
#
# Needs the module built with its tests compiled (the generator is a test class):
#   mvn -q -pl audit-verifier install
# Generates ENTRIES canonical-JSON events (~330 bytes each) with a checkpoint every 1,000 entries,
# signed by a fresh Ed25519 key, then runs `java -jar` on it exactly as an auditor would and prints
# the wall-clock seconds of the verification alone (generation is not timed).
set -euo pipefail

entries="${1:-1000000}"
module="$(cd "$(dirname "$0")/../audit-verifier" && pwd)"
jar="$(ls "$module"/target/countersign-audit-verifier-*.jar 2>/dev/null | grep -v -e sources -e javadoc | head -n 1 || true)"
if [[ -z "$jar" || ! -d "$module/target/test-classes" ]]; then
  echo "build first: (cd \"$module/..\" && mvn -q -pl audit-verifier install)" >&2
  exit 2
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "generating $entries entries in $work/export ..." >&2
key="$(java -cp "$module/target/test-classes:$jar" io.countersign.verifier.export.SyntheticExport \
  "$entries" "$work/export")"
du -sh "$work/export/entries.jsonl" >&2

start="$(date +%s%N)"
status=0
java -jar "$jar" --export "$work/export" --key "$key" || status=$?
end="$(date +%s%N)"

awk -v ns="$((end - start))" -v n="$entries" -v s="$status" \
  'BEGIN { printf "verified %d entries in %.2f s (exit status %d)\n", n, ns / 1e9, s }'
exit "$status"
