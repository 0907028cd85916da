# test/lib.sh — shared by test/demo.sh and test/run_tests.sh (source it).
# Installs what the project needs, builds and installs the extension, and
# runs a private throwaway PostgreSQL 15 cluster as the unprivileged user
# "postgres" (initdb and postgres refuse to run as root).

set -euo pipefail

PG_MAJOR=15
PG_BIN=/usr/lib/postgresql/$PG_MAJOR/bin
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
          python3-psycopg libpostgresql-jdbc-java openjdk-17-jdk-headless)

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

build_and_install() {
	echo "== building and installing ptarget"
	make -C "$ROOT" -s >/dev/null
	as_root make -C "$ROOT" -s install >/dev/null
}

# start_cluster: initdb + start on a free port, sockets in a private dir.
# Exports PGHOST, PGPORT, PGUSER; the cluster is removed when the script exits.
start_cluster() {
	CLUSTER_DIR=$(mktemp -d /tmp/ptarget-cluster.XXXXXX)
	chmod 755 "$CLUSTER_DIR"
	as_root chown postgres: "$CLUSTER_DIR"
	PGPORT=${PTARGET_PORT:-$(( 20000 + RANDOM % 20000 ))}
	as_postgres "$PG_BIN/initdb" -D "$CLUSTER_DIR/data" -U postgres -E UTF8 --no-locale \
		-A trust >/dev/null
	as_postgres "$PG_BIN/pg_ctl" -D "$CLUSTER_DIR/data" -l "$CLUSTER_DIR/server.log" -w \
		-o "-p $PGPORT -k $CLUSTER_DIR -c listen_addresses='' -c fsync=off" start >/dev/null
	export PGHOST=$CLUSTER_DIR PGPORT PGUSER=postgres PGDATABASE=postgres
	trap stop_cluster EXIT
	echo "== private cluster running (socket $PGHOST, port $PGPORT)"
}

stop_cluster() {
	if [ -n "${CLUSTER_DIR:-}" ] && [ -d "$CLUSTER_DIR/data" ]; then
		as_postgres "$PG_BIN/pg_ctl" -D "$CLUSTER_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
		as_root rm -rf "$CLUSTER_DIR"
	fi
}
