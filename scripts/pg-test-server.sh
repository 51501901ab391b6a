#!/usr/bin/env bash
# Starts a throw-away PostgreSQL 15 on 127.0.0.1:${PGPORT:-54329} for the test suite and prints
# its URL. Runs as the 'postgres' OS user because the server refuses to run as root.
set -euo pipefail
PGPORT=${PGPORT:-54329}
PGDATA=${PGDATA_DIR:-/tmp/hutong-pg-test}
BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
if [ "$(id -u)" = 0 ]; then AS="runuser -u postgres --"; else AS=""; fi
if ! $AS "$BIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; then
  rm -rf "$PGDATA"; mkdir -p "$PGDATA"; [ -n "$AS" ] && chown postgres "$PGDATA"
  $AS "$BIN/initdb" -D "$PGDATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  $AS "$BIN/pg_ctl" -D "$PGDATA" -o "-p $PGPORT -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off" -l "$PGDATA/server.log" -w start >/dev/null
fi
echo "postgres://postgres@127.0.0.1:$PGPORT/postgres"
