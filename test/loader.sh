#!/usr/bin/env bash
# test/loader.sh — ptarget-load (tools/ptarget-load) end to end, on a
# directory of generated documents: variants of the two seed documents
# (other department codes, changed values) in subdirectories, renamed copies,
# the CSV/TSV/UTF-16/GB18030 fixtures of test/data/documents, and bad files
# (an unclosed quote, an empty file, random bytes, a .doc, a hidden file that
# must be left out).
#   - 1 job and 2 jobs: every file's result and counts, the totals equal to
#     ptarget_document's, the same tables either way
#   - a second run skips everything already imported and changes nothing
#   - --dry-run reads without writing, with the import's counts
#   - exit status 0 / 1 / 2, usage and connection errors
#   - progress: a bar on a terminal (script(1)), lines otherwise
#   - an interrupted run (kill -9 mid-way), then a second run: nothing
#     duplicated, nothing lost (compared with an uninterrupted import)
#   - throughput: documents and indicators per second with 1 and 2 jobs
#     against one psql call per file (printed; not a pass/fail check)
# Runs against the server in PGHOST/PGPORT (test/run_tests.sh exports its
# private cluster), or starts a private one.  Ends with "N passed, M failed".
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if [ -z "${PGHOST:-}" ] || [ -z "${PGPORT:-}" ]; then
	install_packages
	build_and_install
	start_cluster
fi
LOADER=${PTARGET_LOAD:-$PG_BIN/ptarget-load}
VARIANTS=${LOADER_VARIANTS:-60}
make_tempdir WORK loader
export LANG=C.UTF-8 LC_ALL=C.UTF-8

q() { psql -X -q -At -v ON_ERROR_STOP=1 -d pt_loader "$@" || true; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.3f", b - a }'; }

DB=pt_loader
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB" 2>/dev/null
q -c "CREATE EXTENSION ptarget" -c "CREATE SCHEMA one" -c "CREATE SCHEMA two" -c "CREATE SCHEMA dry" \
  -c "CREATE SCHEMA cut" -c "CREATE SCHEMA psql_way" -c "CREATE SCHEMA good" \
  -c "CREATE SCHEMA lenient" -c "CREATE SCHEMA whole1" -c "CREATE SCHEMA whole2"

# ------------------------------------------------------------------ the documents
DOCS=$WORK/docs
# generate SEEDS OUT FIRST LAST: variants FIRST..LAST of the seeds (in OUT/20xx/),
# and the bad files of OUT/bad/ when FIRST is 1
generate() {
python3 - "$@" <<'PY'
import os, random, re, sys
seeds, out, first, last = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
texts = {name: open(os.path.join(seeds, name), encoding='utf-8').read()
         for name in sorted(os.listdir(seeds)) if name.endswith('.txt')}
dept = re.compile(r'^(\t)(\d{6})', re.M)
value = re.compile(r'^(\t[≥≤<>]?)(\d+)(?=[^\d.年])', re.M)
for k in range(first, last + 1):
    seed_name = sorted(texts)[k % len(texts)]
    t = dept.sub(lambda m: m.group(1) + '%06d' % (int(m.group(2)) + 1000 * k), texts[seed_name])
    # changed values: every whole-number target moves by k % 5
    t = value.sub(lambda m: m.group(1) + str(int(m.group(2)) + k % 5), t)
    d = os.path.join(out, '%d' % (2020 + k % 3))
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, 'variant_%03d_%s' % (k, seed_name)), 'w', encoding='utf-8') as f:
        f.write(t)
if first != 1:
    sys.exit(0)
rnd = random.Random(14)
os.makedirs(os.path.join(out, 'bad'), exist_ok=True)
with open(os.path.join(out, 'bad', 'random.bin'), 'wb') as f:
    f.write(bytes(rnd.randrange(256) for _ in range(4096)))
open(os.path.join(out, 'bad', 'empty.txt'), 'w').close()
PY
}
generate "$ROOT/test/data/seeds" "$DOCS" 1 "$VARIANTS"
mkdir -p "$DOCS/copies" "$DOCS/formats"
cp "$DOCS/2021/variant_001_"* "$DOCS/copies/renamed_a.txt"
cp "$DOCS/2022/variant_002_"* "$DOCS/copies/renamed_b.txt"
cp "$DOCS/2022/variant_002_"* "$DOCS/copies/renamed_c.txt"
for f in combined.csv split_bom.csv selfeval_gb18030.csv hunan_utf16be.csv template.tsv merged_utf16le.txt; do
	cp "$ROOT/test/data/documents/$f" "$DOCS/formats/"
done
cp "$ROOT/test/data/documents/bad_unclosed.csv" "$ROOT/test/data/documents/legacy.doc" "$DOCS/bad/"
echo "not a document" > "$DOCS/formats/.hidden.txt"
n_files=$(find "$DOCS" -type f ! -name '.*' | wc -l)
n_bad=4
n_copies=3
n_good=$((n_files - n_bad - n_copies))
echo "== $n_files documents in $DOCS: $n_good to import, $n_copies renamed copies, $n_bad bad files (and a hidden file)"

# ------------------------------------------------------------------ helpers
# run NAME ARGS...: the loader's stdout, stderr and exit status in $WORK/NAME.*
run() {
	local name=$1
	shift
	set +e
	"$LOADER" -d "$DB" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err"
	echo $? >"$WORK/$name.rc"
	set -e
}
rc() { cat "$WORK/$1.rc"; }
# result NAME FILE-SUFFIX: the result column of a file's row in the table
row() { grep -E "^$DOCS/$2 " "$WORK/$1.out" || true; }
result_of() { row "$1" "$2" | awk '{print $2}'; }
# the table's total line: projects indicators quantities dates labels unparsed skipped
totals() { grep -E '^total \(' "$WORK/$1.out" | sed -E 's/^total \([0-9]+ files\) +//' | tr -s ' '; }
summary_line() { grep -E '^[0-9]+ files: ' "$WORK/$1.out"; }
# the projects and indicators of a schema, as one digest
digest_rows() {
	q -c "SELECT md5(string_agg(x, E'\n' ORDER BY x)) FROM (
	        SELECT concat_ws('|', 'i', p.department_code, p.department_name, p.name, p.year, i.position,
	                         i.level1, i.level2, i.level3, i.value_text, i.target, i.actual, i.note) AS x
	        FROM $1.ptarget_indicator i JOIN $1.ptarget_project p ON p.id = i.project_id) s"
}
# what a schema holds, as one digest: documents, projects and indicators
digest() {
	q -c "SELECT md5(string_agg(x, E'\n' ORDER BY x)) FROM (
	        SELECT 'd|' || content_sha256 || '|' || projects || '|' || indicators || '|' || quantities
	               || '|' || dates || '|' || labels || '|' || unparsed AS x FROM $1.ptarget_document
	        UNION ALL
	        SELECT concat_ws('|', 'i', p.department_code, p.department_name, p.name, p.year, i.position,
	                         i.level1, i.level2, i.level3, i.value_text, i.target, i.actual, i.note)
	        FROM $1.ptarget_indicator i JOIN $1.ptarget_project p ON p.id = i.project_id) s"
}
doc_totals() {
	q -c "SELECT concat_ws(' ', sum(projects), sum(indicators), sum(quantities), sum(dates), sum(labels), sum(unparsed), 0)
	      FROM $1.ptarget_document"
}

# ------------------------------------------------------------------ one job
run one -s one -j 1 "$DOCS"
check "1 job: exit status 1 (some files failed)" 1 "$(rc one)"
check "1 job: summary line" "$n_files files: $n_good imported, $n_copies skipped, $n_bad failed" "$(summary_line one)"
check "1 job: one table row per file, the hidden file left out" "$n_files" \
	"$(grep -cE "^$DOCS/" "$WORK/one.out")"
check "1 job: $n_good documents in ptarget_document" "$n_good" "$(q -c 'SELECT count(*) FROM one.ptarget_document')"
check "1 job: the table's totals equal ptarget_document's sums" "$(doc_totals one)" "$(totals one)"
check "1 job: every imported file's row equals its ptarget_document row" "" "$(
	while read -r line; do
		set -- $line
		[ "$2" = imported ] || continue
		want=$(q -c "SELECT concat_ws(' ', projects, indicators, quantities, dates, labels, unparsed)
		             FROM one.ptarget_document WHERE source = '$1'")
		[ "$want" = "$3 $4 $5 $6 $7 $8" ] || echo "$1: table $3 $4 $5 $6 $7 $8, ptarget_document $want"
	done < <(grep -E "^$DOCS/" "$WORK/one.out")
)"
check "1 job: renamed copies skipped as the same content" \
	"skipped same content as $DOCS/2021/variant_001_001_3f8b325168c357be.txt" \
	"$(row one copies/renamed_a.txt | awk '{$1=""; for (i=3;i<=9;i++) $i=""; print}' | tr -s ' ' | sed 's/^ //')"
check "1 job: the empty file failed, saying it is empty" "failed" "$(result_of one bad/empty.txt)"
grep -qE "^$DOCS/bad/empty.txt .*the document is empty" "$WORK/one.out" && ok "1 job: the empty file's note says why" \
	|| fail "1 job: the empty file's note says why" "$(row one bad/empty.txt)"
check "1 job: random bytes failed" "failed" "$(result_of one bad/random.bin)"
check "1 job: a .doc failed" "failed" "$(result_of one bad/legacy.doc)"
grep -qE "^$DOCS/bad/bad_unclosed.csv .*failed .*at line 2: a quoted cell is not closed" "$WORK/one.out" \
	&& ok "1 job: the unclosed quote failed at line 2" || fail "1 job: the unclosed quote failed at line 2" "$(row one bad/bad_unclosed.csv)"
check "1 job: each format imported" "imported imported imported imported imported imported" \
	"$(for f in combined.csv split_bom.csv selfeval_gb18030.csv hunan_utf16be.csv template.tsv merged_utf16le.txt; do
		result_of one "formats/$f"; done | xargs)"
check "1 job: GB18030 自评表's actual values were imported" "6" \
	"$(q -c "SELECT count(i.actual) FROM one.ptarget_indicator i JOIN one.ptarget_project p ON p.id = i.project_id
	         JOIN one.ptarget_document d ON d.id = p.document_id WHERE d.source LIKE '%selfeval_gb18030.csv'")"
check "1 job: progress lines on standard error, one per file" "$n_files" "$(grep -cE '^ptarget-load: \[[0-9]+/[0-9]+\] ' "$WORK/one.err")"
grep -qE "^ptarget-load: \[[0-9]+/$n_files\] $DOCS/bad/bad_unclosed.csv: failed: .*" "$WORK/one.err" &&
	grep -qE '^DETAIL:  a quoted cell is not closed' "$WORK/one.err" && grep -qE '^HINT:  ' "$WORK/one.err" \
	&& ok "1 job: a failing file's line has the server's message, detail and hint" \
	|| fail "1 job: a failing file's line has the server's message, detail and hint" "$(cat "$WORK/one.err")"

# ------------------------------------------------------------------ two jobs
run two -s two -j 2 "$DOCS"
check "2 jobs: exit status 1" 1 "$(rc two)"
check "2 jobs: summary line" "$n_files files: $n_good imported, $n_copies skipped, $n_bad failed" "$(summary_line two)"
check "2 jobs: the same table as 1 job (but the times)" "$(sed -E 's/[0-9]+\.[0-9]+ s\)//' "$WORK/one.out")" \
	"$(sed -E 's/[0-9]+\.[0-9]+ s\)//' "$WORK/two.out")"
check "2 jobs: the same documents, projects and indicators as 1 job" "$(digest one)" "$(digest two)"

# ------------------------------------------------------------------ again: everything skipped
before=$(q -c "SELECT max(imported_at) FROM two.ptarget_document")
run again -s two -j 2 "$DOCS"
check "second run: exit status 1 (the bad files still fail)" 1 "$(rc again)"
check "second run: everything imported before is skipped" \
	"$n_files files: 0 imported, $((n_good + n_copies)) skipped, $n_bad failed" "$(summary_line again)"
check "second run: skipped files (and copies) say they are already imported" "$((n_good + n_copies))" \
	"$(grep -cE "^$DOCS/.* skipped .*already imported \\(as $DOCS/" "$WORK/again.out")"
check "second run: the tables did not change" "$(digest one) $before" \
	"$(digest two) $(q -c "SELECT max(imported_at) FROM two.ptarget_document")"
run force -s two -j 2 --force "$DOCS/formats"
check "--force: files already imported are imported again" "6 files: 6 imported, 0 skipped, 0 failed" "$(summary_line force)"

# ------------------------------------------------------------------ dry run
run dry -s dry -j 2 --dry-run "$DOCS"
check "dry run: exit status 1" 1 "$(rc dry)"
check "dry run: nothing written (no table in the schema)" "0" \
	"$(q -c "SELECT count(*) FROM pg_class WHERE relnamespace = 'dry'::regnamespace")"
check "dry run: every file read, copies skipped, bad files failed" \
	"$n_files files: $n_good read, $n_copies skipped, $n_bad failed (dry run: nothing was imported)" "$(summary_line dry)"
check "dry run: the same counts as the import" "$(totals one)" "$(totals dry)"

# ------------------------------------------------------------------ --lenient
run lenient -s lenient --lenient "$ROOT/test/data/documents/bad_unplaced.csv"
check "--lenient: a file with an unreadable row imports what it can and counts the part skipped" \
	"0 imported 1 2 1 0 1 0 1" "$(rc lenient) $(grep -E '/bad_unplaced.csv ' "$WORK/lenient.out" | awk '{$1=""; print}' | xargs)"

# ------------------------------------------------------------------ exit status
run good -s good "$DOCS/formats" "$DOCS/copies/renamed_a.txt"
check "exit status 0 when every file is imported" 0 "$(rc good)"
run good_again -s good "$DOCS/formats"
check "exit status 0 when every file is skipped" 0 "$(rc good_again)"
run allbad -s good "$DOCS/bad"
check "exit status 2 when every file fails" 2 "$(rc allbad)"
run usage_none
check "exit status 2 without files, with a message" "2 ptarget-load: error: no file or directory given" \
	"$(rc usage_none) $(head -1 "$WORK/usage_none.err")"
run usage_jobs -j 0 "$DOCS"
check "exit status 2 for --jobs 0" 2 "$(rc usage_jobs)"
run usage_option --no-such-option "$DOCS"
check "exit status 2 for an unknown option" 2 "$(rc usage_option)"
run missing "$WORK/no-such-directory"
check "exit status 2 for a missing path (it fails), with the system's message" \
	"2 $WORK/no-such-directory  failed" "$(rc missing) $(grep -E "^$WORK/no-such-directory " "$WORK/missing.out" |
	awk '{print $1, "", $2}')"
set +e
"$LOADER" -p 1 -h /nonexistent -d "$DB" "$DOCS/formats" >"$WORK/noserver.out" 2>&1
rc_noserver=$?
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS ${DB}_noext" -c "CREATE DATABASE ${DB}_noext" 2>/dev/null
"$LOADER" -d "${DB}_noext" "$DOCS/formats" >"$WORK/noext.out" 2>&1
rc_noext=$?
psql -X -q -d postgres -c "DROP DATABASE ${DB}_noext"
"$LOADER" --help >"$WORK/help.out" 2>&1
rc_help=$?
"$LOADER" --version >"$WORK/version.out" 2>&1
rc_version=$?
set -e
check "exit status 2 when the server cannot be reached" 2 "$rc_noserver"
check "exit status 2 without the extension, saying so" "2 ptarget-load: error: the ptarget extension is not installed in database \"${DB}_noext\"" \
	"$rc_noext $(head -1 "$WORK/noext.out")"
check "--help: exit 0, every option listed" "0 ok" "$rc_help $(for o in -j -n -s --lenient -f --progress -q -V -h -p -U -d -w -W \
	--department --project --title -o; do grep -qe "$o" "$WORK/help.out" || echo "missing $o"; done; echo ok)"
check "--version" "0 ptarget-load (ptarget) $(sed -nE "s/^default_version *= *'([^']+)'.*/\1/p" "$ROOT/ptarget.control")" \
	"$rc_version $(cat "$WORK/version.out")"

# ------------------------------------------------------------------ progress on a terminal
# script(1) gives the loader a terminal; COLUMNS wide enough for the bar
set +e
script -qec "stty cols 150 2>/dev/null; '$LOADER' -d $DB -s two -j 2 '$DOCS'" /dev/null >"$WORK/tty.out" 2>&1
set -e
grep -qE '\[█+░*\] [0-9]+/'"$n_files"' files, [0-9]+ indicators, [0-9.]+ files/s, [0-9]+ indicators/s, ([0-9:]+|\?) left' "$WORK/tty.out" \
	&& ok "terminal: a progress bar with files, indicators, rates and time left" \
	|| fail "terminal: a progress bar with files, indicators, rates and time left" "$(head -c 600 "$WORK/tty.out" | cat -v)"
grep -q $'\r\e\[K' "$WORK/tty.out" && ! grep -qE '^ptarget-load: \[[0-9]+/[0-9]+\] .*: skipped' "$WORK/tty.out" \
	&& ok "terminal: the bar is cleared; only failures get lines of their own" \
	|| fail "terminal: the bar is cleared; only failures get lines of their own" "$(head -c 600 "$WORK/tty.out" | cat -v)"

# ------------------------------------------------------------------ a bigger directory
# more text documents (variants with other department codes), for the
# interrupted run and the throughput: imported whole with 1 and with 2 jobs,
# and with one psql call per file
BIG=$WORK/big
generate "$ROOT/test/data/seeds" "$BIG" 101 $((100 + ${LOADER_BIG:-300}))
mapfile -t big_docs < <(find "$BIG" -type f | sort)
n_big=${#big_docs[@]}
for j in 1 2; do
	start=$(now)
	"$LOADER" -d "$DB" -s "whole$j" -j "$j" -q "$BIG"
	eval "t_j$j=$(since "$start")"
done
check "$n_big documents, 1 job and 2 jobs: the same tables" "$(digest whole1)" "$(digest whole2)"
start=$(now)
for f in "${big_docs[@]}"; do
	printf '%s\n' "SELECT count(*) FROM ptarget_import(:'doc', :'src', 'psql_way');" |
		psql -X -q -At -d "$DB" -v doc="$(cat "$f")" -v src="$f" >/dev/null
done
t_psql=$(since "$start")
# (psql's `cat` drops the final newline: other digests, the same rows)
check "one psql call per file: the same projects and indicators as the loader" "$(digest_rows whole1)" "$(digest_rows psql_way)"

# ------------------------------------------------------------------ interrupted, then run again
"$LOADER" -d "$DB" -s cut -j 2 "$BIG" >"$WORK/cut.out" 2>"$WORK/cut.err" &
pid=$!
committed() {
	if [ "$(q -c "SELECT to_regclass('cut.ptarget_document') IS NOT NULL")" = t ]; then
		q -c "SELECT count(*) FROM cut.ptarget_document"
	else
		echo 0
	fi
}
for _ in $(seq 1 1000); do
	n=$(committed)
	[ "${n:-0}" -lt 20 ] || break
	sleep 0.01
done
live=$(q -c "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'ptarget-load'")
kill -9 "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
# the server notices the client is gone: wait for its sessions to end
for _ in $(seq 1 400); do
	[ "$(q -c "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'ptarget-load'")" = 0 ] && break
	sleep 0.05
done
n_cut=$(committed)
check "interrupted: the loader had two connections when it was killed" 2 "$live"
if [ "$n_cut" -ge 20 ] && [ "$n_cut" -lt "$n_big" ]; then
	ok "interrupted: killed mid-way ($n_cut of $n_big documents committed)"
else
	fail "interrupted: killed mid-way" "$n_cut of $n_big documents committed"
fi
check "interrupted: no document committed without all its projects and indicators" "" "$(q -c "
	SELECT d.source || ': ' || d.indicators || ' indicators recorded, ' || count(i.*) || ' stored'
	FROM cut.ptarget_document d LEFT JOIN cut.ptarget_project p ON p.document_id = d.id
	LEFT JOIN cut.ptarget_indicator i ON i.project_id = p.id
	GROUP BY d.id HAVING count(i.*) <> d.indicators OR count(DISTINCT p.id) <> d.projects")"
run resumed -s cut -j 2 "$BIG"
check "interrupted, run again: what was committed is skipped, the rest imported" \
	"0 $n_big files: $((n_big - n_cut)) imported, $n_cut skipped, 0 failed" "$(rc resumed) $(summary_line resumed)"
check "interrupted, run again: nothing duplicated, nothing lost (the tables of an uninterrupted run)" \
	"$(digest whole1)" "$(digest cut)"

# ------------------------------------------------------------------ throughput
indicators=$(q -c "SELECT sum(indicators) FROM whole1.ptarget_document")
rate() { awk -v n="$1" -v t="$2" 'BEGIN { printf "%.0f", n / t }'; }
echo "== throughput: $n_big documents, $indicators indicators ($(nproc) cores, server on the same machine)"
printf '   %-26s %8s %8s %14s\n' "" seconds "docs/s" "indicators/s"
for m in "ptarget-load -j 1:$t_j1" "ptarget-load -j 2:$t_j2" "psql, one call per file:$t_psql"; do
	printf '   %-26s %8.2f %8s %14s\n' "${m%%:*}" "${m##*:}" "$(rate "$n_big" "${m##*:}")" "$(rate "$indicators" "${m##*:}")"
done

psql -X -q -d postgres -c "DROP DATABASE $DB"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
