#!/usr/bin/env bash
# test/memory.sh — no memory growth across a million calls in one query:
# the backend's peak resident memory (VmHWM) grows by less than a bound while
# one query parses, prints, compares, hashes, converts and indexes a million
# values.  Needs a running server (PGHOST/PGPORT/PGUSER) on this machine.
# Ends with "N passed, M failed".
set -euo pipefail
BOUND_KB=${1:-16384}   # normal growth is under 5 MB; a 60-byte leak per call would be 60 MB
passed=0
failed=0
q() { psql -X -q -v ON_ERROR_STOP=1 -At -d "$DB" "$@"; }
check() {
	if [ "$2" = "true" ]; then passed=$((passed + 1)); echo "ok   $1"
	else failed=$((failed + 1)); echo "FAIL $1 ($3)"; fi
}
DB=postgres
psql -X -q -At -d postgres -c "DROP DATABASE IF EXISTS pt_mem" -c "CREATE DATABASE pt_mem"
DB=pt_mem
q -c "CREATE EXTENSION ptarget"

# one session: warm up, read the peak, run each million-call query, read it again
run() { # name query
	local out
	out=$(q <<SQL
SELECT pg_backend_pid() AS pid \gset
SELECT count(*) FROM generate_series(1, 10000) i WHERE ('≥' || i || '%')::ptarget @> '≥95%';
\setenv PID :pid
\! grep VmHWM /proc/\$PID/status | awk '{print \$2}'
$2;
\! grep VmHWM /proc/\$PID/status | awk '{print \$2}'
SQL
)
	local before after growth
	before=$(echo "$out" | sed -n 2p)
	after=$(echo "$out" | tail -1)
	growth=$((after - before))
	check "$1: peak memory grew $growth kB over a million calls" "$([ $growth -lt $BOUND_KB ] && echo true)" "bound $BOUND_KB kB"
}
run "parse and print" "SELECT count(*) FROM generate_series(1, 1000000) i WHERE length((('≤' || i % 9973 || '.5万元')::ptarget)::text) > 0"
run "compare and contain" "SELECT count(*) FROM generate_series(1, 1000000) i WHERE ('≥' || i % 100 || '%')::ptarget @> '≥95%' OR ('≥' || i % 100 || '%')::ptarget < '≤5%'"
run "hash, convert, accessors" "SELECT sum(ptarget_hash(t)::numeric) + sum(ptarget_upper(ptarget_convert(t, '元'))) FROM (SELECT ('≤' || i % 997 || '万元')::ptarget AS t FROM generate_series(1, 1000000) i) s"
run "labels and dates" "SELECT count(*) FROM generate_series(1, 1000000) i WHERE ('2025年' || 1 + i % 12 || '月底前')::ptarget @> date '2025-06-01' OR ('完成' || i)::ptarget = '合格'"
run "jsonb and ranges" "SELECT count(*) FROM generate_series(1, 1000000) i WHERE (('≥' || i % 100 || '%')::ptarget::jsonb ->> 'kind') = 'quantity' AND numrange(('≥' || i % 100 || '%')::ptarget) IS NOT NULL"

psql -X -q -At -d postgres -c "DROP DATABASE pt_mem"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
