#!/usr/bin/env bash
# test/property/run.sh [CASES [SEED]] — build and run the property tests of the
# ptarget core (plain C, no server) with ASan + UBSan.  Default 300000 cases.
# Ends with the program's "N passed, M failed" line, one test case per property
# (the number of checks is printed as information); exits 1 on any failure.
# Works from any directory, needs no root.  CC defaults to clang (else cc).
set -uo pipefail

CASES=${1:-300000}
SEED=${2:-20250101}
if ! [[ $CASES =~ ^[0-9]+$ && $SEED =~ ^[0-9]+$ ]]; then
	echo "usage: $0 [CASES [SEED]]" >&2
	exit 2
fi
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BUILD=$HERE/build
mkdir -p "$BUILD"

CC=${CC:-}
if [ -z "$CC" ]; then
	if command -v clang >/dev/null 2>&1; then CC=clang; else CC=cc; fi
fi

# the core sources, as the Makefile lists them (CORE_SRCS, with continuations)
CORE_SRCS=$(sed -n '/^CORE_SRCS[[:space:]]*=/,/[^\\]$/p' "$ROOT/Makefile" |
	sed -e 's/^CORE_SRCS[[:space:]]*=//' -e 's/\\$//' | tr '\n' ' ')
CORE_PATHS=()
for s in $CORE_SRCS; do CORE_PATHS+=("$ROOT/$s"); done
if [ ${#CORE_PATHS[@]} = 0 ]; then
	echo "error: cannot read CORE_SRCS from $ROOT/Makefile" >&2
	exit 2
fi

echo "== building $BUILD/property with $CC (ASan + UBSan)"
if ! "$CC" -std=gnu11 -O1 -g -fno-omit-frame-pointer -Wall -Wextra -Wno-unused-parameter \
	-fsanitize=address,undefined -fno-sanitize-recover=all -I"$ROOT/src" \
	-o "$BUILD/property" "$HERE/property.c" "${CORE_PATHS[@]}" \
	$(sed -n 's/^CORE_LIBS[[:space:]]*=//p' "$ROOT/Makefile"); then
	echo "0 passed, 1 failed"
	exit 1
fi

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
"$BUILD/property" "$CASES" "$SEED"
rc=$?
if [ $rc -gt 1 ]; then
	# killed by a sanitizer or a signal: the program could not print its summary
	echo "property exited with status $rc (sanitizer report above)"
	echo "0 passed, 1 failed"
	exit 1
fi
exit $rc
