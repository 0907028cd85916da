#!/usr/bin/env bash
# test/dump_restore.sh — ptarget data survives pg_dump/pg_restore (plain and
# custom format) and COPY (text and binary) unchanged: every value, index and
# constraint.  Needs a running server (PGHOST/PGPORT/PGUSER, e.g. from
# test/lib.sh start_cluster).  Ends with "N passed, M failed" in test cases
# (per dump format: data identical, constraints enforced, indexes usable; per
# COPY format: identical).  Dump files go to a per-run directory under
# ${TMPDIR:-/tmp}, removed at exit (kept with PTARGET_KEEP_TMP=1).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/ptarget-dump.XXXXXX")
passed=0
failed=0
trap '[ "${PTARGET_KEEP_TMP:-0}" = 1 ] || rm -rf "$WORK"' EXIT

q() { psql -X -q -v ON_ERROR_STOP=1 -At "$@"; }
check() { # name expected actual
	if [ "$2" = "$3" ]; then passed=$((passed + 1)); echo "ok   $1"
	else failed=$((failed + 1)); echo "FAIL $1: expected [$2], got [$3]"; fi
}

# a fingerprint of everything that must survive: data of every table, in a
# stable order, plus the definitions of indexes and constraints
fingerprint() {
	q -d "$1" <<'SQL'
SELECT md5(string_agg(x, E'\n' ORDER BY x)) FROM (
  SELECT 'doc ' || source || ' ' || content_sha256 || ' ' || projects || ' ' || indicators FROM ptarget_document
  UNION ALL SELECT 'prj ' || p::text FROM (SELECT department_code, name, title, ordinal, budget_unit, budget_total,
        fiscal_funds, other_funds, purpose, goals, title_line FROM ptarget_project) p
  UNION ALL SELECT 'ind ' || pr.name || ' ' || i.position || ' ' || i.value_text || ' ' || coalesce(i.target::text, '∅')
        || ' ' || coalesce(i.note, '') FROM ptarget_indicator i JOIN ptarget_project pr ON pr.id = i.project_id
  UNION ALL SELECT 'own ' || id || ' ' || t::text || ' ' || ptarget_send(t)::text FROM own_targets
  UNION ALL SELECT 'idx ' || indexdef FROM pg_indexes WHERE schemaname = 'public'
  UNION ALL SELECT 'con ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint
        WHERE connamespace = 'public'::regnamespace) s(x);
SQL
}

q -d postgres -c "DROP DATABASE IF EXISTS pt_src" -c "CREATE DATABASE pt_src"
q -d pt_src -c "CREATE EXTENSION ptarget"
q -d pt_src -v doc000="$(cat "$ROOT/test/data/seeds/000_e3b62ee139f4edb8.txt")" \
	-v doc001="$(cat "$ROOT/test/data/seeds/001_3f8b325168c357be.txt")" <<'SQL' >/dev/null
SELECT count(*) FROM ptarget_import(:'doc000', '000');
SELECT count(*) FROM ptarget_import(:'doc001', '001');
CREATE TABLE own_targets(id int PRIMARY KEY, t ptarget NOT NULL UNIQUE, actual numeric,
                         CHECK (actual IS NULL OR t @> actual));
-- distinct by meaning: 100% and 100百分比 are one value
INSERT INTO own_targets SELECT row_number() OVER (ORDER BY v), v, NULL FROM (SELECT DISTINCT target AS v
  FROM ptarget_indicator WHERE target IS NOT NULL) s;
INSERT INTO own_targets VALUES (1000, '≤0.65万元', 0.5), (1001, '约5~10个', 7), (1002, '"完成2个"', NULL);
CREATE INDEX own_targets_hash ON own_targets USING hash (t);
SQL
src=$(fingerprint pt_src)
rows=$(q -d pt_src -c "SELECT (SELECT count(*) FROM ptarget_indicator) || '/' || (SELECT count(*) FROM own_targets)")

for format in plain custom; do
	db=pt_restored_$format
	q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
	if [ $format = plain ]; then
		"$PG_BIN/pg_dump" -d pt_src -f "$WORK/dump.sql"
		q -d $db -f "$WORK/dump.sql" >/dev/null
	else
		"$PG_BIN/pg_dump" -d pt_src -Fc -f "$WORK/dump.custom"
		"$PG_BIN/pg_restore" -d $db --exit-on-error "$WORK/dump.custom"
	fi
	check "pg_dump $format: same rows; every value, index and constraint identical" "$rows $src" \
		"$(q -d $db -c "SELECT (SELECT count(*) FROM ptarget_indicator) || '/' || (SELECT count(*) FROM own_targets)") $(fingerprint $db)"
	check "pg_dump $format: constraints still enforced" "23514" \
		"$(q -d $db -c "DO \$\$ BEGIN INSERT INTO own_targets VALUES (2000, '≥95%', 90); EXCEPTION WHEN check_violation THEN RAISE NOTICE '23514'; END \$\$" 2>&1 | grep -o 23514)"
	check "pg_dump $format: indexes usable" "1" \
		"$(q -d $db -c "SET enable_seqscan = off; SELECT count(*) FROM own_targets WHERE t = '≤6500元'")"
done

for format in text binary; do
	q -d pt_src -c "\\copy own_targets TO '$WORK/own.$format' (FORMAT $format)"
	q -d pt_src -c "CREATE TABLE copy_$format (LIKE own_targets INCLUDING ALL)"
	q -d pt_src -c "\\copy copy_$format FROM '$WORK/own.$format' (FORMAT $format)"
	check "COPY $format out and in: identical values and text" "0" \
		"$(q -d pt_src -c "SELECT count(*) FROM own_targets o FULL JOIN copy_$format c USING (id)
		   WHERE o.t IS DISTINCT FROM c.t OR o.t::text IS DISTINCT FROM c.t::text OR o.actual IS DISTINCT FROM c.actual")"
done

q -d postgres -c "DROP DATABASE pt_src" -c "DROP DATABASE pt_restored_plain" -c "DROP DATABASE pt_restored_custom"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
