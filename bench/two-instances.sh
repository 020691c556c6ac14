#!/usr/bin/env bash
# Two app instances behind one load balancer share sign-in cookies and drafts (docs/operations.md,
# "Several app instances behind a load balancer"): a reproducible run on this machine.
#
# Sets up what is missing (PostgreSQL, nginx-light), publishes the app in Release into
# bench-data/two-instances/app, and starts:
#   - a PostgreSQL cluster of its own (bench-data/postgres-two, 127.0.0.1:55498), a new empty database;
#   - two instances of the app (127.0.0.1:5101 and :5102) with the same connection string, started
#     at the same moment, with a bootstrap owner, organisation and API token and high rate limits;
#   - nginx on 127.0.0.1:8098 with its own config, log, pid and temp dirs (bench-data/nginx-two):
#     plain round-robin over both instances (no sticky sessions, no retry on the other instance),
#     X-Forwarded-For and X-Forwarded-Proto passed on, $upstream_addr in the access log; and on
#     127.0.0.1:8099 the same with "X-Forwarded-Proto: https", as behind a TLS-terminating proxy.
# Then bench/two_instances.py, through nginx only: the owner signs in, opens their organisation,
# creates a survey (API) and opens it (page); a respondent answers it without JavaScript (welcome,
# role, questions 1-7, going back twice, a reload, review, submit); the owner closes it (page).
# It checks every status and redirect, that consecutive requests went to different instances
# (nginx log), that answers saved on one instance were shown by the other, and that the database
# holds exactly one response with the answers given. Prints a report, then PASS, or FAIL and exit 1.
# Everything it started is stopped on exit; the database is dropped unless KEEP_DB=1.
#
# Usage: bench/two-instances.sh
#   APP1_PORT, APP2_PORT, LB_PORT, LB_TLS_PORT: other ports (a busy one is replaced by a free one); PG_PORT.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# The app's hash key (docs/operations.md), one for every instance and the load generator.
Secrets__HashKey=${Secrets__HashKey:-$(head -c 32 /dev/urandom | base64)}
export Secrets__HashKey
. scripts/postgres.sh
pg_ensure_installed
if ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then
  echo "nginx is missing: installing nginx-light from Debian's packages…" >&2
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  # RUNLEVEL=1: the package's service is not started (this script runs its own nginx).
  $sudo env RUNLEVEL=1 DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 update -qq >&2
  $sudo env RUNLEVEL=1 DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends nginx-light >&2
fi
nginx=$(command -v nginx || echo /usr/sbin/nginx)

# Published (Release) into a folder of its own: its appsettings.json and wwwroot are found from
# there, and builds elsewhere in the repository during the run cannot change it.
app_dir=$root/bench-data/two-instances/app
rm -rf "$app_dir"
dotnet publish src/RelationalCoordination.Web -c Release -o "$app_dir" -nologo -v quiet >/dev/null
dotnet build-server shutdown >/dev/null 2>&1 || true

# A port that is taken (by another run on this machine) is replaced by a free one.
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
pick_port() {
  if port_free "$1"; then echo "$1"; else
    python3 -c "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"
  fi
}
pg_port=${PG_PORT:-55498}
app1_port=$(pick_port "${APP1_PORT:-5101}")
app2_port=$(pick_port "${APP2_PORT:-5102}")
[ "$app2_port" = "$app1_port" ] && app2_port=$(pick_port 0)
lb_port=$(pick_port "${LB_PORT:-8098}")
tls_port=$(pick_port "${LB_TLS_PORT:-8099}")
lb=http://127.0.0.1:$lb_port

run_dir=$root/bench-data/two-instances
ngx_dir=$root/bench-data/nginx-two
pg_dir=$root/bench-data/postgres-two
mkdir -p "$run_dir" "$ngx_dir"/{client_body,proxy,fastcgi,uwsgi,scgi}
rm -f "$run_dir"/app*.log "$ngx_dir"/access.log "$ngx_dir"/error.log

pids=()
db=""
cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ -n "$db" ] && [ "${KEEP_DB:-0}" != 1 ]; then
    psql_pg -qc "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true
  fi
  pg_stop_cluster "$pg_dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

pg_start_cluster "$pg_dir" "$pg_port"
export PGPASSWORD; PGPASSWORD=$(pg_password "$pg_dir")
psql_pg() { "$(pg_bin)/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -X -At "$@"; }
# Databases left by earlier runs that were killed (or kept with KEEP_DB=1) go; each run starts empty.
for old in $(psql_pg -c "SELECT datname FROM pg_database WHERE datname LIKE 'rc\_two\_%'"); do psql_pg -qc "DROP DATABASE $old" >/dev/null; done
db=rc_two_$(date +%s)
psql_pg -qc "CREATE DATABASE $db" >/dev/null

# Two instances, one database, started together on an empty database: one migrates and bootstraps
# while the other waits for it (advisory locks), and both create or find the data-protection keys there.
# The app trusts X-Forwarded-* from a proxy on loopback by itself (no ASPNETCORE_FORWARDEDHEADERS_ENABLED,
# see docs/operations.md). No PublicUrl: the links the app shows must come from nginx's Host and scheme.
email=owner@example.org password=two-instances-password org="Two Instances"
token=rc_two-$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
start_app() {
  ConnectionStrings__Default="Host=127.0.0.1;Port=$pg_port;Database=$db;Username=postgres;Password=$PGPASSWORD" \
  Bootstrap__AdminEmail=$email Bootstrap__AdminPassword=$password Bootstrap__Organisation="$org" Bootstrap__ApiToken="$token" \
  RateLimits__SignIn=100000 RateLimits__SignUp=100000 RateLimits__Codes=100000 RateLimits__Submissions=100000 \
  ASPNETCORE_ENVIRONMENT=Production \
    bash -c 'cd "$1" && exec dotnet RelationalCoordination.Web.dll --urls "$2"' _ "$app_dir" "http://127.0.0.1:$1" >"$run_dir/app$2.log" 2>&1 &
  pids+=($!)
}
start_app "$app1_port" 1
start_app "$app2_port" 2
wait_for() { # url, what, log
  local i
  for i in $(seq 240); do
    curl -sf -o /dev/null "$1" && return 0
    sleep 0.5
  done
  echo "FAIL: $2 did not answer $1 within 120 s; the end of its log ($3):" >&2
  tail -20 "$3" >&2
  exit 1
}
wait_for "http://127.0.0.1:$app1_port/health" "instance 1" "$run_dir/app1.log"
wait_for "http://127.0.0.1:$app2_port/health" "instance 2" "$run_dir/app2.log"

# nginx in the foreground with its own config; one worker, so that round-robin alternates strictly.
user_line=""; [ "$(id -u)" -eq 0 ] && user_line="user root;"
cat >"$ngx_dir/nginx.conf" <<EOF
# Written by bench/two-instances.sh.
$user_line
worker_processes 1;
daemon off;
pid $ngx_dir/nginx.pid;
error_log $ngx_dir/error.log notice;
events { worker_connections 256; }
http {
    # Which instance (\$upstream_addr) served each request; X-Bench-Step names the client's step.
    log_format upstreams '\$msec \$request_method \$request_uri \$status upstream=\$upstream_addr upstream_status=\$upstream_status step=\$http_x_bench_step';
    access_log $ngx_dir/access.log upstreams;
    client_body_temp_path $ngx_dir/client_body;
    proxy_temp_path $ngx_dir/proxy;
    fastcgi_temp_path $ngx_dir/fastcgi;
    uwsgi_temp_path $ngx_dir/uwsgi;
    scgi_temp_path $ngx_dir/scgi;
    client_max_body_size 60m;

    upstream rc {
        # Plain round-robin: no ip_hash, no sticky cookie.
        server 127.0.0.1:$app1_port;
        server 127.0.0.1:$app2_port;
    }
    server {
        listen 127.0.0.1:$lb_port;
        location / {
            proxy_pass http://rc;
            proxy_set_header Host \$http_host;
            proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto \$scheme;
            # A failed request must show as failed, not be answered by the other instance.
            proxy_next_upstream off;
        }
    }
    server {
        # Stands in for a TLS-terminating proxy (plain HTTP here): tells the app the client used https.
        listen 127.0.0.1:$tls_port;
        location / {
            proxy_pass http://rc;
            proxy_set_header Host \$http_host;
            proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto https;
            proxy_next_upstream off;
        }
    }
}
EOF
"$nginx" -t -q -p "$ngx_dir" -c "$ngx_dir/nginx.conf" -e "$ngx_dir/error.log"
"$nginx" -p "$ngx_dir" -c "$ngx_dir/nginx.conf" -e "$ngx_dir/error.log" &
pids+=($!)
for _ in $(seq 40); do port_free "$lb_port" || break; sleep 0.25; done
: >"$ngx_dir/access.log"   # nothing but the run itself in the log

echo "machine: $(nproc) cores, $(dotnet --version) SDK, $("$nginx" -v 2>&1 | sed 's/.*: //'), PostgreSQL $("$(pg_bin)/postgres" --version | awk '{print $3}')"
echo "nginx $lb (and 127.0.0.1:$tls_port, as behind TLS) → instance 1 127.0.0.1:$app1_port, instance 2 127.0.0.1:$app2_port, round-robin; database $db on 127.0.0.1:$pg_port"
python3 bench/two_instances.py --url "$lb" --https-url "http://127.0.0.1:$tls_port" --email "$email" --password "$password" --organisation "$org" --token "$token" \
  --log "$ngx_dir/access.log" --upstreams "127.0.0.1:$app1_port,127.0.0.1:$app2_port" \
  --psql "$(pg_bin)/psql" --pg-port "$pg_port" --database "$db" --app-log "$run_dir/app1.log" --app-log "$run_dir/app2.log"
