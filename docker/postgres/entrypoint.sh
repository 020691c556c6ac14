#!/bin/bash
# Creates the cluster on the first start (as the official image does, from the same variables),
# then runs the server as the postgres user, as PID 1, so docker stop reaches it directly.
set -euo pipefail

: "${POSTGRES_USER:=postgres}"
: "${POSTGRES_DB:=$POSTGRES_USER}"
# Host networking: the server listens on loopback only unless told otherwise.
: "${PG_LISTEN_ADDRESSES:=127.0.0.1}"
as_postgres() { setpriv --reuid=postgres --regid=postgres --init-groups "$@"; }

# The official image's command is "postgres -c …"; accept that form as well as bare "-c …".
if [ "${1:-}" = postgres ]; then shift; fi

mkdir -p "$PGDATA" /var/run/postgresql
chown postgres:postgres "$PGDATA" /var/run/postgresql
chmod 700 "$PGDATA"

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  if [ -n "${POSTGRES_PASSWORD:-}" ]; then
    pwfile=$(mktemp); printf '%s' "$POSTGRES_PASSWORD" > "$pwfile"; chown postgres "$pwfile"
    as_postgres initdb -D "$PGDATA" -U "$POSTGRES_USER" -A scram-sha-256 --pwfile="$pwfile" \
      -E UTF8 --locale=C.UTF-8 --no-instructions >/dev/null
    rm -f "$pwfile"
  elif [ "${POSTGRES_HOST_AUTH_METHOD:-}" = trust ]; then
    as_postgres initdb -D "$PGDATA" -U "$POSTGRES_USER" -A trust \
      -E UTF8 --locale=C.UTF-8 --no-sync --no-instructions >/dev/null
  else
    echo "postgres: set POSTGRES_PASSWORD (or POSTGRES_HOST_AUTH_METHOD=trust for a throwaway server)" >&2
    exit 1
  fi
  if [ "$POSTGRES_DB" != postgres ]; then
    # Single-user mode: no server to start and stop just to create one database.
    echo "CREATE DATABASE \"$POSTGRES_DB\"" | as_postgres postgres --single -D "$PGDATA" postgres >/dev/null
  fi
fi

exec setpriv --reuid=postgres --regid=postgres --init-groups \
  postgres -D "$PGDATA" -p "$PGPORT" -c listen_addresses="$PG_LISTEN_ADDRESSES" -k /var/run/postgresql "$@"
