#!/usr/bin/env bash
# A container engine for the container stage of ./test.sh. Source it, then:
#   engine_up DIR    uses the engine that answers (DOCKER_HOST or the default socket); where none
#                    does and this is Debian with apt, installs docker.io, debootstrap and
#                    docker-compose if missing and starts a private dockerd whose images live in
#                    DIR/root (so they survive for the next run). Sets ENGINE_PRIVATE=1 then.
#                    Fails (and says why in ENGINE_WHY) when no engine can be had.
#   engine_down      stops the private dockerd, if engine_up started one
# The private engine follows this machine's network rule: host networking only, no bridge and no
# iptables rules (--bridge=none --iptables=false); every container must use --network host.

ENGINE_PRIVATE=0
ENGINE_PID=""
ENGINE_RUN=""
ENGINE_WHY=""

engine_answers() { docker info --format '{{.ServerVersion}}' >/dev/null 2>&1; }

engine_up() {
  local dir=$1
  if command -v docker >/dev/null 2>&1 && engine_answers; then
    return 0
  fi
  if [ "$(uname -s)" != Linux ] || ! command -v apt-get >/dev/null 2>&1; then
    ENGINE_WHY="no container engine answers, and this is not a Debian-like Linux where one could be installed"
    return 1
  fi
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    # dockerd and debootstrap need root; without password-less sudo, say so instead of prompting.
    if ! sudo -n true 2>/dev/null; then
      ENGINE_WHY="no container engine answers, and starting one needs root (sudo -n failed)"
      return 1
    fi
    sudo="sudo"
  fi
  if ! command -v dockerd >/dev/null 2>&1 || ! command -v debootstrap >/dev/null 2>&1 \
     || ! command -v docker-compose >/dev/null 2>&1; then
    echo "containers: installing docker.io, debootstrap and docker-compose from Debian's packages…" >&2
    $sudo apt-get -o DPkg::Lock::Timeout=600 update -qq >&2
    $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -qq docker.io debootstrap docker-compose >&2 || {
      ENGINE_WHY="installing docker.io failed"; return 1; }
  fi
  mkdir -p "$dir/root"
  engine_stop_leftovers "$dir/root" "$sudo"
  # The exec root holds unix sockets, whose paths must stay short: a temporary folder, not DIR.
  ENGINE_RUN=$(mktemp -d "${TMPDIR:-/tmp}/rc-dockerd-XXXXXX")
  # From /: dockerd must not keep the repository as its working directory.
  (cd / && exec $sudo dockerd --data-root "$dir/root" --exec-root "$ENGINE_RUN/exec" \
     --pidfile "$ENGINE_RUN/dockerd.pid" -H "unix://$ENGINE_RUN/docker.sock" \
     --iptables=false --bridge=none >"$ENGINE_RUN/dockerd.log" 2>&1) &
  ENGINE_PID=$!
  ENGINE_PRIVATE=1
  export DOCKER_HOST="unix://$ENGINE_RUN/docker.sock"
  # Debian's engine is 20.10 (API 1.41); a newer client beside it must not ask for more.
  export DOCKER_API_VERSION=1.41
  local _
  for _ in $(seq 60); do
    engine_answers && return 0
    if ! kill -0 "$ENGINE_PID" 2>/dev/null; then break; fi
    sleep 0.5
  done
  ENGINE_WHY="dockerd did not start: $(tail -n 3 "$ENGINE_RUN/dockerd.log" | tr '\n' ' ')"
  engine_down
  return 1
}

# A run killed before its cleanup (a cancelled CI job) leaves its dockerd running on the same
# data root, and two engines on one data root corrupt it: the leftover is stopped here.
engine_stop_leftovers() {
  local root=$1 sudo=$2 pidfile pid
  for pidfile in "${TMPDIR:-/tmp}"/rc-dockerd-*/dockerd.pid; do
    [ -f "$pidfile" ] || continue
    pid=$(cat "$pidfile")
    if $sudo grep -qF -- "$root" "/proc/$pid/cmdline" 2>/dev/null; then
      echo "containers: stopping a dockerd left running by an earlier run (pid $pid)" >&2
      $sudo kill -TERM "$pid" 2>/dev/null || true
      local _
      for _ in $(seq 60); do $sudo kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    fi
    engine_remove_run_dir "$(dirname "$pidfile")" "$sudo"
  done
}

# dockerd leaves its network namespace mounted in the exec root when it stops.
engine_remove_run_dir() {
  local run=$1 sudo=$2 ns
  for ns in "$run"/exec/netns/*; do
    [ -e "$ns" ] && { $sudo umount "$ns" 2>/dev/null || true; }
  done
  $sudo rm -rf "$run" 2>/dev/null || echo "containers: could not remove $run" >&2
}

engine_down() {
  [ "$ENGINE_PRIVATE" = 1 ] || return 0
  local pid sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  pid=$(cat "$ENGINE_RUN/dockerd.pid" 2>/dev/null || echo "$ENGINE_PID")
  if [ -n "$pid" ] && $sudo kill -0 "$pid" 2>/dev/null; then
    $sudo kill -TERM "$pid" 2>/dev/null || true
    # dockerd stops its containerd and containers on SIGTERM; give it the time it needs.
    local _
    for _ in $(seq 60); do $sudo kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  fi
  wait "$ENGINE_PID" 2>/dev/null || true
  engine_remove_run_dir "$ENGINE_RUN" "$sudo"
  ENGINE_PRIVATE=0
  unset DOCKER_HOST DOCKER_API_VERSION
}
