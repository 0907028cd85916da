#!/usr/bin/env bash
# test/bench/instructions.sh [N] [NAME=DIR ...] — instructions per value, counted
# by valgrind's callgrind (repeatable where wall time on a shared machine is
# not), for the core alone and inside the server, next to the peers.
#
#   bash test/bench/instructions.sh                    # N = 20000, the working tree
#   bash test/bench/instructions.sh 20000 before=/tmp/ptarget-before now=.
#
# Each NAME=DIR is a source tree of ptarget (default: now=<this tree>), built
# with make in place.  For each tree:
#   core    test/bench/core_bench (parse, format, compare, contains) under
#           callgrind, minus a run that only loads the values, ÷ (N × reps)
#   server  a single-user backend (postgres --single) under callgrind running
#           one query over N rows, minus the same backend running the baseline
#           query over the same rows, ÷ N (for the filters the baseline also
#           plans the filter query, so planning is not counted per row).  The tree's ptarget.so is loaded by
#           its path (the 1.0 script with MODULE_PATHNAME replaced) into a
#           database of its own, so builds never mix and nothing is installed.
# The rows are the benchmark's generated targets (10_generate.sql).  Peers:
# numeric (the bare magnitude), numrange, seg (+ unit text).  Prints a Markdown
# table; nothing is written outside a temporary directory.
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

N=${1:-20000}
shift || true
TREES=("$@")
[ ${#TREES[@]} -gt 0 ] || TREES=("now=$ROOT")
command -v valgrind >/dev/null || { echo "valgrind is needed (apt-get install valgrind)" >&2; exit 2; }

install_packages
start_cluster
make_tempdir WORK instructions postgres
REPS=3

psql -X -q -v ON_ERROR_STOP=1 -c "CREATE DATABASE gen"
# generate the targets with the installed extension's helpers: only bench.src is used
psql -X -q -d gen -v ON_ERROR_STOP=1 -v n="$N" -f "$ROOT/test/bench/00_setup.sql" -f "$ROOT/test/bench/10_generate.sql" >/dev/null
psql -X -q -d gen -c "COPY (SELECT v, mag, rng, segt, unit FROM bench.src ORDER BY id) TO '$WORK/src.tsv'"
as_root cat "$WORK/src.tsv" | cut -f1 >"$WORK/targets.txt"

declare -A IPV
names=()
for spec in "${TREES[@]}"; do
	name=${spec%%=*}
	dir=$(cd "${spec#*=}" && pwd)
	names+=("$name")
	echo "== $name: $dir"
	make -C "$dir" -s "${MAKE_PG[@]}" >/dev/null 2>&1 || { echo "make failed in $dir" >&2; exit 1; }
	make -C "$dir" -s test/bench/core_bench >/dev/null 2>&1 ||
		cc -std=gnu11 -O2 -fno-strict-aliasing -fwrapv -I"$dir/src" -o "$dir/test/bench/core_bench" \
			"$ROOT/test/bench/core_bench.c" $(sed -n '/^CORE_SRCS[[:space:]]*=/,/[^\\]$/p' "$dir/Makefile" |
			sed -e 's/^CORE_SRCS[[:space:]]*=//' -e 's/\\$//' | tr '\n' ' ' | sed "s#src/#$dir/src/#g")
	# core: callgrind of each operation minus the loading run
	ir() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
		sed -n 's/.*Collected : \([0-9]*\).*/\1/p'; }
	base=$(ir "$dir/test/bench/core_bench" none "$WORK/targets.txt" "$REPS")
	for op in parse format compare contains; do
		total=$(ir "$dir/test/bench/core_bench" "$op" "$WORK/targets.txt" "$REPS")
		IPV[core,$op,$name]=$(( (total - base) / (N * REPS) ))
	done
	# server: its own database with the 1.0 script loading this tree's library
	db=ipv_$name
	so=$WORK/$name.so
	as_root install -o postgres -m 755 "$dir/ptarget.so" "$so"
	sed -e "s#MODULE_PATHNAME#$so#g" -e 's#@extschema@#public#g' -e '/^\\echo/d' \
		"$ROOT/sql/ptarget--1.0.sql" >"$WORK/$name.sql"
	psql -X -q -v ON_ERROR_STOP=1 -c "CREATE DATABASE $db"
	psql -X -q -d "$db" -v ON_ERROR_STOP=1 -f "$WORK/$name.sql" \
		-c "CREATE EXTENSION seg" \
		-c "CREATE TABLE src (v text, mag text, rng text, segt text, unit text)" \
		-c "COPY src FROM '$WORK/src.tsv'" \
		-c "CREATE TABLE pt AS SELECT v::ptarget AS t FROM src" \
		-c "CREATE TABLE rng AS SELECT rng::numrange AS r, unit FROM src" \
		-c "CREATE TABLE sg AS SELECT segt::seg AS s, unit FROM src" \
		-c "CREATE TABLE num AS SELECT mag::numeric AS m FROM src WHERE mag ~ '^[0-9.-]+$'" \
		-c "VACUUM ANALYZE" >/dev/null
	PROBE=$(psql -X -At -d "$db" -c "SELECT '≥' || p || '%' FROM (SELECT ptarget_lower(t) p FROM pt
	        WHERE ptarget_dimension(t) = 'percent' AND ptarget_operator(t) IN ('≥', '>')
	        ORDER BY 1 OFFSET ($N / 100) - 1 LIMIT 1) s")
	P=${PROBE#≥}
	P=${P%\%}
	NUM=$(psql -X -At -d "$db" -c "SELECT count(*) FROM num")
done
as_postgres "$PG_BIN/pg_ctl" -D "$CLUSTER_DIR/data" -m fast -w stop >/dev/null

# single DB QUERY: instructions of a single-user backend running a warm-up and QUERY
single() {
	local db=$1 q=$2
	printf '%s\n' "SELECT '≥1%'::ptarget::text, '1'::numeric, '[1,2)'::numrange, '1'::seg;" \
		"SELECT count(*) FROM (SELECT * FROM src LIMIT 10) s;" "$q" >"$WORK/q.sql"
	as_postgres valgrind --tool=callgrind --callgrind-out-file=/dev/null \
		"$PG_BIN/postgres" --single -D "$CLUSTER_DIR/data" -c fsync=off -c jit=off -c work_mem=512MB "$db" \
		<"$WORK/q.sql" 2>&1 >/dev/null | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
per() { echo $(( ($1 - $2) / $3 )); }

for name in "${names[@]}"; do
	db=ipv_$name
	echo "== $name: server"
	b=$(single "$db" "SELECT count(v) FROM src;")
	IPV[srv,in,$name]=$(per "$(single "$db" "SELECT count(v::ptarget) FROM src;")" "$b" "$N")
	IPV[srv,in_numeric,$name]=$(per "$(single "$db" "SELECT count(mag::numeric) FROM src;")" "$b" "$N")
	IPV[srv,in_numrange,$name]=$(per "$(single "$db" "SELECT count(rng::numrange) FROM src;")" "$b" "$N")
	IPV[srv,in_seg,$name]=$(per "$(single "$db" "SELECT count(segt::seg) FROM src;")" "$b" "$N")
	b=$(single "$db" "SELECT count(t) FROM pt;")
	IPV[srv,out,$name]=$(per "$(single "$db" "SELECT count(t::text) FROM pt;")" "$b" "$N")
	b=$(single "$db" "SELECT count(*) FROM pt;")
	IPV[srv,sort,$name]=$(per "$(single "$db" "SELECT t FROM pt ORDER BY t OFFSET $N;")" "$b" "$N")
	# filters: the baseline plans the same query (ptarget's estimate evaluates @> on the statistics)
	q="SELECT count(*) FROM pt WHERE t @> '$PROBE'::ptarget;"
	b=$(single "$db" "EXPLAIN $q SELECT count(*) FROM pt;")
	IPV[srv,contains,$name]=$(per "$(single "$db" "$q")" "$b" "$N")
	b=$(single "$db" "SELECT count(r) FROM rng;")
	IPV[srv,out_numrange,$name]=$(per "$(single "$db" "SELECT count(r::text) FROM rng;")" "$b" "$N")
	IPV[srv,sort_numrange,$name]=$(per "$(single "$db" "SELECT r FROM rng ORDER BY r OFFSET $N;")" "$b" "$N")
	q="SELECT count(*) FROM rng WHERE r @> numrange($P, NULL, '[)') AND unit = '%';"
	b=$(single "$db" "EXPLAIN $q SELECT count(*) FROM rng;")
	IPV[srv,contains_numrange,$name]=$(per "$(single "$db" "$q")" "$b" "$N")
	b=$(single "$db" "SELECT count(s) FROM sg;")
	IPV[srv,out_seg,$name]=$(per "$(single "$db" "SELECT count(s::text) FROM sg;")" "$b" "$N")
	q="SELECT count(*) FROM sg WHERE s @> '$P ..'::seg AND unit = '%';"
	b=$(single "$db" "EXPLAIN $q SELECT count(*) FROM sg;")
	IPV[srv,contains_seg,$name]=$(per "$(single "$db" "$q")" "$b" "$N")
	b=$(single "$db" "SELECT count(m) FROM num;")
	IPV[srv,out_numeric,$name]=$(per "$(single "$db" "SELECT count(m::text) FROM num;")" "$b" "$NUM")
	IPV[srv,sort_numeric,$name]=$(per "$(single "$db" "SELECT m FROM num ORDER BY m OFFSET $N;")" "$b" "$NUM")
done

echo
echo "Instructions per value (callgrind), N = $N generated targets, probe $PROBE:"
echo
printf '| operation |'; for name in "${names[@]}"; do printf ' ptarget %s |' "$name"; done
printf ' numeric | numrange | seg |\n|---|'; for name in "${names[@]}"; do printf -- '---:|'; done; echo '---:|---:|---:|'
row() {	# row LABEL KEY PEER_KEYS...
	local label=$1 key=$2 last=${names[-1]}
	shift 2
	printf '| %s |' "$label"
	for name in "${names[@]}"; do printf ' %s |' "${IPV[$key,$name]:-—}"; done
	for p in "$@"; do
		if [ "$p" = - ]; then printf ' — |'; else printf ' %s |' "${IPV[$p,$last]:-—}"; fi
	done
	echo
}
row "core: parse + pack" core,parse - - -
row "core: unpack + format" core,format - - -
row "core: compare two packed values" core,compare - - -
row "core: @> probe against a packed value" core,contains - - -
row "server: text input" srv,in srv,in_numeric srv,in_numrange srv,in_seg
row "server: text output" srv,out srv,out_numeric srv,out_numrange srv,out_seg
row "server: ORDER BY (per row)" srv,sort srv,sort_numeric srv,sort_numrange -
row "server: seq @> filter (+ unit = '%' for peers)" srv,contains - srv,contains_numrange srv,contains_seg
