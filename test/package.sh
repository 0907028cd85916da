#!/usr/bin/env bash
# test/package.sh — the Debian package, end to end:
#   copy the tracked files of the working tree (uncommitted edits included)
#   into a temporary directory, check the version numbers agree, build
#   postgresql-15-ptarget with `dpkg-buildpackage -us -uc -b` (which also runs
#   the regression suites against the built files), check the .deb's
#   contents, install it with dpkg, use it in a private cluster (CREATE
#   EXTENSION, queries, a GiST index, the regression suites against the
#   installed package, 1.0 -> 1.1 update), remove it and check its files are
#   gone, and finally reinstall the extension from the source tree
#   (`make install`) so later tests find it again — also when this script
#   fails or is interrupted after it began to change the installed files.
# One line per check, "ok - ..." or "FAIL - ..."; ends with "N passed, M failed"
# and exits non-zero on any failure.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# a cluster of the caller (test/run_tests.sh exports one) is not this
# script's: pg_virtualenv (the package build's tests, debian/tests) would try
# to take its port
unset PGHOST PGHOSTADDR PGPORT PGUSER PGDATABASE PGSERVICE

START=$SECONDS
PKG=postgresql-$PG_MAJOR-ptarget
EXT_DIR=/usr/share/postgresql/$PG_MAJOR/extension
LIB_DIR=/usr/lib/postgresql/$PG_MAJOR/lib
BIN_DIR=/usr/lib/postgresql/$PG_MAJOR/bin
MAN_DIR=/usr/share/postgresql/$PG_MAJOR/man/man1
LOCALE_DIR=/usr/share/locale

passed=0
failed=0
ok()   { passed=$((passed + 1)); echo "ok - $1"; }
fail() { failed=$((failed + 1)); echo "FAIL - $1"; [ -z "${2:-}" ] || printf '%s\n' "$2" | sed 's/^/    /'; }

# check DESCRIPTION COMMAND...: ok if the command succeeds (its output shown on failure)
check() {
	local what=$1 out
	shift
	if out=$("$@" 2>&1); then ok "$what"; else fail "$what" "$out"; fi
}

# check_sql DESCRIPTION DATABASE SQL EXPECTED: the query's unaligned output must equal EXPECTED
check_sql() {
	local what=$1 db=$2 sql=$3 want=$4 got
	got=$(psql -X -q -At -v ON_ERROR_STOP=1 -d "$db" -c "$sql" 2>&1) || true
	if [ "$got" = "$want" ]; then ok "$what"; else fail "$what" "expected: $want"$'\n'"got:      $got"; fi
}

summary() {
	echo "== took $((SECONDS - START)) s"
	echo "$passed passed, $failed failed"
	[ "$failed" = 0 ]
}
# finish: clean up now (not in the EXIT trap), so the summary is the last line
finish() {
	trap - EXIT
	cleanup
	summary
}

# the source build back in place: test/lib.sh's build_and_install, under the
# lock this script already holds (PTARGET_INSTALL_LOCKED tells lib.sh so)
lock_fd=
reinstall_source() {
	PTARGET_INSTALL_LOCKED=$([ -n "$lock_fd" ] && echo 1 || echo 0) build_and_install
}

# Whatever happens: no cluster, no temporary files (PTARGET_KEEP_TMP=1 keeps
# the build directory), and once this script has changed the system's ptarget
# files (TOUCHED), the package removed and the source build installed again.
WORK=
SRC=
TOUCHED=0
RESTORED=0
cleanup() {
	set +e
	if declare -F lib_cleanup >/dev/null; then lib_cleanup; else stop_cluster; fi
	cd /
	if [ "$TOUCHED" = 1 ] && [ "$RESTORED" = 0 ]; then
		if dpkg-query -W -f='${Status}' "$PKG" 2>/dev/null | grep -q 'ok installed'; then
			echo "== removing $PKG"
			as_root dpkg -r "$PKG" >/dev/null 2>&1
		fi
		reinstall_source || echo "!! could not reinstall ptarget from $ROOT"
	fi
	[ -z "${lock_fd:-}" ] || flock -u "$lock_fd"
	if [ -n "$WORK" ] && [ -d "$WORK" ]; then
		if [ "${PTARGET_KEEP_TMP:-0}" = 1 ]; then echo "== kept $WORK (PTARGET_KEEP_TMP=1)"; else as_root rm -rf "$WORK"; fi
	fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

install_packages

WORK=$(mktemp -d "${TMPDIR:-/tmp}/ptarget-package.XXXXXX")
# the package build's regression suites read test/data/ through the server,
# which runs as "postgres"
chmod 755 "$WORK"
cd "$WORK"   # a directory the postgres user may enter

# ------------------------------------------------------------ the source copy
VERSION=$(dpkg-parsechangelog -l "$ROOT/debian/changelog" -S Version)
UPSTREAM=${VERSION%-*}
SRC=$WORK/ptarget-$UPSTREAM
mkdir "$SRC"
# the tracked files as they are in the working tree (skipping tracked files
# deleted there)
(cd "$ROOT" && git ls-files -z | while IFS= read -r -d '' f; do
	if [ -e "$f" ] || [ -L "$f" ]; then printf '%s\0' "$f"; fi
done | xargs -0 cp -P --parents -t "$SRC")
echo "== copied $(cd "$SRC" && find . -type f | wc -l) tracked files to $SRC"

# a repository of the copy, to see afterwards what the build left behind
git -C "$SRC" -c init.defaultBranch=main init -q
git -C "$SRC" add -A

# ---------------------------------------------------------------- versions
# default_version 1.1 <-> package 1.1.0-1 <-> PGXN 1.1.0
default_version=$(sed -nE "s/^[[:space:]]*default_version[[:space:]]*=[[:space:]]*'([^']+)'.*/\1/p" "$SRC/ptarget.control")
semver=$default_version
[[ $semver =~ ^[0-9]+\.[0-9]+$ ]] && semver=$semver.0
if [ -n "$default_version" ] && [ "$UPSTREAM" = "$semver" ]; then
	ok "debian/changelog version $VERSION agrees with default_version '$default_version'"
else
	fail "debian/changelog version $VERSION agrees with default_version '$default_version'"
fi
meta=$(python3 -c 'import json,sys; m=json.load(open(sys.argv[1])); print(m["version"], m["provides"]["ptarget"]["version"], m["license"], m["meta-spec"]["version"])' \
	"$SRC/META.json" 2>&1) || true
if [ "$meta" = "$semver $semver postgresql 1.0.0" ]; then
	ok "META.json: version and provides.ptarget.version $semver, license postgresql, meta-spec 1.0.0"
else
	fail "META.json: version and provides.ptarget.version $semver, license postgresql, meta-spec 1.0.0" "got: $meta"
fi
check "debian/control is up to date with debian/control.in and debian/pgversions" \
	bash -c "cd '$SRC' && pg_buildext checkcontrol"

# ------------------------------------------------------------------ the build
echo "== dpkg-buildpackage -us -uc -b (log: build.log)"
build_start=$SECONDS
if (cd "$SRC" && dpkg-buildpackage -us -uc -b) >"$WORK/build.log" 2>&1; then
	ok "dpkg-buildpackage -us -uc -b ($((SECONDS - build_start)) s)"
else
	fail "dpkg-buildpackage -us -uc -b" "$(tail -40 "$WORK/build.log")"
	finish
	exit 1
fi
suites=$(grep -cE '^(test| ) [a-z_0-9]+ +\.\.\. ok' "$WORK/build.log" || true)
if grep -q '^### End [0-9]* installcheck ###' "$WORK/build.log" && [ "$suites" -gt 0 ]; then
	ok "the build ran the regression suites against the packaged files: $suites passed"
elif [[ " ${DEB_BUILD_OPTIONS:-} " == *" nocheck "* ]]; then
	ok "the build skipped the regression suites (DEB_BUILD_OPTIONS=nocheck)"
else
	fail "the build ran the regression suites against the packaged files" "$(grep -A3 'dh_pgxs_test' "$WORK/build.log")"
fi
# (the copy's files are staged: a second column other than " " is a change)
left=$(git -C "$SRC" status --porcelain --untracked-files=all | grep -vE '^. ' || true)
if [ -z "$left" ]; then
	ok "the build left the source tree as it was (git status: nothing untracked, changed or deleted)"
else
	fail "the build left the source tree as it was" "$left"
fi

DEB=$WORK/${PKG}_${VERSION}_$(dpkg --print-architecture).deb
if [ ! -f "$DEB" ]; then
	fail "the build made $(basename "$DEB")" "$(ls "$WORK")"
	finish
	exit 1
fi
echo "== $(basename "$DEB"): $(stat -c %s "$DEB") bytes ($(du -h "$DEB" | cut -f1))"
dpkg-deb -c "$DEB" | sed 's/^/    /'

# --------------------------------------------------------- the .deb's contents
check_field() { # FIELD EXPECTED
	local got
	got=$(dpkg-deb -f "$DEB" "$1")
	if [ "$got" = "$2" ]; then ok "control field $1: $2"; else fail "control field $1: $2" "got: $got"; fi
}
check_field Package "$PKG"
check_field Version "$VERSION"
check_field Source ptarget
deps=$(dpkg-deb -f "$DEB" Depends)
if [[ $deps =~ (^|, )postgresql-$PG_MAJOR( |,|$) ]]; then
	ok "depends on postgresql-$PG_MAJOR ($deps)"
else
	fail "depends on postgresql-$PG_MAJOR" "Depends: $deps"
fi
# ptarget-load links libpq and libcrypto: dpkg-shlibdeps adds their packages
if [[ $deps =~ (^|, )libpq5( |,|$) ]] && [[ $deps =~ (^|, )libssl3( |,|$) ]]; then
	ok "depends on libpq5 and libssl3 (ptarget-load)"
else
	fail "depends on libpq5 and libssl3 (ptarget-load)" "Depends: $deps"
fi

FILES=$(dpkg-deb --fsys-tarfile "$DEB" | tar -t | grep -v '/$' | sed 's|^\./|/|')
REQUIRED=("$LIB_DIR/ptarget.so" "$EXT_DIR/ptarget.control" "$EXT_DIR/ptarget--1.0.sql"
          "$EXT_DIR/ptarget--1.1.sql" "$EXT_DIR/ptarget--1.0--1.1.sql"
          # the loader, on the PATH through pg_wrapper, and its man page
          "$BIN_DIR/ptarget-load" /usr/bin/ptarget-load "$MAN_DIR/ptarget-load.1" /usr/share/man/man1/ptarget-load.1)
# the message catalogues of po/ and tools/ptarget-load/po/
for po in "$SRC"/po/*.po; do
	[ -e "$po" ] && REQUIRED+=("$LOCALE_DIR/$(basename "$po" .po)/LC_MESSAGES/ptarget-$PG_MAJOR.mo")
done
for po in "$SRC"/tools/ptarget-load/po/*.po; do
	[ -e "$po" ] && REQUIRED+=("$LOCALE_DIR/$(basename "$po" .po)/LC_MESSAGES/ptarget-load-$PG_MAJOR.mo")
done
for f in "${REQUIRED[@]}"; do
	if grep -qxF "$f" <<<"$FILES"; then ok "the .deb contains $f"; else fail "the .deb contains $f"; fi
done
# everything else must be JIT bitcode of ptarget's own sources or docs (the
# upstream changelog is CHANGELOG*, installed by dh_installchangelogs)
ALLOWED="^($LIB_DIR/ptarget\.so"
ALLOWED+="|$LIB_DIR/bitcode/ptarget\.index\.bc|$LIB_DIR/bitcode/ptarget/src/p[gt]_[a-z_]+\.bc"
ALLOWED+="|$EXT_DIR/ptarget(\.control|--[0-9.]+\.sql|--[0-9.]+--[0-9.]+\.sql)"
ALLOWED+="|$BIN_DIR/ptarget-load|/usr/bin/ptarget-load|$MAN_DIR/ptarget-load\.1|/usr/share/man/man1/ptarget-load\.1"
ALLOWED+="|$LOCALE_DIR/[A-Za-z_@]+/LC_MESSAGES/ptarget(-load)?-$PG_MAJOR\.mo"
ALLOWED+="|/usr/share/doc/$PKG/(copyright|changelog\.Debian\.gz|changelog\.gz|README\.md\.gz))$"
stray=$(grep -vE "$ALLOWED" <<<"$FILES" || true)
if [ -z "$stray" ]; then
	ok "no stray files in the .deb ($(wc -l <<<"$FILES") files: the .so, JIT bitcode, control, scripts, ptarget-load, catalogues, docs)"
else
	fail "no stray files in the .deb" "$stray"
fi

# the packaged scripts are the frozen 1.0 script and the ones the Makefile builds from sql/1.1/
UNPACKED=$WORK/unpacked
dpkg-deb -x "$DEB" "$UNPACKED"
check "packaged ptarget.control is the source's" cmp "$SRC/ptarget.control" "$UNPACKED$EXT_DIR/ptarget.control"
check "packaged ptarget--1.0.sql is the frozen sql/ptarget--1.0.sql" \
	cmp "$SRC/sql/ptarget--1.0.sql" "$UNPACKED$EXT_DIR/ptarget--1.0.sql"
mapfile -t upgrade_parts < <(cd "$SRC" && LC_ALL=C ls sql/1.1/*.sql)
check "packaged ptarget--1.1.sql is sql/ptarget--1.0.sql + sql/1.1/*.sql (${#upgrade_parts[@]} files)" \
	cmp <(cd "$SRC" && cat sql/ptarget--1.0.sql "${upgrade_parts[@]}") "$UNPACKED$EXT_DIR/ptarget--1.1.sql"
check "packaged ptarget--1.0--1.1.sql is the \\quit guard + sql/1.1/*.sql" \
	cmp <(cd "$SRC" && { printf '%s\n' '\echo Use "ALTER EXTENSION ptarget UPDATE" to load this file. \quit'; cat "${upgrade_parts[@]}"; }) \
	"$UNPACKED$EXT_DIR/ptarget--1.0--1.1.sql"
check "packaged ptarget.so exports the module magic block" \
	bash -c "nm -D --defined-only '$UNPACKED$LIB_DIR/ptarget.so' | grep -qw Pg_magic_func"

# ------------------------------------------------------------ installed
# From here to the reinstall this script owns the system's ptarget files:
# one test that installs ptarget's files at a time per machine (test/lib.sh's
# INSTALL_LOCK).  A `make install` by hand can still replace them; the dpkg
# --verify checks below notice that.
exec {lock_fd}>"$INSTALL_LOCK"
if ! flock -n "$lock_fd"; then
	echo "== waiting for another test that installs ptarget's files ($INSTALL_LOCK)"
	if ! flock -w 1800 "$lock_fd"; then
		fail "the lock $INSTALL_LOCK within 30 minutes"
		finish
		exit 1
	fi
fi
# a clean slate: the package replaces what `make install` put there, and
# files of a newer source build (sources not yet tracked) would outlive it
installed_files() {
	ls -d "$EXT_DIR"/ptarget[.-]* "$LIB_DIR"/ptarget.so "$LIB_DIR"/bitcode/ptarget "$LIB_DIR"/bitcode/ptarget.index.bc \
		"$BIN_DIR"/ptarget-load "$MAN_DIR"/ptarget-load.1 "$LOCALE_DIR"/*/LC_MESSAGES/ptarget-$PG_MAJOR.mo \
		"$LOCALE_DIR"/*/LC_MESSAGES/ptarget-load-$PG_MAJOR.mo 2>/dev/null || true
}
TOUCHED=1
if dpkg-query -W -f='${Status}' "$PKG" 2>/dev/null | grep -q 'ok installed'; then
	as_root dpkg -r "$PKG" >/dev/null 2>&1
fi
mapfile -t old < <(installed_files)
[ ${#old[@]} = 0 ] || as_root rm -rf "${old[@]}"
left=$(installed_files)
if [ -z "$left" ]; then ok "no ptarget files installed before dpkg -i (removed ${#old[@]} from make install)"; else fail "no ptarget files installed before dpkg -i" "$left"; fi

if out=$(as_root dpkg -i "$DEB" 2>&1); then ok "dpkg -i $(basename "$DEB")"; else fail "dpkg -i $(basename "$DEB")" "$out"; fi
st=$(dpkg-query -W -f='${Status} ${Version}' "$PKG" 2>&1 || true)
if [ "$st" = "install ok installed $VERSION" ]; then ok "$PKG $VERSION is installed"; else fail "$PKG $VERSION is installed" "$st"; fi
owner=$(dpkg -S "$LIB_DIR/ptarget.so" 2>&1 || true)
if [ "$owner" = "$PKG: $LIB_DIR/ptarget.so" ]; then ok "$LIB_DIR/ptarget.so belongs to $PKG"; else fail "$LIB_DIR/ptarget.so belongs to $PKG" "$owner"; fi
# the installed files must still be the package's when the server uses them:
# a concurrent `make install` (another test run) would replace them
check_verify() {
	local out
	out=$(dpkg --verify "$PKG" 2>&1)
	if [ -z "$out" ]; then ok "dpkg --verify $PKG: the installed files are the package's ($1)"
	else fail "dpkg --verify $PKG: the installed files are the package's ($1)" "$out"; fi
}
check_verify "before the queries"

start_cluster
trap cleanup EXIT   # start_cluster set its own EXIT trap; cleanup calls it

psql -X -q -v ON_ERROR_STOP=1 -d postgres -c 'CREATE DATABASE pkg_new' -c "CREATE DATABASE pkg_update" -c "CREATE DATABASE pkg_restored"
check_sql "CREATE EXTENSION ptarget installs the default version 1.1" pkg_new \
	"CREATE EXTENSION ptarget; SELECT extversion FROM pg_extension WHERE extname = 'ptarget'" "1.1"
check_sql "queries: '≥95%' @> '≥98%', '≤0.55万元' = '≤5500元', '≥95%' @> '≥95元', canonical '>=95%'" pkg_new \
	"SELECT '≥95%'::ptarget @> '≥98%', '≤0.55万元'::ptarget = '≤5500元', '≥95%'::ptarget @> '≥95元', '>=95%'::ptarget::text" \
	"t|t|f|≥95%"
check_sql "accessors: ptarget_unit, ptarget_base_unit, ptarget_upper of '≤50万元'" pkg_new \
	"SELECT ptarget_unit(t), ptarget_base_unit(t), ptarget_upper(t) FROM (SELECT '≤50万元'::ptarget AS t) s" \
	"万元|元|500000"
# a GiST index: the same answer through the index as by a sequential scan
sql() { psql -X -q -At -v ON_ERROR_STOP=1 -d pkg_new -c "$1" 2>&1 || true; }
sql "CREATE TABLE t (x ptarget); INSERT INTO t VALUES ('≥95%'), ('≥98%'), ('≥80%'), ('≤50万元');
     CREATE INDEX t_gist ON t USING gist (x)" >/dev/null
q="SELECT count(*) FROM t WHERE x <@ '≥90%'"
by_index=$(sql "SET enable_seqscan = off; SET enable_bitmapscan = off; $q")
plan=$(sql "SET enable_seqscan = off; SET enable_bitmapscan = off; EXPLAIN (COSTS OFF) $q")
by_scan=$(sql "SET enable_indexscan = off; SET enable_indexonlyscan = off; SET enable_bitmapscan = off; $q")
if [ "$by_index" = 2 ] && [ "$by_scan" = 2 ] && grep -q 'Index.* Scan using t_gist' <<<"$plan"; then
	ok "a GiST index: x <@ '≥90%' finds 2 of 4 targets through the index, as a sequential scan does"
else
	fail "a GiST index: x <@ '≥90%' finds 2 of 4 targets through the index, as a sequential scan does" \
		"through the index: $by_index; by a scan: $by_scan; plan:"$'\n'"$plan"
fi
# the packaged loader, on the PATH, with the packaged extension
check "ptarget-load on the PATH (/usr/bin/ptarget-load -> pg_wrapper -> $BIN_DIR) prints its version" \
	bash -c "[ \"\$(/usr/bin/ptarget-load --version)\" = 'ptarget-load (ptarget) $default_version' ]"
if out=$(/usr/bin/ptarget-load -d pkg_new -q "$SRC/test/data/seeds" 2>&1); then
	ok "ptarget-load imports the seed documents with the packaged extension"
else
	fail "ptarget-load imports the seed documents with the packaged extension" "$out"
fi
check_sql "the loader's import: 2 documents, 37 projects, 354 indicators" pkg_new \
	"SELECT count(*), sum(projects), sum(indicators) FROM ptarget_document" "2|37|354"
check_sql "CREATE EXTENSION ptarget VERSION '1.0'" pkg_update \
	"CREATE EXTENSION ptarget VERSION '1.0'; SELECT extversion FROM pg_extension WHERE extname = 'ptarget'" "1.0"
check_sql "ALTER EXTENSION ptarget UPDATE: 1.0 -> 1.1, and it still answers" pkg_update \
	"ALTER EXTENSION ptarget UPDATE; SELECT extversion, '≥95%'::ptarget @> '≥98%' FROM pg_extension WHERE extname = 'ptarget'" \
	"1.1|t"
# what autopkgtest runs: the regression suites against the installed package
if out=$(cd "$SRC" && env -u PGHOST -u PGPORT -u PGUSER -u PGDATABASE debian/tests/installcheck 2>&1); then
	n=$(grep -cE '^(test| ) [a-z_0-9]+ +\.\.\. ok' <<<"$out" || true)
	ok "debian/tests/installcheck: the regression suites pass against the installed package ($n suites)"
else
	fail "debian/tests/installcheck: the regression suites pass against the installed package" "$(tail -40 <<<"$out")"
fi

check_verify "after the regression suites"

# ---------------------------------------------------------------- removed
if out=$(as_root dpkg -r "$PKG" 2>&1); then ok "dpkg -r $PKG"; else fail "dpkg -r $PKG" "$out"; fi
st=$(dpkg-query -W -f='${Status}' "$PKG" 2>/dev/null || true)
if [ "$st" != "install ok installed" ]; then ok "$PKG is no longer installed"; else fail "$PKG is no longer installed" "$st"; fi
still=$(while read -r f; do [ ! -e "$f" ] || echo "$f"; done <<<"$FILES")
if [ -z "$still" ]; then ok "all $(wc -l <<<"$FILES") packaged files are gone"; else fail "all packaged files are gone" "$still"; fi
left=$(installed_files)
if [ -z "$left" ]; then ok "no ptarget file or directory is left in $EXT_DIR or $LIB_DIR"; else fail "no ptarget file or directory is left in $EXT_DIR or $LIB_DIR" "$left"; fi
check_sql "the server no longer offers ptarget" postgres \
	"SELECT count(*) FROM pg_available_extensions WHERE name = 'ptarget'" "0"

# ------------------------------------------------ the source build, again
echo "== make install from $ROOT (log: restore.log)"
if reinstall_source >"$WORK/restore.log" 2>&1; then RESTORED=1; fi
flock -u "$lock_fd"
if [ "$RESTORED" = 1 ] && [ -f "$LIB_DIR/ptarget.so" ] && [ -f "$EXT_DIR/ptarget.control" ] &&
   ! dpkg -S "$LIB_DIR/ptarget.so" >/dev/null 2>&1; then
	ok "make install from $ROOT put the extension back"
else
	fail "make install from $ROOT put the extension back" "$(tail -30 "$WORK/restore.log")"
fi
check_sql "CREATE EXTENSION ptarget works again (source build)" pkg_restored \
	"CREATE EXTENSION ptarget; SELECT extversion, '≥95%'::ptarget @> '≥98%' FROM pg_extension WHERE extname = 'ptarget'" "1.1|t"

finish
