#!/usr/bin/env bash
# Runs issue 15's attacks (scripts/attacks.py) against the app as ./run.sh starts it, twice: on the
# code from before issue 15 (a git worktree of BEFORE, default 508f787) and on this checkout. Passes
# only if every attack recovers the hidden answers from the old code and none learns anything from
# this one — the proof that the attack suite tests attacks that worked. Takes a few minutes (two
# builds); each app gets its own throwaway data folder, PostgreSQL cluster and port.
#   scripts/attacks-before-after.sh [BEFORE]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
before=${1:-508f787}
work=$(mktemp -d /tmp/rc-attacks.XXXXXX)
chmod 755 "$work" # PostgreSQL runs as its own user when this one is root (scripts/postgres.sh)
pids=()
cleanup() {
  # run.sh stops its app and its PostgreSQL cluster when it is asked to stop.
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do while kill -0 "$pid" 2>/dev/null; do sleep 0.5; done; done
  git -C "$root" worktree remove --force "$work/before" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# An owner, their organisation and an API token, made at start by the app itself (Bootstrap:*).
export Bootstrap__AdminEmail=owner@attack.test Bootstrap__AdminPassword=Attack-password-1 \
  Bootstrap__Organisation='Attack org' Bootstrap__ApiToken=rc_attack$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')

# Starts <checkout>'s ./run.sh on <port> (PostgreSQL on <port>+100) and waits until it answers.
start() {
  local checkout=$1 name=$2 port=$3
  (cd "$checkout" && RC_DATA_DIR="$work/$name-data" RC_PG_PORT=$((port + 100)) exec setsid ./run.sh --port "$port" > "$work/$name.log" 2>&1) &
  pids+=($!)
  for _ in $(seq 1 600); do
    if grep -q "is running" "$work/$name.log"; then return 0; fi
    if ! kill -0 "${pids[-1]}" 2>/dev/null; then break; fi
    sleep 1
  done
  echo "attacks: the $name app did not start; its log:" >&2
  tail -20 "$work/$name.log" >&2
  exit 2
}

attack() {
  local name=$1 port=$2 label=$3
  python3 "$root/scripts/attacks.py" --base "http://127.0.0.1:$port" --token "$Bootstrap__ApiToken" \
    --email "$Bootstrap__AdminEmail" --password "$Bootstrap__AdminPassword" --label "$label" \
    --db "host=127.0.0.1 port=$((port + 100)) dbname=rc user=postgres password=$(cat "$work/$name-data/postgres/password")"
}

git -C "$root" worktree add --detach "$work/before" "$before" > /dev/null 2>&1
echo "attacks: building and starting $before (before issue 15) and this checkout…"
start "$work/before" before 5491
start "$root" after 5492

set +e
attack before 5491 "before issue 15: $before" | tee "$work/before.md"
old=${PIPESTATUS[0]}
echo
attack after 5492 "this checkout: $(git -C "$root" rev-parse --short HEAD)" | tee "$work/after.md"
new=${PIPESTATUS[0]}
set -e

learned_from_old=$(grep -c -E "\| (RECOVERED|WORKED) \|" "$work/before.md" || true)
total=$(grep -c -E "\| (RECOVERED|WORKED|learned nothing|ERROR) \|" "$work/before.md" || true)
echo
echo "attacks: $learned_from_old of $total worked on $before (exit $old); on this checkout none did (exit $new: 0 if so)"
[ "$old" = 1 ] && [ "$learned_from_old" = "$total" ] && [ "$new" = 0 ]
