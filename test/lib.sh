# test/lib.sh — shared by test/demo.sh and test/run_tests.sh (source it).
# Installs what the project needs, builds and installs the extension, and
# runs a private throwaway PostgreSQL 15 cluster as the unprivileged user
# "postgres" (initdb and postgres refuse to run as root).
# Temporary files go to per-run directories under ${TMPDIR:-/tmp}
# (make_tempdir, start_cluster), removed when the script exits unless
# PTARGET_KEEP_TMP=1.  PTARGET_PORT fixes the cluster's port (default random).

set -euo pipefail

PG_MAJOR=15
# PTARGET_PG_BIN=<dir of a private copy of the server's bin/> builds, installs
# and runs against that copy (its pg_config) instead of the system server.
PG_BIN=${PTARGET_PG_BIN:-/usr/lib/postgresql/$PG_MAJOR/bin}
MAKE_PG=(${PTARGET_PG_BIN:+PG_CONFIG=$PTARGET_PG_BIN/pg_config})
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

as_root() {
	if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# as_postgres CMD...: run a command as the unprivileged server user
as_postgres() {
	if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi
}

# Debian packages every script here needs; installs only what is missing.
PACKAGES=(build-essential postgresql-$PG_MAJOR postgresql-server-dev-$PG_MAJOR
          postgresql-contrib clang llvm libclang-rt-14-dev
          # the Debian package build (test/package.sh)
          debhelper postgresql-server-dev-all dpkg-dev fakeroot
          # client tests (test/clients.sh): psycopg 3 and the JDBC driver
          python3-psycopg libpostgresql-jdbc-java openjdk-17-jdk-headless
          # ptarget-load (libpq, libcrypto) and the message catalogues; the
          # zh_CN.UTF-8 locale (test/nls.sh); the report in a browser with
          # Chinese fonts (test/report.sh)
          libpq-dev libssl-dev gettext locales chromium fonts-noto-cjk
          # .docx and .xlsx: zip and XML (src/pt_ooxml.h); zlib for the tests' zips
          libzip-dev libexpat1-dev zlib1g-dev)

install_packages() {
	local missing=()
	for p in "${PACKAGES[@]}"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
	done
	if [ ${#missing[@]} -gt 0 ]; then
		echo "== installing: ${missing[*]}"
		as_root apt-get update -qq
		as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
	fi
}

# make_tempdir VAR NAME [postgres]: create ${TMPDIR:-/tmp}/ptarget-NAME.XXXXXX,
# store its path in VAR, and remove it when the script exits (lib_cleanup).
# With "postgres" the directory belongs to the server user (mode 755), for
# files the server itself reads or writes (COPY TO/FROM a server path, initdb).
# The EXIT trap is set to lib_cleanup only when the script has none yet: a
# script with its own EXIT trap calls lib_cleanup from it.
TEMP_DIRS=()
make_tempdir() {
	local var=$1 name=$2 owner=${3:-} dir
	dir=$(mktemp -d "${TMPDIR:-/tmp}/ptarget-$name.XXXXXX")
	TEMP_DIRS+=("$dir")
	[ -n "$(trap -p EXIT)" ] || trap lib_cleanup EXIT
	if [ "$owner" = postgres ]; then
		chmod 755 "$dir"
		as_root chown postgres: "$dir"
		if ! as_postgres test -w "$dir"; then
			echo "error: the postgres user cannot reach $dir; set TMPDIR to a directory" \
				"it can traverse (e.g. TMPDIR=/tmp)" >&2
			exit 2
		fi
	fi
	printf -v "$var" '%s' "$dir"
}

# lib_cleanup: the EXIT trap of make_tempdir and start_cluster — stops the
# cluster and removes every temporary directory (kept with PTARGET_KEEP_TMP=1).
lib_cleanup() {
	local rc=$? d
	stop_cluster
	for d in "${TEMP_DIRS[@]}"; do
		[ -d "$d" ] || continue
		if [ "${PTARGET_KEEP_TMP:-0}" = 1 ]; then
			echo "== kept $d (PTARGET_KEEP_TMP=1)" >&2
		else
			as_root rm -rf "$d"
		fi
	done
	return $rc
}

# Scripts that install ptarget's files (this one, test/upgrade.sh installing
# 1.0, test/package.sh installing the .deb) take this lock, so that two test
# runs side by side never mix one's files with the other's.  A script that
# holds it for longer sets PTARGET_INSTALL_LOCKED=1.
INSTALL_LOCK=/run/lock/ptarget-extension-files.lock

# install_tree DIR: make install from a source tree, under the lock
install_tree() {
	if [ "${PTARGET_INSTALL_LOCKED:-0}" = 1 ]; then
		as_root make -C "$1" -s "${MAKE_PG[@]}" install >/dev/null
	else
		as_root flock -w 1800 "$INSTALL_LOCK" make -C "$1" -s "${MAKE_PG[@]}" install >/dev/null
	fi
}

build_and_install() {
	echo "== building and installing ptarget"
	make -C "$ROOT" -s "${MAKE_PG[@]}" >/dev/null
	install_tree "$ROOT"
}

# start_cluster: initdb + start on a free port, sockets in a private dir.
# Exports PGHOST, PGPORT, PGUSER; the cluster is removed when the script exits
# (lib_cleanup, see make_tempdir).
start_cluster() {
	make_tempdir CLUSTER_DIR cluster postgres
	if [ ${#CLUSTER_DIR} -gt 80 ]; then	# the socket path must fit in 107 bytes
		echo "error: $CLUSTER_DIR is too long for a socket path; set a shorter TMPDIR" >&2
		exit 2
	fi
	PGPORT=${PTARGET_PORT:-$(( 20000 + RANDOM % 20000 ))}
	as_postgres "$PG_BIN/initdb" -D "$CLUSTER_DIR/data" -U postgres -E UTF8 --no-locale \
		-A trust >/dev/null
	as_postgres "$PG_BIN/pg_ctl" -D "$CLUSTER_DIR/data" -l "$CLUSTER_DIR/server.log" -w \
		-o "-p $PGPORT -k $CLUSTER_DIR -c listen_addresses='' -c fsync=off" start >/dev/null
	export PGHOST=$CLUSTER_DIR PGPORT PGUSER=postgres PGDATABASE=postgres
	echo "== private cluster running (socket $PGHOST, port $PGPORT)"
}

# stop_cluster: stop the private cluster (its directory goes with lib_cleanup,
# or now when the caller has its own EXIT trap)
stop_cluster() {
	if [ -n "${CLUSTER_DIR:-}" ] && [ -d "$CLUSTER_DIR/data" ]; then
		as_postgres "$PG_BIN/pg_ctl" -D "$CLUSTER_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
		[ "${PTARGET_KEEP_TMP:-0}" = 1 ] || as_root rm -rf "$CLUSTER_DIR"
	fi
}

# Counted checks of the scripts that report "N passed, M failed" of their own
# (loader.sh, report.sh, nls.sh): ok NAME, fail NAME [DETAIL], check NAME
# EXPECTED GOT; the totals are in passed and failed.
passed=0
failed=0
ok()   { passed=$((passed + 1)); echo "ok   $1"; }
fail() { failed=$((failed + 1)); echo "FAIL $1"; [ -z "${2:-}" ] || printf '%s\n' "$2" | sed 's/^/     /'; }
check() { # DESCRIPTION EXPECTED GOT
	if [ "$2" = "$3" ]; then ok "$1"; else fail "$1" "expected: $2"$'\n'"got:      $3"; fi
}
