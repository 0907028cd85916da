#!/usr/bin/env bash
# test/bench/run.sh [N] — the ptarget benchmark (issue 4), in one run:
# N generated targets (default 1000000) loaded into ptarget and its peers
# (numeric, numrange, seg, three plain columns, text), then input, output,
# sort, filters, indexes, sizes, document import and planner estimates.
# Prints one markdown table and writes it to test/bench/out/result.md.
# Quick mode: bash test/bench/run.sh 100000.  What is measured and how:
# test/bench/README.md.
#
# Environment (all optional):
#   BENCH_REPS=5         repetitions of each scan / sort / import measurement
#   BENCH_BUILD_REPS=3   builds of each index
#   BENCH_QUERY_REPS=30  runs of each indexed query
#   BENCH_PROJECTS=...   projects in the generated document (max(2000, N/200))
#   BENCH_NO_BUILD=1     use the installed extension instead of building it
#   BENCH_INSTRUCTIONS=1 also count instructions per value with callgrind
#                        (test/bench/instructions.sh, 20000 values) and append
#                        its table; BENCH_BEFORE=<source tree> adds that build
#                        as a column "before" (e.g. a git archive of an older
#                        commit)
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

BENCH=$ROOT/test/bench
OUT=$BENCH/out
N=${1:-1000000}
if ! [[ $N =~ ^[0-9]+$ ]] || [ "$N" -lt 10000 ]; then
	echo "usage: bash test/bench/run.sh [N]   (N ≥ 10000, default 1000000)" >&2
	exit 2
fi
REPS=${BENCH_REPS:-5}
BUILD_REPS=${BENCH_BUILD_REPS:-3}
QREPS=${BENCH_QUERY_REPS:-30}
PROJECTS=${BENCH_PROJECTS:-$(( N / 200 > 2000 ? N / 200 : 2000 ))}
START=$SECONDS

mkdir -p "$OUT"
LOG=$OUT/log.txt
: >"$LOG"

install_packages
if [ "${BENCH_NO_BUILD:-0}" = 1 ]; then
	echo "== using the installed ptarget (BENCH_NO_BUILD=1)"
else
	build_and_install
fi
start_cluster

# Server settings for stable, single-core, in-memory numbers.
SETTINGS="shared_buffers=1GB work_mem=512MB maintenance_work_mem=1GB jit=off
max_parallel_workers_per_gather=0 max_parallel_maintenance_workers=0"
for s in $SETTINGS; do
	psql -X -q -v ON_ERROR_STOP=1 -c "ALTER SYSTEM SET ${s%%=*} = '${s#*=}'"
done
as_postgres "$PG_BIN/pg_ctl" -D "$CLUSTER_DIR/data" -m fast -w restart >/dev/null

# files the server reads or writes (removed with the cluster)
WORK=$CLUSTER_DIR/bench
as_root install -d -o postgres -m 755 "$WORK"

PSQL_VARS=(-v n="$N" -v reps="$REPS" -v build_reps="$BUILD_REPS" -v qreps="$QREPS"
           -v doc="$WORK/doc.txt" -v csv="$WORK/doc.csv" -v rows_csv="$WORK/doc_rows.csv")

# step FILE [psql options]: run test/bench/FILE.sql, output to the log
step() {
	local f=$1 t0=$SECONDS
	shift
	printf '== %-14s' "$f"
	echo "== $f" >>"$LOG"
	if ! psql -X -q -v ON_ERROR_STOP=1 "${PSQL_VARS[@]}" "$@" -f "$BENCH/$f.sql" >>"$LOG" 2>&1; then
		echo " FAILED"
		tail -20 "$LOG"
		exit 1
	fi
	echo " $((SECONDS - t0)) s"
}

echo "== N=$N, $REPS reps, $BUILD_REPS index builds, $QREPS indexed queries, $PROJECTS projects"
step 00_setup
step 10_generate
step 20_load

# the targets once as text; the document and its CSV are built from them
psql -X -q -v ON_ERROR_STOP=1 -c "COPY (SELECT id, v FROM bench.src ORDER BY id) TO '$WORK/targets.tsv'"
DOC_INFO=$(as_postgres python3 "$BENCH/gen_document.py" "$ROOT/test/data/seeds/000_e3b62ee139f4edb8.txt" \
	"$WORK/targets.tsv" "$PROJECTS" "$WORK/doc.txt" "$WORK/doc.csv")
INDICATORS=$(echo "$DOC_INFO" | awk '{print $3}')
PSQL_VARS+=(-v projects="$PROJECTS" -v indicators="$INDICATORS")

step 30_scan
step 40_index
step 50_sizes
step 60_import
step 70_estimates

PGVERSION=$(psql -X -At -c "SELECT version()")
CPU=$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')
MEM=$(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)
{
	echo "# ptarget benchmark, N = $N"
	echo
	echo "Machine: $(nproc) CPUs ($CPU), $MEM RAM; $PGVERSION."
	echo "Settings: $(echo $SETTINGS | tr ' ' ','),fsync=off; medians of $REPS runs" \
		"($BUILD_REPS per index build, $QREPS per indexed query); run $(date -u '+%Y-%m-%d %H:%M UTC')," \
		"$(( SECONDS - START )) s."
	echo
	psql -X -q -v ON_ERROR_STOP=1 -f "$BENCH/90_report.sql"
} >"$OUT/result.md" 2>>"$LOG"

if [ "${BENCH_INSTRUCTIONS:-0}" = 1 ]; then
	echo "== instructions per value (callgrind)"
	trees=()
	[ -n "${BENCH_BEFORE:-}" ] && trees+=("before=$BENCH_BEFORE")
	trees+=("now=$ROOT")
	if bash "$BENCH/instructions.sh" 20000 "${trees[@]}" >"$OUT/instructions.txt" 2>>"$LOG"; then
		{ echo; sed -n '/^Instructions per value/,$p' "$OUT/instructions.txt"; } >>"$OUT/result.md"
	else
		echo "   instructions.sh failed (log: $OUT/instructions.txt)"
	fi
fi

echo
cat "$OUT/result.md"
echo
echo "== import vs COPY (issue 10: at most 2× COPY of the same rows into a table with the same indexes)"
grep -o 'import ÷ .*' "$OUT/result.md" || echo "   (no import measurement: see $LOG)"
echo
echo "== written to test/bench/out/result.md (log: test/bench/out/log.txt), $(( SECONDS - START )) s"
