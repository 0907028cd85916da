#!/usr/bin/env bash
# test/run_tests.sh — sets everything up and runs every test:
#   plain-C unit tests (ASan/UBSan), pg_regress suites, dump/restore,
#   concurrency, memory and binary-receive scripts on a private cluster,
#   property tests, and a short coverage-guided fuzzing run per target.
# PTARGET_FUZZ_SECONDS (default 60) and PTARGET_PROPERTY_CASES (300000) size
# the last two.
# Ends with one line "N passed, M failed"; exits non-zero on any failure.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

install_packages
build_and_install
start_cluster

passed=0
failed=0
# add every "N passed, M failed" line of a log to the totals
tally() {
	local lines p f
	lines=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$1" || true)
	if [ -z "$lines" ]; then
		echo "!! $2 printed no result line"; tail -20 "$1"; failed=$((failed + 1)); return
	fi
	p=$(echo "$lines" | awk '{s += $1} END {print s}')
	f=$(echo "$lines" | awk '{s += $3} END {print s}')
	passed=$((passed + p)); failed=$((failed + f))
	echo "== $2: $p passed, $f failed"
}

LOG=$(mktemp -d /tmp/ptarget-tests.XXXXXX)

echo "== unit tests of the plain-C core"
make -C "$ROOT" -s unit >"$LOG/unit.log" 2>&1 || true
tally "$LOG/unit.log" "core unit tests"

echo "== pg_regress suites"
make -C "$ROOT" -s installcheck >"$LOG/regress.log" 2>&1 || true
grep -E '^(test|ok|not ok) ' "$LOG/regress.log" || true
ok=$(grep -cE '^test .* \.\.\. ok' "$LOG/regress.log" || true)
bad=$(grep -cE '^test .* \.\.\. FAILED' "$LOG/regress.log" || true)
if [ "$ok" = 0 ] && [ "$bad" = 0 ]; then
	echo "!! pg_regress ran no test"; cat "$LOG/regress.log"; bad=1
fi
[ "$bad" = 0 ] || cat "$ROOT/regression.diffs" 2>/dev/null | head -200
echo "== pg_regress: $ok passed, $bad failed"
passed=$((passed + ok)); failed=$((failed + bad))

# scripts that print "N passed, M failed" themselves
run_script() { # log-name title command...
	local log="$LOG/$1.log" title=$2
	shift 2
	echo "== $title"
	"$@" >"$log" 2>&1 || true
	grep -E '^(FAIL|!!)' "$log" || true
	tally "$log" "$title"
}
run_script dump "dump/restore and COPY round trips" bash "$ROOT/test/dump_restore.sh"
run_script concurrency "concurrent imports and queries" bash "$ROOT/test/concurrency.sh"
run_script memory "memory over a million calls" bash "$ROOT/test/memory.sh"
run_script binary "binary receive of random and mutated bytes" bash "$ROOT/test/fuzz/binary_copy.sh"
run_script property "property tests" bash "$ROOT/test/property/run.sh" "${PTARGET_PROPERTY_CASES:-300000}"
run_script fuzz "fuzzing, ${PTARGET_FUZZ_SECONDS:-60} s per target" \
	bash "$ROOT/test/fuzz/run.sh" "${PTARGET_FUZZ_SECONDS:-60}"

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
