#!/usr/bin/env bash
# PostgreSQL helpers shared by run.sh and test.sh. Source it, then:
#   pg_ensure_installed          installs PostgreSQL from Debian's packages when no server is found
#   pg_bin                       prints the newest server bin directory (or $PG_BIN)
#   pg_start_cluster DIR PORT    creates (once) and starts a cluster under DIR on 127.0.0.1:PORT;
#                                its superuser password is in DIR/password (readable by you only)
#   pg_stop_cluster DIR          stops it
# The server refuses to run as root, so as root every server command runs as the postgres user.

pg_bin() {
  if [ -n "${PG_BIN:-}" ]; then echo "$PG_BIN"; return; fi
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1
}

pg_ensure_installed() {
  if [ -n "$(pg_bin)" ] && [ -x "$(pg_bin)/initdb" ]; then return; fi
  echo "PostgreSQL is missing: installing it from Debian's packages…" >&2
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get -o DPkg::Lock::Timeout=600 update -qq >&2
  $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends postgresql >&2
}

pg_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u postgres -- "$@"); else (cd / && "$@"); fi
}

pg_start_cluster() {
  local dir=$1 port=$2 bin; bin=$(pg_bin)
  mkdir -p "$dir/data"
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$dir/data"
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    # Password authentication, also on loopback: other local users cannot walk in as superuser.
    (umask 077; head -c 24 /dev/urandom | base64 | tr -d '/+=' > "$dir/password")
    local pwfile; pwfile=$(mktemp)
    cp "$dir/password" "$pwfile"
    [ "$(id -u)" -eq 0 ] && chown postgres "$pwfile"
    pg_as_owner "$bin/initdb" -D "$dir/data" -U postgres -A scram-sha-256 --pwfile="$pwfile" \
      -E UTF8 --locale=C.UTF-8 --no-instructions >/dev/null
    rm -f "$pwfile"
  fi
  if ! pg_as_owner "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
    if ! pg_as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/data/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir/data" start >/dev/null 2>&1; then
      echo "PostgreSQL did not start on port $port (is the port taken? RC_PG_PORT picks another). The end of $dir/data/server.log:" >&2
      tail -n 3 "$dir/data/server.log" >&2
      return 1
    fi
  fi
}

pg_password() { cat "$1/password" 2>/dev/null || true; }

pg_stop_cluster() {
  local dir=$1
  pg_as_owner "$(pg_bin)/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
}
