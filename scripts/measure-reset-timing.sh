#!/usr/bin/env bash
# Measures whether a reset start tells known user IDs from unknown ones (SPEC §3, issue 4 item 3):
# builds the release server, serves a scratch database with seeded accounts, and runs
# scripts/reset-timing.mjs against it (median, p90, p99 of each group; same status and headers).
#   scripts/measure-reset-timing.sh                  on a temporary SQLite file
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres scripts/measure-reset-timing.sh
#                                                    on a scratch database created on that server
# TIMING_REQUESTS (500 per group), TIMING_WARMUP (20) and TIMING_PORT (3999) change the run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

requests="${TIMING_REQUESTS:-500}"
warmup="${TIMING_WARMUP:-20}"
port="${TIMING_PORT:-3999}"
say() { printf '\033[1mtiming:\033[0m %s\n' "$*"; }

if curl -s -o /dev/null "http://127.0.0.1:$port/"; then
  echo "timing: something already listens on 127.0.0.1:$port (set TIMING_PORT)" >&2
  exit 2
fi

say "building the release server"
cargo build --release --features ssr --bin sspr
sspr="$PWD/target/release/sspr"

work="$(mktemp -d)"
server_pid=""
scratch=""
cleanup() {
  if [[ -n "$server_pid" ]]; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  if [[ -n "$scratch" ]]; then
    psql -q "$server_url" -c "DROP DATABASE IF EXISTS $scratch WITH (FORCE)" || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# A fresh database every time: each seeded account may start only 5 resets per hour.
if [[ "${DATABASE_URL:-}" == postgres* ]]; then
  server_url="$DATABASE_URL"
  scratch="sspr_timing_$$"
  psql -q "$server_url" -c "CREATE DATABASE $scratch"
  DATABASE_URL="$(node -e 'const u = new URL(process.argv[1]); u.pathname = "/" + process.argv[2]; console.log(u.href)' "$server_url" "$scratch")"
else
  DATABASE_URL="sqlite:$work/timing.db"
fi
export DATABASE_URL
export SSPR_LOG=warn
export SSPR_PUBLIC_URL="http://127.0.0.1:$port"
export LEPTOS_SITE_ADDR="127.0.0.1:$port"
# Little proof of work (the client solves it outside the timing) and no per-address ceiling.
export SSPR_POW_BITS="${SSPR_POW_BITS:-4}"
export SSPR_RESET_ADDRESS_LIMIT="${SSPR_RESET_ADDRESS_LIMIT:-100000}"

say "database ${DATABASE_URL%%\?*}"
"$sspr" migrate
"$sspr" seed --accounts "$((requests + warmup))"

# From the repository root, for Leptos.toml (the site files are not needed for these requests).
"$sspr" serve >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 100); do
  curl -sf -o /dev/null "http://127.0.0.1:$port/health" && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
  sleep 0.2
done
curl -sf -o /dev/null "http://127.0.0.1:$port/health" || { echo "timing: the server did not answer /health" >&2; cat "$work/server.log" >&2; exit 1; }

status=0
node scripts/reset-timing.mjs --url "$SSPR_PUBLIC_URL" --requests "$requests" --warmup "$warmup" || status=$?
if [[ -s "$work/server.log" ]]; then
  say "server log (warnings and errors):"
  tail -n 20 "$work/server.log"
fi
exit "$status"
