#!/usr/bin/env bash
# test/run_tests.sh — sets everything up and runs every test:
#   plain-C unit tests (ASan/UBSan), pg_regress suites, dump/restore,
#   concurrency, memory and binary-receive scripts on a private cluster,
#   property tests, a short coverage-guided fuzzing run per target, and the
#   upgrade, client, security and package scripts.
#
# It counts test cases, not assertions: a pg_regress suite, a unit test
# function, a script check, a property and a fuzz target count once each (the
# programs print their assertion counts as information).  Prints one line
# "== title: p passed, f failed" per part and ends with "N passed, M failed";
# exits non-zero on any failure.  A failing part's log tail is printed; the
# logs live in a per-run directory that is removed at the end.
#
# Environment (all optional):
#   PTARGET_FUZZ_SECONDS    seconds of fuzzing per libFuzzer target (default 60;
#                           0 = only replay the corpus and the regressions)
#   PTARGET_PROPERTY_CASES  generated cases of the property tests (default 300000)
#   PTARGET_PORT            port of the private clusters (default: random in
#                           20000-39999; the socket is in a private directory)
#   TMPDIR                  where the per-run directories go (default /tmp): the
#                           cluster, files the server reads and writes, logs.
#                           The postgres user must be able to traverse it.
#   PTARGET_KEEP_TMP=1      keep the per-run directories (logs, stopped cluster,
#                           failing binary COPY cases) instead of removing them
#   CC                      compiler of the property and fuzz builds (default clang)
#   UNIT_CC, PG_CONFIG      compiler of the unit tests, pg_config (Makefile)
#   read by single scripts, passed on: FUZZ_TARGETS, FUZZ_FRESH, PT_FUZZ_SKIP
#   (test/fuzz/run.sh); FUZZ_SEED, FUZZ_BATCH, PTARGET_SERVER_LOG
#   (test/fuzz/binary_copy.sh); PROPERTY_SHOW (test/property); PG_BIN
#   (test/dump_restore.sh); PTARGET_WRITE_FIXTURE (test/upgrade.sh);
#   DEB_BUILD_OPTIONS (test/package.sh); ASAN_OPTIONS, UBSAN_OPTIONS.
# PGHOST, PGPORT, PGUSER and PGDATABASE are overridden with the private
# cluster's: a dev cluster named in the environment is never touched.
# Quick run: PTARGET_FUZZ_SECONDS=3 PTARGET_PROPERTY_CASES=2000 bash test/run_tests.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

install_packages
build_and_install
start_cluster
make_tempdir LOG tests

passed=0
failed=0
# show_log LOG: the end of a failing part's log (the log itself is removed)
show_log() {
	echo "-- last 30 lines of its log (PTARGET_KEEP_TMP=1 keeps the logs):"
	tail -30 "$1" | sed 's/^/   /'
}
# tally LOG TITLE: add the "N passed, M failed" lines of a log to the totals
tally() {
	local lines p f
	lines=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$1" || true)
	if [ -z "$lines" ]; then
		echo "!! $2 printed no result line"; show_log "$1"
		failed=$((failed + 1)); echo "== $2: 0 passed, 1 failed"; return
	fi
	p=$(echo "$lines" | awk '{s += $1} END {print s}')
	f=$(echo "$lines" | awk '{s += $3} END {print s}')
	passed=$((passed + p)); failed=$((failed + f))
	[ "$f" = 0 ] || show_log "$1"
	echo "== $2: $p passed, $f failed"
}
# run_script LOG-NAME TITLE COMMAND...: a test program that prints
# "N passed, M failed" itself, in test cases
run_script() {
	local log="$LOG/$1.log" title=$2
	shift 2
	echo "== $title"
	"$@" >"$log" 2>&1 || true
	grep -E '^(FAIL|!!)' "$log" || true
	tally "$log" "$title"
}

echo "== building the unit tests"
if make -C "$ROOT" -s test/unit/test_core test/unit/test_document test/unit/test_score \
		test/unit/test_layout test/unit/test_delimited test/unit/test_ooxml >"$LOG/unit-build.log" 2>&1; then
	run_script unit-core "unit tests of the plain-C core" \
		"$ROOT/test/unit/test_core" "$ROOT/test/data/seed_cells.tsv"
	run_script unit-document "unit tests of the document parser" \
		"$ROOT/test/unit/test_document" "$ROOT"/test/data/seeds/000_*.txt "$ROOT"/test/data/seeds/001_*.txt
	run_script unit-score "unit tests of scoring" "$ROOT/test/unit/test_score"
	run_script unit-layout "unit tests of the layout step" \
		"$ROOT/test/unit/test_layout" "$ROOT"/test/data/seeds/000_*.txt "$ROOT"/test/data/seeds/001_*.txt \
		"$ROOT/test/data/seed_cells.tsv"
	run_script unit-delimited "unit tests of the delimited-text reader" \
		"$ROOT/test/unit/test_delimited" "$ROOT/test/data/documents"
	run_script unit-ooxml "unit tests of the .docx and .xlsx readers" \
		"$ROOT/test/unit/test_ooxml" "$ROOT/test/data/documents"
else
	echo "!! the unit tests do not build"; show_log "$LOG/unit-build.log"
	failed=$((failed + 1)); echo "== unit tests: 0 passed, 1 failed"
fi

echo "== pg_regress suites"
# results/ and regression.diffs go to the per-run log directory
make -C "$ROOT" -s installcheck EXTRA_REGRESS_OPTS="--outputdir=$LOG/regress" \
	>"$LOG/regress.log" 2>&1 || true
grep -E '^(test|ok|not ok) ' "$LOG/regress.log" || true
ok=$(grep -cE '^test .* \.\.\. ok' "$LOG/regress.log" || true)
bad=$(grep -cE '^test .* \.\.\. FAILED' "$LOG/regress.log" || true)
if [ "$ok" = 0 ] && [ "$bad" = 0 ]; then
	echo "!! pg_regress ran no test"; show_log "$LOG/regress.log"; bad=1
fi
[ "$bad" = 0 ] || head -200 "$LOG/regress/regression.diffs" 2>/dev/null || true
echo "== pg_regress: $ok passed, $bad failed"
passed=$((passed + ok)); failed=$((failed + bad))

run_script dump "dump/restore and COPY round trips" bash "$ROOT/test/dump_restore.sh"
run_script concurrency "concurrent imports and queries" bash "$ROOT/test/concurrency.sh"
run_script memory "memory over a million calls" bash "$ROOT/test/memory.sh"
run_script binary "binary receive of random and mutated bytes" bash "$ROOT/test/fuzz/binary_copy.sh"
run_script property "property tests" bash "$ROOT/test/property/run.sh" "${PTARGET_PROPERTY_CASES:-300000}"
run_script fuzz "fuzzing, ${PTARGET_FUZZ_SECONDS:-60} s per target" \
	bash "$ROOT/test/fuzz/run.sh" "${PTARGET_FUZZ_SECONDS:-60}"

run_script compat "1.0 compatibility: both cores on about two million texts" bash "$ROOT/test/compat/run.sh"
run_script upgrade "upgrade from 1.0" bash "$ROOT/test/upgrade.sh"
run_script clients "clients: psycopg and JDBC" bash "$ROOT/test/clients.sh"
run_script readme "README examples against a real run" bash "$ROOT/test/readme.sh"
run_script scaleout "scale-out: coordinator and two shards" bash "$ROOT/test/scaleout.sh"
run_script loader "ptarget-load: bulk loading, interrupted runs, exit status" bash "$ROOT/test/loader.sh"
run_script report "the HTML report in headless Chromium" bash "$ROOT/test/report.sh"
run_script nls "messages in Chinese and English" env PTARGET_NLS_BUILT=1 bash "$ROOT/test/nls.sh"
# last: it installs the Debian package, removes it and reinstalls the source build
run_script package "Debian package" bash "$ROOT/test/package.sh"

[ "${PTARGET_KEEP_TMP:-0}" = 1 ] && echo "== logs kept in $LOG"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
