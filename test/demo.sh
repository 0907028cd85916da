#!/usr/bin/env bash
# test/demo.sh — the main job: set up, build, install, start a private
# throwaway cluster, load the sample documents, run example queries.
# Prints the queries (as written: the documents stay in psql variables) and
# their answers, about 110 lines; exits non-zero on any SQL error.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

install_packages
build_and_install
start_cluster

cd "$ROOT"
psql -X -q -v ON_ERROR_STOP=1 -f test/demo.sql
