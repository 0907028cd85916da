#!/usr/bin/env bash
# test/upgrade.sh — upgrading in place from 1.0 (issue 9), as a user would:
#   1. build and install the released 1.0 from the project's history (commit
#      RELEASE_1_0), create a database with it: tables, btree / hash / GiST
#      indexes, a CHECK constraint, hash partitions, imported documents;
#   2. install the current build: the 1.0 database keeps working on the new
#      library (same answers, amcheck clean on the btree);
#   3. ALTER EXTENSION ptarget UPDATE: same answers; the extension's objects
#      and their definitions equal a fresh install; 1.0's import tables take
#      new imports; pg_dump of it restores into a fresh database;
#   4. the committed fixture written by 1.0 (test/data/1.0/) reads back.
# The current build is installed again when the script ends, whatever happens.
# PTARGET_WRITE_FIXTURE=1 rewrites test/data/1.0/ from the 1.0 build (only
# ever needed if the fixture is lost: it is data 1.0 wrote).
# Prints "ok - …" / "FAIL - …" per check and "N passed, M failed".
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

RELEASE_1_0=f989dc1847502cf50b7df4047f20f716d5ff9d6a
FIXTURE=$ROOT/test/data/1.0

install_packages
make_tempdir WORK upgrade postgres
passed=0
failed=0
check() { # name command...
	local name=$1
	shift
	if "$@" >"$WORK/check.log" 2>&1; then
		echo "ok - $name"; passed=$((passed + 1))
	else
		echo "FAIL - $name"; sed 's/^/    /' "$WORK/check.log" | head -40; failed=$((failed + 1))
	fi
}
same() { # expected actual: the files are equal
	diff -u "$1" "$2" | head -40
	cmp -s "$1" "$2"
}
sql() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }
sqlv() { # database file: run a file with the seed documents in variables
	sql -At -d "$1" -v doc000="$(cat "$ROOT/test/data/seeds/000_e3b62ee139f4edb8.txt")" \
		-v doc001="$(cat "$ROOT/test/data/seeds/001_3f8b325168c357be.txt")" -f "$2"
}

# whatever happens, leave the current build installed for the tests after us
restore_current() {
	local rc=$?
	build_and_install >/dev/null 2>&1 || echo "!! could not reinstall the current build" >&2
	lib_cleanup
	exit $rc
}
trap restore_current EXIT

echo "== building ptarget 1.0 (commit $RELEASE_1_0)"
if ! git -C "$ROOT" cat-file -e "$RELEASE_1_0^{commit}" 2>/dev/null; then
	echo "!! the 1.0 release commit is not in this clone's history (a shallow clone?)"
	echo "0 passed, 1 failed"; exit 1
fi
mkdir "$WORK/src-1.0"
git -C "$ROOT" archive "$RELEASE_1_0" | tar -x -C "$WORK/src-1.0"
make -C "$WORK/src-1.0" -s >/dev/null 2>&1
# hold the install lock while 1.0 is installed: no other test sees 1.0's files
exec {install_lock_fd}>"$INSTALL_LOCK"
flock -w 1800 "$install_lock_fd"
export PTARGET_INSTALL_LOCKED=1
install_tree "$WORK/src-1.0"
start_cluster
cp "$ROOT/test/data/seeds/001_3f8b325168c357be.txt" "$WORK/001.txt"
chmod 644 "$WORK/001.txt"

# ---------------------------------------------------------------- 1.0
createdb v1
sqlv v1 "$ROOT/test/upgrade/setup_1.0.sql" >"$WORK/setup.out"
check "a database made with 1.0 is at 1.0" grep -qx '1.0' "$WORK/setup.out"
sqlv v1 "$ROOT/test/upgrade/queries.sql" >"$WORK/answers-1.0"
sql -d v1 -c "COPY (SELECT id, t, ptarget_hash_extended(t, 0) FROM targets ORDER BY id)
              TO '$WORK/targets.pgcopy' (FORMAT binary)"
sql -At -d v1 -c "SELECT id, t, ptarget_hash_extended(t, 0) FROM targets ORDER BY id" >"$WORK/targets.txt"
if [ "${PTARGET_WRITE_FIXTURE:-0}" = 1 ]; then
	mkdir -p "$FIXTURE"
	cp "$WORK/targets.pgcopy" "$WORK/targets.txt" "$FIXTURE/"
	echo "== wrote $FIXTURE"
fi
check "1.0 writes the committed fixture byte for byte" same "$FIXTURE/targets.pgcopy" "$WORK/targets.pgcopy"

# ---------------------------------------------------------------- new library, 1.0 database
echo "== installing the current build"
build_and_install
missing_symbols() { # every C function the 1.0 script names is in the new library
	local sym missing=0
	nm -D --defined-only "$(pg_config --pkglibdir)/ptarget.so" | awk '{print $3}' >"$WORK/symbols"
	for sym in $(grep -o "'MODULE_PATHNAME', '[a-z_0-9]*'" "$ROOT/sql/ptarget--1.0.sql" | cut -d"'" -f4 | sort -u); do
		grep -qx "$sym" "$WORK/symbols" || { echo "missing: $sym"; missing=1; }
	done
	return $missing
}
check "every C function the 1.0 script references exists in the new library" missing_symbols
sqlv v1 "$ROOT/test/upgrade/queries.sql" >"$WORK/answers-1.0-new-library"
flock -u "$install_lock_fd"
export PTARGET_INSTALL_LOCKED=0
check "a 1.0 database on the new library gives the same answers" \
	same "$WORK/answers-1.0" "$WORK/answers-1.0-new-library"
sql -d v1 -c "CREATE EXTENSION amcheck"
check "amcheck: 1.0's btree index is valid under the new library" \
	sql -d v1 -c "SELECT bt_index_parent_check('targets_btree', true, true)"
check "the 1.0 database still imports on the new library" \
	sql -d v1 -c "CREATE SCHEMA later" \
	-c "SELECT count(*) FROM ptarget_import(pg_read_file('$WORK/001.txt'), '001 on the new library', 'later')"

# ---------------------------------------------------------------- ALTER EXTENSION UPDATE
sql -d v1 -c "ALTER EXTENSION ptarget UPDATE"
check "ALTER EXTENSION ptarget UPDATE brings it to 1.1" \
	test "$(sql -At -d v1 -c "SELECT extversion FROM pg_extension WHERE extname = 'ptarget'")" = 1.1
sqlv v1 "$ROOT/test/upgrade/queries.sql" >"$WORK/answers-1.1"
check "after the update every query gives the same rows, indexed and unindexed" \
	same "$WORK/answers-1.0" "$WORK/answers-1.1"
check "amcheck: the btree is still valid after the update" \
	sql -d v1 -c "SELECT bt_index_parent_check('targets_btree', true, true)"
createdb fresh
sql -d fresh -c "CREATE EXTENSION ptarget"
sql -At -d v1 -f "$ROOT/test/upgrade/members.sql" >"$WORK/members-updated"
sql -At -d fresh -f "$ROOT/test/upgrade/members.sql" >"$WORK/members-fresh"
check "the updated extension's objects and definitions equal a fresh 1.1 install" \
	same "$WORK/members-fresh" "$WORK/members-updated"
# 1.0's import tables take 1.1 imports: a changed value replaces its row
sed 's/≥6个/≥8个/' "$WORK/001.txt" >"$WORK/001-changed.txt"
chmod 644 "$WORK/001-changed.txt"
imported_changed() {
	local got
	got=$(sql -At -d v1 -c "SELECT count(*) FROM ptarget_import(pg_read_file('$WORK/001-changed.txt'), '001 changed')" \
		-c "SELECT string_agg(i.target::text, ',') FROM ptarget_indicator i JOIN ptarget_project p ON p.id = i.project_id
		    WHERE p.name = '车管所计算机软硬件系统运行维护项目2025' AND i.position = 1" \
		-c "SELECT count(*) FROM ptarget_document")
	echo "$got"
	[ "$got" = "$(printf '70\n≥8个\n3')" ]
}
check "1.0's import tables take a 1.1 import (a changed value replaces the old one)" imported_changed
# a GiST index built by 1.0 keeps answering after the update (inserts too)
check "1.0's GiST index takes a label longer than a page after the update, and finds it" \
	test "$(sql -At -d v1 -c "INSERT INTO gist_only SELECT 100000, (SELECT string_agg(chr(19968 + (j * 104729) % 20902), '')
	              FROM generate_series(1, 4000) j)::ptarget" -c "SET enable_seqscan = off" \
	              -c "SELECT id FROM gist_only WHERE t = (SELECT t FROM gist_only WHERE id = 100000)")" = 100000

# ---------------------------------------------------------------- dump and restore
pg_dump -Fc -d v1 -f "$WORK/v1.dump"
createdb restored
pg_restore -d restored --exit-on-error "$WORK/v1.dump"
sqlv v1 "$ROOT/test/upgrade/queries.sql" >"$WORK/answers-updated"
sqlv restored "$ROOT/test/upgrade/queries.sql" >"$WORK/answers-restored"
check "pg_dump of the updated database restores into a fresh one with the same answers" \
	same "$WORK/answers-updated" "$WORK/answers-restored"
sql -At -d restored -f "$ROOT/test/upgrade/members.sql" >"$WORK/members-restored"
check "the restored database has the objects of a fresh 1.1 install" \
	same "$WORK/members-fresh" "$WORK/members-restored"

# ---------------------------------------------------------------- the committed 1.0 fixture
cp "$FIXTURE/targets.pgcopy" "$WORK/fixture.pgcopy"
chmod 644 "$WORK/fixture.pgcopy"
sql -d fresh -c "CREATE TABLE fixture(id int, t ptarget, hash_1_0 bigint)" \
	-c "COPY fixture FROM '$WORK/fixture.pgcopy' (FORMAT binary)"
sql -At -d fresh -c "SELECT id, t, hash_1_0 FROM fixture ORDER BY id" >"$WORK/fixture.txt"
check "1.1 reads 1.0's binary COPY: every value and its text" same "$FIXTURE/targets.txt" "$WORK/fixture.txt"
check "1.1 hashes every 1.0 value as 1.0 did" \
	test "$(sql -At -d fresh -c "SELECT count(*) FROM fixture WHERE ptarget_hash_extended(t, 0) <> hash_1_0")" = 0
check "1.1 writes 1.0's binary COPY form byte for byte" \
	sql -d fresh -c "COPY (SELECT id, t, hash_1_0 FROM fixture ORDER BY id) TO '$WORK/fixture-again.pgcopy' (FORMAT binary)"
check "… and the bytes are the same" same "$WORK/fixture.pgcopy" "$WORK/fixture-again.pgcopy"

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
