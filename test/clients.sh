#!/usr/bin/env bash
# test/clients.sh — reading and writing ptarget from client libraries:
#   Python, psycopg 3 (test/clients/test_psycopg.py): text and binary format,
#     a Loader/Dumper for the binary form, jsonb as exact Decimal, errors;
#   Java, JDBC (test/clients/ClientTest.java, single-file source launch):
#     getString/getObject (PGobject), writes, what binary transfer does,
#     importing a seed document and reading the flat view's plain columns.
# Installs what is missing, starts a private throwaway cluster (TCP on
# 127.0.0.1 for JDBC, which has no Unix-socket support), runs both programs
# and prints one line per check, then exactly "N passed, M failed".
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

start_time=$(date +%s)
install_packages
# the extension is normally built and installed already; build it only if not
[ -f "$("$PG_BIN/pg_config" --sharedir)/extension/ptarget.control" ] || build_and_install

# a TCP port that is free now (the cluster's Unix socket uses the same number)
if [ -z "${PTARGET_PORT:-}" ]; then
	PTARGET_PORT=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
fi
export PTARGET_PORT
start_cluster
if declare -F make_tempdir >/dev/null; then     # lib.sh's per-run directory, removed on exit
	make_tempdir WORK clients
else
	WORK=$(mktemp -d "${TMPDIR:-/tmp}/ptarget-clients.XXXXXX")
	trap 'rm -rf "$WORK"; stop_cluster' EXIT
fi
# lib.sh starts the server on a Unix socket only; JDBC needs TCP
as_postgres "$PG_BIN/pg_ctl" -D "$CLUSTER_DIR/data" -l "$CLUSTER_DIR/server.log" -w -m fast \
	-o "-p $PGPORT -k $CLUSTER_DIR -c listen_addresses=127.0.0.1 -c fsync=off" restart >/dev/null

q() { psql -X -q -v ON_ERROR_STOP=1 -At "$@"; }
for db in pt_clients_py pt_clients_jdbc; do
	if ! { q -d postgres -c "CREATE DATABASE $db" && q -d "$db" -c "CREATE EXTENSION ptarget"; } \
		>"$WORK/setup.log" 2>&1; then
		cat "$WORK/setup.log"
		echo "FAIL - setup: CREATE DATABASE $db; CREATE EXTENSION ptarget"
		echo "0 passed, 1 failed"
		exit 1
	fi
done

passed=0
failed=0
# run_client NAME COMMAND...: show its check lines, add its "N passed, M failed"
run_client() {
	local name=$1 log="$WORK/$1.log" rc=0 line
	shift
	echo "== $name"
	"$@" >"$log" 2>&1 || rc=$?
	grep -vE '^[0-9]+ passed, [0-9]+ failed$' "$log" || true
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log" | tail -1 || true)
	if [ -z "$line" ]; then
		echo "FAIL - $name printed no result line (exit status $rc)"
		failed=$((failed + 1))
		return
	fi
	passed=$((passed + $(echo "$line" | awk '{print $1}')))
	failed=$((failed + $(echo "$line" | awk '{print $3}')))
	if [ "$rc" != 0 ] && [ "$(echo "$line" | awk '{print $3}')" = 0 ]; then
		echo "FAIL - $name exited with status $rc"
		failed=$((failed + 1))
	fi
}

run_client "Python, psycopg $(/usr/bin/python3 -c 'import psycopg; print(psycopg.__version__)')" \
	env PYTHONIOENCODING=utf-8 PYTHONDONTWRITEBYTECODE=1 \
	/usr/bin/python3 "$ROOT/test/clients/test_psycopg.py" pt_clients_py
# file.encoding: Java 17 reads the source and writes stdout in the locale's charset
run_client "Java $(java -XX:-UsePerfData -version 2>&1 | sed -n "1s/.*version \"\([^\"]*\)\".*/\1/p"), JDBC $(dpkg-query -W -f="\${Version}" libpostgresql-jdbc-java)" \
	java -XX:-UsePerfData -Dfile.encoding=UTF-8 -cp /usr/share/java/postgresql.jar \
	"$ROOT/test/clients/ClientTest.java" 127.0.0.1 "$PGPORT" pt_clients_jdbc \
	"$ROOT/test/data/seeds/001_3f8b325168c357be.txt"

echo "== took $(( $(date +%s) - start_time )) s"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
