#!/usr/bin/env bash
# test/concurrency.sh — several sessions import overlapping documents and
# query at the same time; afterwards there is exactly one copy of every
# project and indicator, no session saw an error, no deadlock.  Needs a
# running server (PGHOST/PGPORT/PGUSER).  Ends with "N passed, M failed" in
# test cases: no session failed, no duplicates, no half import, queries saw
# whole documents.  Session files go to a per-run directory under
# ${TMPDIR:-/tmp}, removed at exit (kept with PTARGET_KEEP_TMP=1).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SESSIONS=${1:-6}
ROUNDS=${2:-15}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/ptarget-conc.XXXXXX")
trap '[ "${PTARGET_KEEP_TMP:-0}" = 1 ] || rm -rf "$WORK"' EXIT
passed=0
failed=0
q() { psql -X -q -v ON_ERROR_STOP=1 -At "$@"; }
check() {
	if [ "$2" = "$3" ]; then passed=$((passed + 1)); echo "ok   $1"
	else failed=$((failed + 1)); echo "FAIL $1: expected [$2], got [$3]"; fi
}

q -d postgres -c "DROP DATABASE IF EXISTS pt_conc" -c "CREATE DATABASE pt_conc" 2>/dev/null
q -d pt_conc -c "CREATE EXTENSION ptarget"

# every session starts by importing the same document at the same moment (the
# tables do not exist yet), then alternates the full document, the
# overlapping excerpt and queries
for s in $(seq 1 "$SESSIONS"); do
	{
		echo "SELECT count(*) FROM ptarget_import(:'doc000', 'full');"
		for r in $(seq 2 "$ROUNDS"); do
			if [ $(( (s + r) % 3 )) = 0 ]; then
				echo "SELECT count(*) FROM ptarget_indicator WHERE target @> '≥95%';"
				echo "SELECT count(*) FROM ptarget_indicators WHERE kind = 'date';"
			elif [ $(( (s + r) % 3 )) = 1 ]; then
				echo "SELECT count(*) FROM ptarget_import(:'doc000', 'full');"
			else
				echo "SELECT count(*) FROM ptarget_import(:'doc001', 'excerpt');"
			fi
		done
	} > "$WORK/session$s.sql"
	q -d pt_conc -v doc000="$(cat "$ROOT/test/data/seeds/000_e3b62ee139f4edb8.txt")" \
		-v doc001="$(cat "$ROOT/test/data/seeds/001_3f8b325168c357be.txt")" \
		-f "$WORK/session$s.sql" > "$WORK/session$s.out" 2> "$WORK/session$s.err" &
done
errors=0
for job in $(jobs -p); do wait "$job" || errors=$((errors + 1)); done

check "every session finished without error or deadlock" "0 failed sessions; errors: " \
	"$errors failed sessions; errors: $(cat "$WORK"/session*.err)"
check "one copy of each document, project and indicator" "2 documents, 30 projects, 284 indicators" \
	"$(q -d pt_conc -c "SELECT (SELECT count(*) FROM ptarget_document) || ' documents, '
		|| (SELECT count(*) FROM ptarget_project) || ' projects, '
		|| (SELECT count(*) FROM ptarget_indicator) || ' indicators'")"
check "no project without its indicators" "0" "$(q -d pt_conc -c "SELECT count(*) FROM ptarget_project p
	WHERE NOT EXISTS (SELECT FROM ptarget_indicator i WHERE i.project_id = p.id)")"
check "every query saw whole documents" "" "$(grep -hvxE '284|70|[0-9]+' "$WORK"/session*.out || true)"
q -d postgres -c "DROP DATABASE pt_conc"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
