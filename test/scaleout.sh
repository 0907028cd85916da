#!/usr/bin/env bash
# test/scaleout.sh — ptarget sharded across servers with postgres_fdw (issue 13).
#
# Starts three throwaway clusters on loopback (a coordinator and two shards,
# 127.0.0.1 on free ports, password authentication over TCP), installs
# ptarget on each, and on the coordinator makes
#   ind        hash-partitioned by target, one foreign partition per shard
#              (server options extensions 'ptarget', async_capable,
#              fetch_size, batch_size, use_remote_estimate);
#   ind_local  the same rows in one local table (the single node);
#   ref        the seed documents' common targets, partitioned like ind;
# loads realistic generated targets (test/scaleout/generate.sql) and the seed
# documents, copied, through the coordinator (test/scaleout/documents.sql),
# and checks, for every query shape — @> <@ && = with targets, numbers and
# dates; dimension, kind and bound filters; IN lists; ORDER BY target LIMIT;
# count/min/max with a filter; GROUP BY dimension; a join on target; the
# imports — that the ptarget condition is in the shards' Remote SQL
# (EXPLAIN VERBOSE), that the shard scans run asynchronously, and that the
# rows equal the single node's.  Also: every row sits on the shard its hash
# says, the hashes equal what 1.0's core computes (commit RELEASE_1_0, built
# here), partial aggregation with min/max, and binary COPY between servers.
# Prints "ok - …" / "FAIL - …" per check, a table of single-node and sharded
# times (information), and "N passed, M failed".
#
# Needs the current build installed (test/run_tests.sh does that; or
# build_and_install from test/lib.sh).  While it runs it holds lib.sh's
# install lock shared, so no other test installs other ptarget files under it.
# Environment (all optional):
#   PTARGET_SCALEOUT_ROWS    generated rows (default 200000)
#   PTARGET_SCALEOUT_COPIES  copies of each seed document (default 20)
#   PTARGET_SCALEOUT_REPS    timed runs per query, median reported (default 5)
#   PTARGET_POSTGRES         postgres executable to run (default: PG_BIN's;
#                            a private installation's, to try a build
#                            without installing it for everyone)
#   PTARGET_KEEP_TMP=1       keep the clusters' directory (stopped)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

RELEASE_1_0=f989dc1847502cf50b7df4047f20f716d5ff9d6a
ROWS=${PTARGET_SCALEOUT_ROWS:-200000}
COPIES=${PTARGET_SCALEOUT_COPIES:-20}
REPS=${PTARGET_SCALEOUT_REPS:-5}
POSTGRES=${PTARGET_POSTGRES:-$PG_BIN/postgres}
HERE=$ROOT/test/scaleout
START=$SECONDS

install_packages

NODES=()
declare -A PORT
stop_nodes() {
	local n
	for n in "${NODES[@]}"; do
		as_postgres "$PG_BIN/pg_ctl" -D "$WORK/$n/data" -m fast -w stop >/dev/null 2>&1 || true
	done
	NODES=()
}
cleanup() {
	local rc=$?
	stop_nodes
	lib_cleanup || true
	exit $rc
}
trap cleanup EXIT
make_tempdir WORK scaleout postgres
if [ ${#WORK} -gt 70 ]; then	# socket paths must fit in 107 bytes
	echo "error: $WORK is too long for socket paths; set a shorter TMPDIR" >&2
	exit 2
fi

# installs of ptarget's files wait until this script is done (lib.sh install_tree)
if [ "${PTARGET_INSTALL_LOCKED:-0}" != 1 ] && [ -w "$(dirname "$INSTALL_LOCK")" ]; then
	exec 9>>"$INSTALL_LOCK"
	flock -s -w 1800 9 || { echo "!! waited 30 minutes for $INSTALL_LOCK"; echo "0 passed, 1 failed"; exit 1; }
fi

PASSWORD=$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')
as_postgres sh -c "umask 077; printf '%s\n' '$PASSWORD' > '$WORK/pwfile'"

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# start_node NAME: a cluster in $WORK/NAME on 127.0.0.1 at a free port (TCP
# needs the password; the socket in $WORK/NAME, for this script, does not)
start_node() {
	local name=$1 dir=$WORK/$1 port try
	as_postgres mkdir "$dir"
	as_postgres "$PG_BIN/initdb" -D "$dir/data" -U postgres -E UTF8 --no-locale --auth-local=trust \
		--auth-host=scram-sha-256 --pwfile="$WORK/pwfile" >/dev/null
	for try in 1 2 3 4 5 6 7 8 9 10; do
		port=$(( 20000 + RANDOM % 20000 ))
		port_in_use "$port" && continue
		if as_postgres "$PG_BIN/pg_ctl" -p "$POSTGRES" -D "$dir/data" -l "$dir/server.log" -w -o \
			"-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c jit=off" \
			start >/dev/null 9>&-; then	# the server must not inherit (and keep) the lock
			PORT[$name]=$port
			NODES+=("$name")
			return 0
		fi
	done
	echo "!! could not start $name"; tail -5 "$dir/server.log"
	exit 2
}

# q NODE [psql args]: run SQL on a node (unaligned, tuples only)
q() {
	local node=$1
	shift
	psql -X -q -At -v ON_ERROR_STOP=1 -h "$WORK/$node" -p "${PORT[$node]}" -U postgres -d postgres "$@"
}
# sqlq TEXT: TEXT as an SQL string literal
sqlq() { printf "'%s'" "${1//\'/\'\'}"; }

passed=0
failed=0
ok() { echo "ok - $1"; passed=$((passed + 1)); }
fail() { echo "FAIL - $1"; [ -z "${2:-}" ] || printf '%s\n' "$2" | head -40 | sed 's/^/    /'; failed=$((failed + 1)); }
# check NAME EXPECTED ACTUAL
check() { if [ "$2" = "$3" ]; then ok "$1"; else fail "$1" "expected: $2
actual:   $3"; fi; }

echo "== starting a coordinator and two shards on 127.0.0.1"
start_node coordinator
start_node shard1
start_node shard2
echo "== ports: coordinator ${PORT[coordinator]}, shard1 ${PORT[shard1]}, shard2 ${PORT[shard2]}"

q shard1 -v part=0 -f "$HERE/shard.sql"
q shard2 -v part=1 -f "$HERE/shard.sql"
q coordinator -v port1="${PORT[shard1]}" -v port2="${PORT[shard2]}" -v password="$PASSWORD" \
	-f "$HERE/coordinator.sql" -f "$HERE/helpers.sql"
# the coordinator joins co-located partitions on their shard
q coordinator -c "ALTER SYSTEM SET enable_partitionwise_join = on" -c "SELECT pg_reload_conf()" >/dev/null
version=$(q coordinator -c "SELECT default_version FROM pg_available_extensions WHERE name = 'ptarget'")
check "every node runs ptarget $version, the version under test" "$version $version $version" \
	"$(for n in coordinator shard1 shard2; do q $n -c "SELECT extversion FROM pg_extension WHERE extname = 'ptarget'"; done | xargs)"

echo "== loading $ROWS generated targets and the seed documents ($COPIES copies each)"
q coordinator -v n="$ROWS" -f "$HERE/generate.sql"
# generated rows: through the coordinator into the shards, and into the local table
t_sharded=$(q coordinator <<'SQL'
CREATE TEMP TABLE t AS SELECT clock_timestamp() AS t0;
INSERT INTO ind SELECT * FROM src;
SELECT round((extract(epoch FROM clock_timestamp() - t0) * 1000)::numeric, 1) FROM t;
SQL
)
t_local=$(q coordinator <<'SQL'
CREATE TEMP TABLE t AS SELECT clock_timestamp() AS t0;
INSERT INTO ind_local SELECT * FROM src;
SELECT round((extract(epoch FROM clock_timestamp() - t0) * 1000)::numeric, 1) FROM t;
SQL
)
q coordinator -v doc000="$(cat "$ROOT/test/data/seeds/000_e3b62ee139f4edb8.txt")" \
	-v doc001="$(cat "$ROOT/test/data/seeds/001_3f8b325168c357be.txt")" -v copies="$COPIES" \
	-f "$HERE/documents.sql"
q coordinator <<'SQL'
INSERT INTO ref SELECT target, count(*) FROM ind_local WHERE target IS NOT NULL GROUP BY target HAVING count(*) >= 20;
INSERT INTO ref_local SELECT * FROM ref;
SQL
for n in shard1 shard2; do q $n -c "VACUUM ANALYZE"; done
q coordinator -c "VACUUM ANALYZE" -c "ANALYZE ind, ref"

# ------------------------------------------------------------------ placement
total=$(q coordinator -c "SELECT count(*) FROM ind_local")
on_shards=$(q shard1 -c "SELECT count(*) FROM ind_p0")+$(q shard2 -c "SELECT count(*) FROM ind_p1")
check "the rows are on the shards: both hold a share, none is lost ($on_shards)" "$total yes" \
	"$(( on_shards )) $( [ "${on_shards%+*}" -gt 0 ] && [ "${on_shards#*+}" -gt 0 ] && echo yes || echo no)"
check "every row is on the shard its hash (ptarget_hash_extended) places it" "0 0" \
	"$(q coordinator -c "WITH p0 AS MATERIALIZED (SELECT target FROM ind_p0), p1 AS MATERIALIZED (SELECT target FROM ind_p1)
	                     SELECT (SELECT count(*) FROM p0 WHERE NOT satisfies_hash_partition('ind'::regclass, 2, 0, target)) || ' ' ||
	                            (SELECT count(*) FROM p1 WHERE NOT satisfies_hash_partition('ind'::regclass, 2, 1, target))")"
check "the sharded table and the single node hold the same rows" \
	"$(q coordinator -c "SELECT so.digest('SELECT * FROM ind_local')")" \
	"$(q coordinator -c "SELECT so.digest('SELECT * FROM ind')")"

# ------------------------------------------------------------------ imports
plan=$(q coordinator -c "SELECT so.plan('INSERT INTO ind_p0 SELECT * FROM src')")
if grep -q "Batch Size: 1000" <<<"$plan"; then ok "the foreign partitions insert rows in batches (batch_size 1000)"
else fail "the foreign partitions insert rows in batches (batch_size 1000)" "$plan"; fi
imported="SELECT p.department_code, p.name, i.position, i.level1, i.level2, i.level3, i.description,
                 i.value_text, i.target, i.note
          FROM single.ptarget_indicator i JOIN single.ptarget_project p ON p.id = i.project_id"
loaded="SELECT department_code, project, position, level1, level2, level3, description, value_text, target, note
        FROM ind WHERE source IS NOT NULL"
check "imported documents: the shards hold exactly the indicators ptarget_import stores on a single node" \
	"$(q coordinator -c "SELECT so.digest($(sqlq "$imported"))")" \
	"$(q coordinator -c "SELECT so.digest($(sqlq "$loaded"))")"

# ------------------------------------------------------------------ hashes
# the hash of a value places it on a shard (hash partitions, Citus), so it
# must be what the released 1.0 computes: build 1.0's plain-C core (no
# server involved) and hash every distinct target with it
echo "== hashing every distinct target with the core of 1.0 (commit ${RELEASE_1_0:0:7})"
if git -C "$ROOT" cat-file -e "$RELEASE_1_0^{commit}" 2>/dev/null; then
	mkdir "$WORK/core-1.0"
	git -C "$ROOT" archive "$RELEASE_1_0" src | tar -x -C "$WORK/core-1.0"
	C10=$WORK/core-1.0/src
	if cc -O1 -std=gnu11 -I"$C10" -I"$("$PG_BIN/pg_config" --includedir-server)" -I"$("$PG_BIN/pg_config" --includedir)/internal" \
		-o "$WORK/hash_core_1.0" "$HERE/hash_core.c" "$C10"/pt_decimal.c "$C10"/pt_units.c "$C10"/pt_fold.c \
		"$C10"/pt_date.c "$C10"/pt_parse.c "$C10"/pt_format.c "$C10"/pt_pack.c "$C10"/pt_semantics.c \
		-L"$("$PG_BIN/pg_config" --pkglibdir)" -lpgcommon -lpgport >"$WORK/hash_core.log" 2>&1; then
		q coordinator -c "SELECT DISTINCT target::text FROM ind_local WHERE target IS NOT NULL ORDER BY 1" \
			>"$WORK/targets.txt"
		"$WORK/hash_core_1.0" <"$WORK/targets.txt" >"$WORK/hash_1.0.tsv"
		q coordinator -F $'\t' -c "SELECT t, ptarget_hash(t::ptarget), ptarget_hash_extended(t::ptarget, 0),
		                                  ptarget_hash_extended(t::ptarget, 8816678312871386365)
		                           FROM (SELECT DISTINCT target::text AS t FROM ind_local WHERE target IS NOT NULL) s
		                           ORDER BY 1" >"$WORK/hash_now.tsv"
		n_targets=$(wc -l <"$WORK/targets.txt")
		if [ "$n_targets" -gt 1000 ] && cmp -s "$WORK/hash_1.0.tsv" "$WORK/hash_now.tsv"; then
			ok "hashes of all $n_targets distinct targets (seed 0, 32 and 64 bits, the partitioning seed) equal 1.0's"
		else
			fail "hashes of all $n_targets distinct targets equal 1.0's" \
				"$(diff "$WORK/hash_1.0.tsv" "$WORK/hash_now.tsv" | head -20)"
		fi
	else
		fail "build 1.0's core to compute its hashes" "$(cat "$WORK/hash_core.log")"
	fi
else
	fail "1.0's core is in this clone's history (commit $RELEASE_1_0; a shallow clone?)"
fi

# ------------------------------------------------------------------ query shapes
# [SETTINGS=name=value,…] [BY_VALUE=1] shape NAME SENT KIND REGEX SHARDS ASYNC QUERY [LOCAL_QUERY]
#   SENT    what the shards get, for the table
#   KIND    remote: every Remote SQL line (SHARDS of them) matches REGEX;
#           local:  the condition REGEX is a Filter on the coordinator, in
#                   no Remote SQL (what postgres_fdw does not send)
#   ASYNC   async: SHARDS "Async Foreign Scan" nodes; -: not checked
#   QUERY   on {ind} and {ref}: ind/ref for the sharded run, ind_local/
#           ref_local for the single node (or LOCAL_QUERY when given)
#   SETTINGS  for the sharded run; BY_VALUE=1: min, max or LIMIT may return
#           either of two equal targets spelled differently, so rows are
#           compared by equality when their text differs
TABLE=()
shape() {
	local name=$1 sent=$2 kind=$3 regex=$4 shards=$5 async=$6 query=$7 lquery=${8:-$7}
	local set=${SETTINGS:-} sq lq plan remote n_remote n_match n_async d_s d_l ms_s ms_l same
	sq=${query//\{ind\}/ind}; sq=${sq//\{ref\}/ref}
	lq=${lquery//\{ind\}/ind_local}; lq=${lq//\{ref\}/ref_local}
	plan=$(q coordinator -c "SELECT so.plan($(sqlq "$sq"), '$set')")
	remote=$(grep -E '^ *Remote SQL:' <<<"$plan" || true)
	n_remote=$(grep -c . <<<"$remote" || true)
	if [ "$kind" = remote ]; then
		n_match=$(grep -cE -- "$regex" <<<"$remote" || true)
		if [ "$n_remote" = "$shards" ] && [ "$n_match" = "$shards" ]; then
			ok "$name: sent to $shards shard(s), in Remote SQL"
		else
			fail "$name: sent to $shards shard(s), in Remote SQL (/$regex/)" "$plan"
		fi
	else
		if grep -E '^ *Filter:' <<<"$plan" | grep -qE -- "$regex" && ! grep -qE -- "$regex" <<<"$remote"; then
			ok "$name: stays on the coordinator (Filter), as documented"
		else
			fail "$name: stays on the coordinator (Filter), as documented" "$plan"
		fi
	fi
	if [ "$async" = async ]; then
		n_async=$(grep -c 'Async Foreign Scan' <<<"$plan" || true)
		if [ "$n_async" = "$shards" ]; then ok "$name: the shards are scanned asynchronously"
		else fail "$name: the shards are scanned asynchronously ($n_async of $shards)" "$plan"; fi
	fi
	d_s=$(q coordinator -c "SELECT so.digest($(sqlq "$sq"), '$set')")
	d_l=$(q coordinator -c "SELECT so.digest($(sqlq "$lq"))")
	if [ "$d_s" = "$d_l" ]; then
		same="yes (${d_l%%,*})"; ok "$name: same result as the single node (${d_l%%,*})"
	elif [ "${BY_VALUE:-0}" = 1 ] && [ "${d_s%%,*}" = "${d_l%%,*}" ] &&
		[ "$(q coordinator -c "SELECT so.differences($(sqlq "$sq"), $(sqlq "$lq"), '$set')")" = 0 ]; then
		same="yes (${d_l%%,*}; equal targets, spelled differently)"
		ok "$name: same result as the single node (${d_l%%,*}; equal by value, ties spelled differently)"
	else
		same=no; fail "$name: same result as the single node" "single: $d_l
sharded: $d_s"
	fi
	ms_l=$(q coordinator -c "SELECT so.time_ms($(sqlq "$lq"), $REPS)")
	ms_s=$(q coordinator -c "SELECT so.time_ms($(sqlq "$sq"), $REPS, '$set')")
	TABLE+=("| $name | $sent | $ms_l | $ms_s | $same |")
}

echo "== query shapes"
shape '`@>` a target' "condition" remote "WHERE \(\(target OPERATOR\(public\.@>\) '≥96%'\)\)" 2 async \
	"SELECT id, target FROM {ind} WHERE target @> '≥96%'"
shape '`<@` a target' "condition" remote "WHERE \(\(target OPERATOR\(public\.<@\) '≤10万元'\)\)" 2 async \
	"SELECT id, target FROM {ind} WHERE target <@ '≤10万元'"
shape '`&&` a target' "condition" remote "WHERE \(\(target OPERATOR\(public\.&&\) '50~60%'\)\)" 2 async \
	"SELECT id, target FROM {ind} WHERE target && '50~60%'"
shape '`=` a target (pruned to its shard)' "condition, one shard" remote \
	"WHERE \(\(target OPERATOR\(public\.=\) '≥95%'\)\)" 1 - \
	"SELECT id, target FROM {ind} WHERE target = '≥95%'"
shape '`@>` a number' "condition" remote "WHERE \(\(target OPERATOR\(public\.@>\) 96\.5\)\)" 2 async \
	"SELECT id, target FROM {ind} WHERE target @> 96.5"
shape '`<@` a number' "condition" remote "WHERE \(\(300::numeric OPERATOR\(public\.<@\) target\)\)" 2 async \
	"SELECT id, target FROM {ind} WHERE 300 <@ target"
shape '`@>` a date' "condition" remote "WHERE \(\(target OPERATOR\(public\.@>\) '2025-09-01'::date\)\)" 2 async \
	"SELECT id, target FROM {ind} WHERE target @> date '2025-09-01'"
shape 'dimension: `ptarget_has_dimension(target, '"'money'"')`' "condition (as \`~=\`)" remote \
	"WHERE \(\(target OPERATOR\(public\.~=\) '0元'\)\)" 2 async \
	"SELECT id, target FROM {ind} WHERE ptarget_has_dimension(target, 'money')"
shape 'dimension: `target ~= '"'0%'"'`' "condition" remote "WHERE \(\(target OPERATOR\(public\.~=\) '0%'\)\)" 2 async \
	"SELECT id, target FROM {ind} WHERE target ~= '0%'"
shape 'kind: `ptarget_has_kind(target, '"'date'"')`' "condition (as \`~=\`)" remote \
	"WHERE \(\(target OPERATOR\(public\.~=\) '2000年'\)\)" 2 async \
	"SELECT id, target FROM {ind} WHERE ptarget_has_kind(target, 'date')"
shape 'kind: `ptarget_has_kind(target, '"'quantity'"')`' "condition (as \`<\`)" remote \
	"WHERE \(\(target OPERATOR\(public\.<\) '≤1000年1月1日'\)\)" 2 async \
	"SELECT count(*) FROM {ind} WHERE ptarget_has_kind(target, 'quantity')"
shape 'bounds: `ptarget_lower(target) >= 1000000`' "condition" remote \
	"WHERE \(\(public\.ptarget_lower\(target\) >= 1000000::numeric\)\)" 2 async \
	"SELECT id, target FROM {ind} WHERE ptarget_lower(target) >= 1000000"
shape 'deadline: `ptarget_upper_date(target) < '"'2025-10-01'"'`' "condition" remote \
	"WHERE \(\(public\.ptarget_upper_date\(target\) < '2025-10-01'::date\)\)" 2 async \
	"SELECT id, target FROM {ind} WHERE ptarget_upper_date(target) < '2025-10-01'"
shape 'text accessor: `ptarget_dimension(target) = '"'money'"'`' "**no** (every row comes back)" local \
	"ptarget_dimension\(ind_[0-9]+\.target\) = 'money'::text" 2 async \
	"SELECT id, target FROM {ind} WHERE ptarget_dimension(target) = 'money'"
shape '`IN (…)` list of targets' "condition" remote \
	"WHERE \(\(target OPERATOR\(public\.=\) ANY \('\{≥95%,≥90%,100%,≤50万元,普遍满意\}'::public\.ptarget\[\]\)\)\)" 2 async \
	"SELECT id, target FROM {ind} WHERE target IN ('≥95%', '≥90%', '100%', '≤50万元', '普遍满意')"
shape '`= ANY (array)`' "condition" remote \
	"WHERE \(\(target OPERATOR\(public\.=\) ANY \('\{≥95%,≤50万元\}'::public\.ptarget\[\]\)\)\)" 2 async \
	"SELECT id, target FROM {ind} WHERE target = ANY ('{≥95%,≤50万元}'::ptarget[])"
BY_VALUE=1 shape '`ORDER BY target LIMIT 20`' "ORDER BY (each shard sends its first rows)" remote \
	"ORDER BY target ASC NULLS LAST$" 2 - \
	"SELECT target FROM {ind} ORDER BY target LIMIT 20"
BY_VALUE=1 shape '`count(*)`, `min`, `max` with a filter' "condition; aggregates on the coordinator" remote \
	"WHERE \(\(target OPERATOR\(public\.<@\) '≥0元'\)\)" 2 async \
	"SELECT count(*), min(target), max(target) FROM {ind} WHERE target <@ '≥0元'"
BY_VALUE=1 shape '`count(*)`, `min`, `max` with a filter, per shard' "condition and aggregates" remote \
	"SELECT count\(\*\), public\.min\(target\), public\.max\(target\) FROM public\.ind_p[01] WHERE \(\(target OPERATOR\(public\.<@\) '≥0元'\)\)" 2 async \
	"SELECT sum(n), min(lo), max(hi) FROM (SELECT count(*) n, min(target) lo, max(target) hi FROM ind_p0 WHERE target <@ '≥0元'
	                                    UNION ALL SELECT count(*), min(target), max(target) FROM ind_p1 WHERE target <@ '≥0元') s" \
	"SELECT count(*), min(target), max(target) FROM {ind} WHERE target <@ '≥0元'"
BY_VALUE=1 shape '`GROUP BY` dimension' "rows; aggregates on the coordinator" remote \
	"^ *Remote SQL: SELECT target FROM public\.ind_p[01]$" 2 async \
	"SELECT ptarget_dimension(target) AS dimension, count(*), min(target), max(target) FROM {ind} GROUP BY 1"
BY_VALUE=1 shape '`GROUP BY` dimension, per shard' "aggregates" remote \
	"SELECT public\.ptarget_dimension\(target\), count\(\*\), public\.min\(target\), public\.max\(target\) FROM public\.ind_p[01] GROUP BY 1" 2 async \
	"SELECT dimension, sum(n), min(lo), max(hi) FROM (
	     SELECT ptarget_dimension(target) AS dimension, count(*) n, min(target) lo, max(target) hi FROM ind_p0 GROUP BY 1
	     UNION ALL
	     SELECT ptarget_dimension(target), count(*), min(target), max(target) FROM ind_p1 GROUP BY 1) s GROUP BY 1" \
	"SELECT ptarget_dimension(target) AS dimension, count(*), min(target), max(target) FROM {ind} GROUP BY 1"
SETTINGS=enable_partitionwise_aggregate=on shape '`GROUP BY target` (the partition key)' "aggregates" remote \
	"SELECT target, count\(\*\) FROM public\.ind_p[01] GROUP BY 1" 2 async \
	"SELECT target, count(*) FROM {ind} GROUP BY target"
shape 'join on target (co-located `ref`)' "join" remote \
	"INNER JOIN public\.ref_p[01] r[0-9]+ ON \(\(\(r[0-9]+\.target OPERATOR\(public\.=\) r[0-9]+\.target\)\)" 2 async \
	"SELECT i.id, r.uses FROM {ind} i JOIN {ref} r ON i.target = r.target WHERE r.uses > 100"

agg="SELECT count(*), min(target), max(target) FROM {t} WHERE target <@ ''≥0元''"
plan=$(q coordinator -c "SELECT so.plan('${agg//\{t\}/ind}', 'enable_partitionwise_aggregate=on')")
if grep -q 'PARTIAL min(' <<<"$plan" && grep -q 'Finalize Aggregate' <<<"$plan"; then
	check "min/max aggregate partially, partition by partition (combine function): same answer" 0 \
		"$(q coordinator -c "SELECT so.differences('${agg//\{t\}/ind}', '${agg//\{t\}/ind_local}', 'enable_partitionwise_aggregate=on')")"
else fail "min/max aggregate partially, partition by partition (combine function)" "$plan"; fi
parallel="SET LOCAL parallel_setup_cost = 0; SET LOCAL parallel_tuple_cost = 0; SET LOCAL min_parallel_table_scan_size = 0;
          SET LOCAL max_parallel_workers_per_gather = 2; SET LOCAL parallel_leader_participation = off;"
plan=$(q coordinator -c "BEGIN; $parallel EXPLAIN (COSTS OFF) SELECT count(*), min(target), max(target) FROM ind_local; COMMIT")
got=$(q coordinator -c "BEGIN; $parallel SELECT count(*) || ' ' || min(target) || ' ' || max(target) FROM ind_local; COMMIT")
if grep -q 'Partial Aggregate' <<<"$plan" && grep -q 'Finalize Aggregate' <<<"$plan"; then
	check "min/max in parallel workers: same answer as a serial scan" \
		"$(q coordinator -c "SET max_parallel_workers_per_gather = 0; SELECT count(*) || ' ' || min(target) || ' ' || max(target) FROM ind_local")" "$got"
else fail "min/max run in parallel workers (PARALLEL SAFE, partial aggregation)" "$plan"; fi

# ------------------------------------------------------------------ binary COPY between servers
# COPY … (FORMAT binary) of a shard's table into a table on the other shard
echo "== COPY between the shards, text and binary"
copy_ms=()
for format in text binary; do
	q shard2 -c "CREATE TABLE copy_$format (LIKE ind_p1)"
	t0=$(date +%s%N)
	q shard1 -c "COPY ind_p0 TO STDOUT (FORMAT $format)" | q shard2 -c "COPY copy_$format FROM STDIN (FORMAT $format)"
	copy_ms+=("$(( ($(date +%s%N) - t0) / 1000000 ))")
	check "COPY ($format) of a shard's rows into another server: identical rows" \
		"$(q shard1 -c "SELECT count(*) || ' ' || md5(string_agg(ind_p0::text, E'\n' ORDER BY id)) FROM ind_p0")" \
		"$(q shard2 -c "SELECT count(*) || ' ' || md5(string_agg(copy_$format::text, E'\n' ORDER BY id)) FROM copy_$format")"
done

# ------------------------------------------------------------------ report
echo
echo "Times: median of $REPS runs in the coordinator's server, all rows produced; $total rows"
echo "($(q shard1 -c "SELECT count(*) FROM ind_p0") + $(q shard2 -c "SELECT count(*) FROM ind_p1") on the shards);"
echo "three clusters on one machine with $(nproc) CPUs; each shard has GiST and btree indexes on target."
echo
echo "| query shape | sent to the shards | single node ms | sharded ms | identical results (rows) |"
echo "|---|---|---:|---:|---|"
printf '%s\n' "${TABLE[@]}"
echo
echo "| load | ms |"
echo "|---|---:|"
echo "| $ROWS generated rows, INSERT … SELECT into the local table | $t_local |"
echo "| $ROWS generated rows, INSERT … SELECT through the coordinator (batch_size 1000) | $t_sharded |"
q coordinator -F ' | ' -c "SELECT '| ' || (SELECT count(*) FROM so.doc) || ' documents, ' || what, ms || ' |' FROM so.load_ms ORDER BY what"
echo "| COPY of a shard's rows to the other server, text / binary | ${copy_ms[0]} / ${copy_ms[1]} |"
echo
echo "== $((SECONDS - START)) s"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
