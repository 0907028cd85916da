#!/usr/bin/env bash
# test/compat/run.sh — 1.0's reading kept (issue 12).  Builds 1.0's plain-C
# core from the project's history (git archive of the 1.0 release, symbols
# renamed old_*), links it beside this core into test/compat/compat.c, and
# reads about two million texts with both: the 1.0 fixture (test/data/1.0/
# targets.txt), the seed cells, the fuzz corpus, the literals of the spellings
# and extract suites, and every combination test/compat/gen_corpus.py makes
# of the words real tables use.  Fails when a value 1.0 read packs, prints or
# hashes otherwise now, or a 1.0 label without digits reads otherwise
# (compat.c says exactly what is checked).  The 1.0 labels that now read as
# values are written to test/compat/build/labels.tsv (input, 1.0's label,
# what it reads as now).  Ends with "N passed, M failed" (one case).
# Needs git history, cc, objcopy and python3; no server, no root.
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BUILD=$HERE/build
RELEASE_1_0=${PTARGET_1_0_COMMIT:-f989dc1}
CC=${CC:-cc}
rm -rf "$BUILD/core-1.0"
mkdir -p "$BUILD/core-1.0"

fail() { echo "$*" >&2; echo "0 passed, 1 failed"; exit 1; }

# 1.0's core, its global symbols renamed old_*
git -C "$ROOT" archive "$RELEASE_1_0" src | tar -x -C "$BUILD/core-1.0" || fail "cannot read 1.0 ($RELEASE_1_0) from git"
objs=()
for f in pt_decimal pt_units pt_fold pt_date pt_parse pt_format pt_pack pt_semantics; do
	"$CC" -std=gnu11 -O2 -c -I"$BUILD/core-1.0/src" "$BUILD/core-1.0/src/$f.c" -o "$BUILD/core-1.0/$f.o" ||
		fail "cannot build 1.0's $f.c"
	objs+=("$BUILD/core-1.0/$f.o")
done
ld -r -o "$BUILD/core-1.0/core.o" "${objs[@]}" || fail "ld -r failed"
nm -g --defined-only "$BUILD/core-1.0/core.o" | awk '{print $3" old_"$3}' >"$BUILD/core-1.0/rename"
objcopy --redefine-syms="$BUILD/core-1.0/rename" "$BUILD/core-1.0/core.o" "$BUILD/core-1.0/core-old.o" ||
	fail "objcopy failed"

# this core: the files that read, write and compare targets
CORE=()
for f in pt_decimal pt_units pt_fold pt_date pt_lexicon pt_parse pt_parse_date pt_extract pt_format pt_pack pt_semantics; do
	CORE+=("$ROOT/src/$f.c")
done
"$CC" -std=gnu11 -O2 -g -I"$ROOT/src" -o "$BUILD/compat" "$HERE/compat.c" "$BUILD/core-1.0/core-old.o" "${CORE[@]}" ||
	fail "cannot build compat"

# the texts
{
	awk -F'|' '{print $2}' "$ROOT/test/data/1.0/targets.txt"
	tail -n +2 "$ROOT/test/data/seed_cells.tsv" | cut -f9
	for f in "$ROOT"/test/fuzz/corpus/target/*; do cat "$f"; echo; done
	grep -oh "'[^']*'" "$ROOT/test/sql/spellings.sql" "$ROOT/test/sql/extract.sql" "$ROOT/test/sql/io.sql" \
		"$ROOT/test/sql/errors.sql" "$ROOT/test/sql/dates.sql" "$ROOT/test/sql/units.sql" | tr -d "'"
	python3 "$HERE/gen_corpus.py"
} >"$BUILD/texts.txt"

"$BUILD/compat" <"$BUILD/texts.txt" >"$BUILD/report.txt"
rc=$?
grep '^LABEL' "$BUILD/report.txt" | cut -f2- >"$BUILD/labels.tsv"
grep '^FATAL' "$BUILD/report.txt" | head -20
echo "== 1.0 labels that now read as values: $(wc -l <"$BUILD/labels.tsv") (test/compat/build/labels.tsv)"
if [ $rc = 0 ]; then echo "1 passed, 0 failed"; else echo "0 passed, 1 failed"; fi
exit $rc
