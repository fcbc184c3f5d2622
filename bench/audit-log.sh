#!/usr/bin/env bash
# The signed audit log's benchmark on PostgreSQL: raw appends with the server's own append code
# (one transaction per append; 1 writer, 8 writers on one tenant, 8 writers on 4 tenants), then a
# log of N entries (default 1,000,000) for tile building, root, inclusion and consistency proofs,
# and the REST API's search queries. Creates and drops its own database.
#
#   bench/audit-log.sh [ENTRIES]
#
# Needs PostgreSQL on 127.0.0.1:5432 (PGUSER/PGPASSWORD as for psql) and the audit module built
# with its tests compiled: ./mvnw -q -pl audit-verifier,audit install -DskipTests
# For appends through the real decision path see bench/countersign-overhead.sh (two leaves per call).
set -euo pipefail

entries="${1:-1000000}"
root="$(cd "$(dirname "$0")/.." && pwd)"
user="${PGUSER:-postgres}"
password="${PGPASSWORD:-}"
db="countersign_bench_$(date +%s)"
export PGHOST="${PGHOST:-127.0.0.1}" PGUSER="$user"

cleanup() { psql -q -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true; }
trap cleanup EXIT
psql -q -d postgres -c "CREATE DATABASE $db" >/dev/null
for migration in "$root"/web/src/main/resources/db/migration/V*.sql \
                 "$root"/web/src/main/resources/db/vendor/postgresql/V*.sql; do
  psql -q -v ON_ERROR_STOP=1 -d "$db" -f "$migration" >/dev/null
done

cp_file="$(mktemp)"
(cd "$root" && ./mvnw -q -pl audit dependency:build-classpath -Dmdep.outputFile="$cp_file" \
  -Dmdep.includeScope=test >/dev/null)
classpath="$root/audit/target/test-classes:$root/audit/target/classes:$(cat "$cp_file")"
postgres="$(ls ~/.m2/repository/org/postgresql/postgresql/*/postgresql-*.jar | grep -v sources | tail -n 1)"
rm -f "$cp_file"

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo);" \
  "$(psql -At -d "$db" -c 'SHOW server_version')" "PostgreSQL; $(date -u +%Y-%m-%d)"
java -cp "$classpath:$postgres" io.countersign.audit.log.AuditLogBench \
  "jdbc:postgresql://$PGHOST:5432/$db" "$user" "$password" "$entries"
