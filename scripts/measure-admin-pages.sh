#!/usr/bin/env bash
# Prints how fast the admin console's list pages are at scale (issue 5): builds the release
# server, seeds a scratch database with 10,000 registered accounts and 100,000 audit entries,
# signs an administrator in, and times each page (scripts/admin-pages-timing.mjs).
#   scripts/measure-admin-pages.sh                   on a temporary SQLite file
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres scripts/measure-admin-pages.sh
#                                                    on a scratch database created on that server
# ADMIN_ACCOUNTS (10000), ADMIN_AUDIT (100000), TIMING_REQUESTS (30) and TIMING_PORT (3998)
# change the run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

accounts="${ADMIN_ACCOUNTS:-10000}"
audit="${ADMIN_AUDIT:-100000}"
requests="${TIMING_REQUESTS:-30}"
port="${TIMING_PORT:-3998}"
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

if [[ "${DATABASE_URL:-}" == postgres* ]]; then
  server_url="$DATABASE_URL"
  scratch="sspr_admin_timing_$$"
  psql -q "$server_url" -c "CREATE DATABASE $scratch"
  DATABASE_URL="$(node -e 'const u = new URL(process.argv[1]); u.pathname = "/" + process.argv[2]; console.log(u.href)' "$server_url" "$scratch")"
else
  DATABASE_URL="sqlite:$work/timing.db"
fi
export DATABASE_URL
export SSPR_LOG=warn
export SSPR_PUBLIC_URL="http://127.0.0.1:$port"
export LEPTOS_SITE_ADDR="127.0.0.1:$port"
export SSPR_SIGN_IN_ADDRESS_LIMIT=100000

say "database ${DATABASE_URL%%\?*}"
"$sspr" migrate
"$sspr" seed --accounts "$accounts" --audit "$audit"
password="quiet lantern orbit 7 meadow"
echo "$password" | "$sspr" user add timing.admin@contoso.example --name "Timing Admin" --admin >/dev/null

"$sspr" serve >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 100); do
  curl -sf -o /dev/null "http://127.0.0.1:$port/health" && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
  sleep 0.2
done

middle="seed$((accounts / 2))@contoso.example"
node scripts/admin-pages-timing.mjs --url "$SSPR_PUBLIC_URL" --user timing.admin@contoso.example --password "$password" \
  --requests "$requests" \
  "/admin" \
  "/admin/accounts" \
  "/admin/accounts?q=seed$((accounts - 1))" \
  "/admin/accounts?filter=not_registered" \
  "/admin/accounts?after=$middle" \
  "/admin/accounts/$((accounts / 2))" \
  "/admin/audit" \
  "/admin/audit?event=reset_started" \
  "/admin/audit?user_id=$middle" \
  "/admin/reports" \
  "/admin/inbox" \
  "/admin/policy"
if [[ -s "$work/server.log" ]]; then
  say "server log (warnings and errors):"
  tail -n 20 "$work/server.log"
fi
