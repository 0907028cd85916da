#!/usr/bin/env bash
# test/fuzz/run.sh [SECONDS_PER_TARGET] — build and run the libFuzzer targets.
#
#   fuzz_target    bytes -> pt_parse; round trips and invariants of accepted values
#   fuzz_unpack    bytes -> pt_unpack; readers of accepted (stored) values
#   fuzz_document  bytes -> pt_document_parse, strict and lenient
#   fuzz_delimited bytes -> decoding, the CSV/TSV reader and the layout step
#   fuzz_layout    bytes as tables of cells -> the layout step (pt_layout.c)
#   fuzz_docx      a .docx (or its document.xml) -> the .docx reader and the layout
#   fuzz_xlsx      an .xlsx (or its parts) -> the .xlsx reader and the layout
#
# Builds with clang (-fsanitize=fuzzer,address,undefined) into test/fuzz/build/,
# replays the reproducers of reported defects (test/fuzz/regressions/<target>/,
# one run per file), copies the seed corpora (test/fuzz/corpus/) into
# test/fuzz/corpus-work/ (both gitignored; what a run finds is kept there for the
# next run), runs each target for SECONDS_PER_TARGET seconds (default 60; 0 =
# only replay the corpus once) and prints executions, coverage and the outcome
# per target.  A target fails when a regression input still fails or the run
# finds a crash, leak or timeout.  Crash, leak and timeout inputs are saved as
# test/fuzz/build/artifacts/<target>-*; the full log of a target is
# test/fuzz/build/<target>.log.  Ends with "N passed, M failed" (one per target);
# exits 1 when any target failed.  Needs no root; any working directory.
#
# Environment: CC (default clang, else clang-14), FUZZ_TARGETS (subset, e.g.
# "fuzz_target fuzz_unpack"), FUZZ_FRESH=1 (start from the seeds only),
# PT_FUZZ_SKIP=text-date,date-range,convert-base,scale-space,blank-label,
# format-overflow,gist-keys (skip inputs showing an already reported defect of that
# class, to look past it; see the fuzz_known() calls in fuzz_target.c and
# fuzz_unpack.c).
set -uo pipefail

SECONDS_PER_TARGET=${1:-60}
if ! [[ $SECONDS_PER_TARGET =~ ^[0-9]+$ ]]; then
	echo "usage: $0 [SECONDS_PER_TARGET]" >&2
	exit 2
fi

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BUILD=$HERE/build
WORK=$HERE/corpus-work
ARTIFACTS=$BUILD/artifacts

CC=${CC:-}
if [ -z "$CC" ]; then
	if command -v clang >/dev/null 2>&1; then CC=clang; else CC=clang-14; fi
fi
if ! command -v "$CC" >/dev/null 2>&1; then
	echo "error: $CC not found (install clang, llvm and libclang-rt-14-dev)" >&2
	exit 2
fi

# The core sources, as the Makefile lists them (CORE_SRCS, with continuations).
CORE_SRCS=$(sed -n '/^CORE_SRCS[[:space:]]*=/,/[^\\]$/p' "$ROOT/Makefile" |
	sed -e 's/^CORE_SRCS[[:space:]]*=//' -e 's/\\$//' | tr '\n' ' ')
if [ -z "${CORE_SRCS// /}" ]; then
	echo "error: cannot read CORE_SRCS from $ROOT/Makefile" >&2
	exit 2
fi
# the libraries they link (CORE_LIBS: zip and XML), and zlib for the zips the
# fuzz_docx/fuzz_xlsx harnesses make
CORE_LIBS=$(sed -n 's/^CORE_LIBS[[:space:]]*=//p' "$ROOT/Makefile")
# plus the document parser (once, whether or not CORE_SRCS lists it)
CORE_PATHS=()
for s in $CORE_SRCS src/pt_document.c; do
	case " ${CORE_PATHS[*]} " in *" $ROOT/$s "*) ;; *) CORE_PATHS+=("$ROOT/$s") ;; esac
done

mkdir -p "$BUILD" "$WORK" "$ARTIFACTS"

CFLAGS=(-std=gnu11 -g -O1 -fno-omit-frame-pointer -Wall -Wextra -Wno-unused-parameter
	-I"$ROOT/src" -I"$HERE")
SAN=(-fsanitize=address,undefined -fno-sanitize-recover=all)

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
SYMBOLIZER=$(command -v llvm-symbolizer || command -v llvm-symbolizer-14 || true)
[ -n "$SYMBOLIZER" ] && export ASAN_SYMBOLIZER_PATH=$SYMBOLIZER

build() {	# build NAME SOURCES...
	local name=$1
	shift
	if ! "$CC" "${CFLAGS[@]}" "${SAN[@]}" -fsanitize=fuzzer -o "$BUILD/$name" \
		"$HERE/$name.c" "$@" $CORE_LIBS -lz 2>"$BUILD/$name.build.log"; then
		cat "$BUILD/$name.build.log" >&2
		return 1
	fi
}

# work_dir NAME: the work corpus of a target.  Runs that skip known defects keep
# their own (it fills with inputs showing those defects).
work_dir() {
	if [ -n "${PT_FUZZ_SKIP:-}" ]; then echo "$WORK/skip/${1#fuzz_}"; else echo "$WORK/${1#fuzz_}"; fi
}

# seed_corpus NAME: the work corpus of a target, with the committed seeds added
seed_corpus() {
	local name=$1 dir
	dir=$(work_dir "$1")
	[ "${FUZZ_FRESH:-0}" = 1 ] && rm -rf "$dir"
	mkdir -p "$dir"
	case $name in
		fuzz_target) cp -n "$HERE"/corpus/target/* "$dir"/ 2>/dev/null ;;
		fuzz_document) cp -n "$HERE"/corpus/document/* "$dir"/ 2>/dev/null ;;
		fuzz_delimited | fuzz_layout | fuzz_docx | fuzz_xlsx) cp -n "$HERE"/corpus/"${name#fuzz_}"/* "$dir"/ 2>/dev/null ;;
		fuzz_unpack)
			# packed forms of the target seeds, made by the current core
			"$BUILD/pack_seeds" "$dir" "$HERE"/corpus/target/* >/dev/null
			cp -n "$HERE"/corpus/unpack/* "$dir"/ 2>/dev/null ;;
	esac
}

options_for() {
	case $1 in
		fuzz_target) echo "-max_len=4096 -dict=$HERE/target.dict" ;;
		fuzz_unpack) echo "-max_len=4096 -dict=$HERE/target.dict" ;;
		fuzz_document) echo "-max_len=262144 -dict=$HERE/document.dict" ;;
		fuzz_delimited | fuzz_layout) echo "-max_len=65536 -dict=$HERE/document.dict" ;;
		fuzz_docx | fuzz_xlsx) echo "-max_len=65536 -dict=$HERE/ooxml.dict" ;;
	esac
}

TARGETS=${FUZZ_TARGETS:-fuzz_target fuzz_unpack fuzz_document fuzz_delimited fuzz_layout fuzz_docx fuzz_xlsx}
passed=0
failed=0

echo "== building fuzz targets with $CC into $BUILD"
build_ok=1
"$CC" "${CFLAGS[@]}" "${SAN[@]}" -DPACK_SEEDS -o "$BUILD/pack_seeds" \
	"$HERE/fuzz_unpack.c" "${CORE_PATHS[@]}" $CORE_LIBS || build_ok=0

for t in $TARGETS; do
	case $t in
		fuzz_target | fuzz_unpack | fuzz_document | fuzz_delimited | fuzz_layout | fuzz_docx | fuzz_xlsx)
			srcs=("${CORE_PATHS[@]}") ;;
		*) echo "unknown target $t" >&2; failed=$((failed + 1)); continue ;;
	esac
	if [ $build_ok = 0 ] || ! build "$t" "${srcs[@]}"; then
		echo "== $t: BUILD FAILED"
		failed=$((failed + 1))
		continue
	fi
	# reproducers of reported defects: each must now run clean
	regress_failed=()
	regress_total=0
	for f in "$HERE"/regressions/"${t#fuzz_}"/*; do
		[ -f "$f" ] || continue
		[ -n "${PT_FUZZ_SKIP:-}" ] && break	# skipping known defects: nothing to replay
		regress_total=$((regress_total + 1))
		if ! (cd "$BUILD" && "$BUILD/$t" -runs=1 "$f") >"$BUILD/$t.regression.log" 2>&1; then
			regress_failed+=("$(basename "$f")")
		fi
	done
	rm -f "$BUILD/$t.regression.log"
	if [ -n "${PT_FUZZ_SKIP:-}" ]; then
		echo "== $t: regressions not replayed (PT_FUZZ_SKIP=$PT_FUZZ_SKIP)"
	elif [ $regress_total -gt 0 ]; then
		echo "== $t: regressions: $((regress_total - ${#regress_failed[@]})) of $regress_total reproducers now clean"
		for r in "${regress_failed[@]}"; do echo "   still failing: regressions/${t#fuzz_}/$r"; done
	fi

	seed_corpus "$t"
	corpus_dir=$(work_dir "$t")
	before=$(find "$corpus_dir" -type f | wc -l)
	log=$BUILD/$t.log
	stamp=$BUILD/.stamp-$t
	touch "$stamp"
	if [ "$SECONDS_PER_TARGET" = 0 ]; then
		time_opt=(-runs=0)
		echo "== $t: replaying $before corpus inputs"
	else
		time_opt=(-max_total_time="$SECONDS_PER_TARGET")
		echo "== $t: fuzzing for ${SECONDS_PER_TARGET}s from $before corpus inputs"
	fi
	# shellcheck disable=SC2046
	(cd "$BUILD" && "$BUILD/$t" "$corpus_dir" $(options_for "$t") "${time_opt[@]}" \
		-timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix="$ARTIFACTS/$t-") >"$log" 2>&1
	rc=$?
	after=$(find "$corpus_dir" -type f | wc -l)

	execs=$(grep -E -o 'stat::number_of_executed_units: *[0-9]+' "$log" | tail -1 | awk '{print $2}')
	rate=$(grep -E -o 'stat::average_exec_per_sec: *[0-9]+' "$log" | tail -1 | awk '{print $2}')
	status_line=$(grep -E '^#[0-9]+.*cov: [0-9]+' "$log" | tail -1)
	cov=$(sed -n 's/.*cov: \([0-9]*\).*/\1/p' <<<"$status_line")
	ft=$(sed -n 's/.*ft: \([0-9]*\).*/\1/p' <<<"$status_line")
	found=$(find "$ARTIFACTS" -name "$t-*" -newer "$stamp" -type f 2>/dev/null | sort)
	rm -f "$stamp"

	kind=""
	if grep -q 'ERROR: libFuzzer: timeout' "$log"; then kind="timeout"
	elif grep -q 'ERROR: LeakSanitizer' "$log"; then kind="leak"
	elif grep -q 'ERROR: libFuzzer: out-of-memory' "$log"; then kind="out-of-memory"
	elif grep -q -e 'ERROR: AddressSanitizer' -e 'runtime error:' -e 'invariant violated' \
		-e 'deadly signal' "$log"; then kind="crash"
	elif [ $rc != 0 ]; then kind="exit status $rc"
	fi

	printf '   executions: %s (%s/s)  cov: %s  ft: %s  corpus: %s -> %s\n' \
		"${execs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" "$before" "$after"
	if [ -z "$kind" ] && [ -z "$found" ] && [ ${#regress_failed[@]} = 0 ]; then
		echo "   result: clean"
		passed=$((passed + 1))
	elif [ -z "$kind" ] && [ -z "$found" ]; then
		echo "   result: fuzzing clean, but ${#regress_failed[@]} regression reproducer(s) still fail"
		failed=$((failed + 1))
	else
		echo "   result: FOUND ${kind:-artifact} (log: $log)"
		grep -m 8 -E -e 'invariant violated' -e '^ +(at|input|a|b|packed):' -e 'ERROR: ' \
			-e 'runtime error' -e 'SUMMARY' -e '^    #[0-9] ' "$log" | sed 's/^/     /'
		for f in $found; do
			echo "     artifact: $f ($(wc -c <"$f") bytes): $(head -c 200 "$f" | od -An -c | tr -s ' \n' ' ' | head -c 300)"
		done
		failed=$((failed + 1))
	fi
done

echo "$passed passed, $failed failed"
[ $failed = 0 ]
