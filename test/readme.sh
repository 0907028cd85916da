#!/usr/bin/env bash
# test/readme.sh — every example in README.md is the real output of a run.
#
# An example in the README is a fenced block right after a marker line
#   <!-- example: NAME -->
# and test/readme/NAME.sql holds its input.  This script runs each input with
# `psql -X -a` (every line echoed as written, then its result; errors are part
# of the transcript) in a fresh database where ptarget is installed and the
# sample documents are in the psql variables doc000 and doc001, and checks the
# block equals the transcript.  `bash test/readme.sh --update` writes the
# transcripts into README.md instead (then read the diff before committing).
# Prints "ok - …" / "FAIL - …" per example and "N passed, M failed".
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

update=0
[ "${1:-}" = --update ] && update=1

install_packages
if [ -z "${PGHOST:-}" ]; then
	build_and_install
	start_cluster
fi
make_tempdir WORK readme

run_example() { # NAME: the transcript of test/readme/NAME.sql on stdout
	local db="readme_$1"
	psql -X -q -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS \"$db\"" \
		-c "CREATE DATABASE \"$db\"" >/dev/null
	psql -X -q -d "$db" -c "CREATE EXTENSION ptarget" >/dev/null
	(cd "$ROOT" && PGDATABASE="$db" psql -X -a -v VERBOSITY=default \
		-v doc000="$(cat test/data/seeds/000_e3b62ee139f4edb8.txt)" \
		-v doc001="$(cat test/data/seeds/001_3f8b325168c357be.txt)" \
		-f "test/readme/$1.sql" 2>&1 | sed -e 's/^psql:[^ ]*:[0-9]*: //')
	psql -X -q -d postgres -c "DROP DATABASE \"$db\"" >/dev/null
}

# the block after each marker: NAME<TAB>first line<TAB>last line (of the block's body)
python3 - "$ROOT/README.md" >"$WORK/blocks" <<'PY'
import re, sys
lines = open(sys.argv[1], encoding='utf-8').read().split('\n')
i = 0
while i < len(lines):
    m = re.match(r'<!-- example: ([a-z0-9_]+) -->$', lines[i])
    if m:
        j = i + 1
        assert lines[j].startswith('```'), f'line {j+1}: a fence must follow the marker'
        k = j + 1
        while not lines[k].startswith('```'):
            k += 1
        print(f'{m.group(1)}\t{j + 2}\t{k}')
        i = k
    i += 1
PY

passed=0
failed=0
readme_new="$WORK/README.md"
cp "$ROOT/README.md" "$readme_new"
# replace from the last block up, so earlier line numbers stay right
tac "$WORK/blocks" >"$WORK/blocks.rev"
while IFS=$'\t' read -r name first last; do
	[ -f "$ROOT/test/readme/$name.sql" ] || { echo "FAIL - $name: test/readme/$name.sql is missing"; failed=$((failed + 1)); continue; }
	# the transcript without its trailing blank lines (a fence follows it)
	run_example "$name" | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}' >"$WORK/$name.out"
	sed -n "${first},${last}p" "$ROOT/README.md" >"$WORK/$name.readme"
	if cmp -s "$WORK/$name.out" "$WORK/$name.readme"; then
		echo "ok - README example $name"; passed=$((passed + 1))
	elif [ "$update" = 1 ]; then
		python3 - "$readme_new" "$first" "$last" "$WORK/$name.out" <<'PY'
import sys
path, first, last, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
lines = open(path, encoding='utf-8').read().split('\n')
new = open(out, encoding='utf-8').read().rstrip('\n').split('\n')
lines[first - 1:last] = new
open(path, 'w', encoding='utf-8').write('\n'.join(lines))
PY
		echo "updated - README example $name"
	else
		echo "FAIL - README example $name differs from a real run:"
		{ diff -u "$WORK/$name.readme" "$WORK/$name.out" || true; } | head -30 | sed 's/^/    /'
		failed=$((failed + 1))
	fi
done <"$WORK/blocks.rev"
# every input is shown somewhere
for f in "$ROOT"/test/readme/*.sql; do
	name=$(basename "$f" .sql)
	grep -q "^$name	" "$WORK/blocks" || { echo "FAIL - test/readme/$name.sql is not in README.md"; failed=$((failed + 1)); }
done
# the units table is the catalog's (test/tools/units_table prints it)
make -C "$ROOT" -s test/tools/units_table >/dev/null
"$ROOT/test/tools/units_table" >"$WORK/units.md"
sed -n '/^<!-- generated: units_table -->$/,/^<!-- \/generated -->$/p' "$readme_new" | sed '1d;$d' >"$WORK/units.readme"
if cmp -s "$WORK/units.md" "$WORK/units.readme"; then
	echo "ok - README units table is the unit catalog"; passed=$((passed + 1))
elif [ "$update" = 1 ]; then
	sh "$ROOT/test/tools/readme_units.sh" "$WORK/units.md" "$readme_new"
	echo "updated - README units table"
else
	echo "FAIL - README units table differs from the unit catalog (bash test/readme.sh --update):"
	{ diff -u "$WORK/units.readme" "$WORK/units.md" || true; } | head -20 | sed 's/^/    /'
	failed=$((failed + 1))
fi
[ "$update" = 1 ] && cp "$readme_new" "$ROOT/README.md"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
