# Shared by bench/load.sh and bench/kill.sh; source it from the repository root.
# Sets up what is missing on a fresh machine (PostgreSQL from Debian's packages), publishes the app
# and the load generator in Release under bench-data/load/, runs a PostgreSQL cluster of its own
# under bench-data/load/postgres and the app on free ports of 127.0.0.1, with a bootstrap owner,
# organisation and API token. Every process started here is stopped on exit (load_cleanup).
#
#   load_setup             install, publish, start PostgreSQL, create a fresh database
#   app_start / app_stop   start the app (waits for /health) / stop it; $app_pid is its process
#   app_kill9              kill -9 the app
#   gen ARGS…              run the load generator
#   psql_db ARGS…          psql on the benchmark's database

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# The app's hash key (docs/operations.md), one for every instance and the load generator.
Secrets__HashKey=${Secrets__HashKey:-$(head -c 32 /dev/urandom | base64)}
export Secrets__HashKey
. scripts/postgres.sh

load_dir=$PWD/bench-data/load
pg_dir=$load_dir/postgres
app_dir=$load_dir/app
gen_dir=$load_dir/gen
app_pid=""
bg_pids=()

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

load_cleanup() {
  local pid
  for pid in "${bg_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  app_stop
  pg_stop_cluster "$pg_dir"
}

load_setup() {
  pg_ensure_installed
  mkdir -p "$load_dir"
  echo "publishing the app and the load generator (Release)…" >&2
  dotnet publish src/RelationalCoordination.Web -c Release -o "$app_dir" -nologo -v quiet >/dev/null
  dotnet publish bench/Load -c Release -o "$gen_dir" -nologo -v quiet >/dev/null
  dotnet build-server shutdown >/dev/null 2>&1 || true   # idle build servers would share the 2 cores

  pg_port=$(free_port)
  pg_stop_cluster "$pg_dir"   # one left running by an interrupted run
  pg_start_cluster "$pg_dir" "$pg_port"
  PGPASSWORD=$(pg_password "$pg_dir"); export PGPASSWORD
  # The app's pool (100 connections by default) and the pg mode's pool must both fit. No checkpoint
  # may fall inside a run (load.sh takes one before each, so that every run starts from the same
  # state): after a checkpoint PostgreSQL writes each page it changes whole into the WAL again, and
  # with the default max_wal_size (1 GB) a checkpoint started every minute or two under load.
  if [ "$(psql_db postgres -tAc 'SHOW max_connections')" != 300 ] || [ "$(psql_db postgres -tAc 'SHOW max_wal_size')" != 16GB ]; then
    psql_db postgres -qc "ALTER SYSTEM SET max_connections = 300" -c "ALTER SYSTEM SET max_wal_size = '16GB'" \
      -c "ALTER SYSTEM SET checkpoint_timeout = '1h'" >/dev/null
    pg_stop_cluster "$pg_dir"
    pg_start_cluster "$pg_dir" "$pg_port"
  fi
  db=rc_load_$(date +%s)
  psql_db postgres -qc "CREATE DATABASE $db" >/dev/null
  connection="Host=127.0.0.1;Port=$pg_port;Database=$db;Username=postgres;Password=$PGPASSWORD"

  app_port=$(free_port)
  app=http://127.0.0.1:$app_port
  token=rc_load-$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
}

# psql_db [DATABASE] ARGS…: the benchmark's database unless the first argument names another.
psql_db() {
  local database=${db:-postgres}
  if [ "${1:-}" = postgres ]; then database=postgres; shift; fi
  "$(pg_bin)/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d "$database" -v ON_ERROR_STOP=1 "$@"
}

app_start() {
  # Production settings, except that the rate limits (permits per minute per client address) must
  # not throttle a load run whose clients all share 127.0.0.1. Respondents__BatchSize is left at
  # its default, the survey's minimum group size (5): batching is part of what is measured.
  (cd "$app_dir" && ConnectionStrings__Default="$connection" ASPNETCORE_ENVIRONMENT=Production \
    Bootstrap__AdminEmail=load@example.org Bootstrap__AdminPassword=load-password-1234 Bootstrap__Organisation=Load \
    Bootstrap__ApiToken="$token" \
    RateLimits__SignIn=1000000 RateLimits__SignUp=1000000 RateLimits__Codes=1000000 RateLimits__Submissions=1000000 \
    exec dotnet RelationalCoordination.Web.dll --urls "$app") >>"$load_dir/app.log" 2>&1 &
  app_pid=$!
  local waited=0 started; started=$(date +%s%3N)
  until curl -sf "$app/health" >/dev/null 2>&1; do
    if ! kill -0 "$app_pid" 2>/dev/null; then echo "the app did not start: see $load_dir/app.log" >&2; tail -20 "$load_dir/app.log" >&2; return 1; fi
    sleep 0.2; waited=$((waited + 1))
    if [ "$waited" -gt 600 ]; then echo "the app did not answer /health within 120 s" >&2; return 1; fi
  done
  app_started_ms=$(( $(date +%s%3N) - started ))
}

app_stop() {
  if [ -n "$app_pid" ]; then
    kill "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
    app_pid=""
  fi
}

app_kill9() {
  kill -9 "$app_pid"
  wait "$app_pid" 2>/dev/null || true
  app_pid=""
}

# "APP PG": CPU seconds (user + system) used so far by the app and by PostgreSQL (the postmaster,
# its live processes and those that have ended).
cpu_seconds() {
  python3 - "$app_pid" "$(head -1 "$pg_dir/data/postmaster.pid")" <<'PY'
import os, sys
hz = os.sysconf('SC_CLK_TCK')
def stat(pid):
    with open(f'/proc/{pid}/stat') as f:
        text = f.read()
    return text[text.rindex(')') + 2:].split()   # from field 3 (state) on
def own(pid):
    f = stat(pid)
    return (int(f[11]) + int(f[12])) / hz
app, postmaster = sys.argv[1], sys.argv[2]
f = stat(postmaster)
pg = own(postmaster) + (int(f[13]) + int(f[14])) / hz
for child in os.popen(f'ps --ppid {postmaster} -o pid=').read().split():
    try:
        pg += own(child)
    except (FileNotFoundError, ProcessLookupError):
        pass
print(f'{own(app):.1f} {pg:.1f}')
PY
}

gen() { dotnet "$gen_dir/RelationalCoordination.Load.dll" "$@"; }

machine_notes() {
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), .NET SDK $(dotnet --version), PostgreSQL $("$(pg_bin)/postgres" --version | awk '{print $3}'); app, PostgreSQL and generator on this one machine"
}
