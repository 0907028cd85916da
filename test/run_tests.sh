#!/usr/bin/env bash
# test/run_tests.sh — sets everything up and runs every test:
#   plain-C unit tests (ASan/UBSan), pg_regress suites on a private cluster.
# Ends with one line "N passed, M failed"; exits non-zero on any failure.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

install_packages
build_and_install
start_cluster

passed=0
failed=0
# add "N passed, M failed" from a log's last such line to the totals
tally() {
	local line
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$1" | tail -1)
	if [ -z "$line" ]; then
		echo "!! $2 printed no result line"; failed=$((failed + 1)); return
	fi
	passed=$((passed + $(echo "$line" | awk '{print $1}')))
	failed=$((failed + $(echo "$line" | awk '{print $3}')))
	echo "== $2: $line"
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

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
