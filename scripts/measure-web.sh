#!/usr/bin/env bash
# Issue 14, item 6: how fast pages are, on the release build (a benchmark that prints figures,
# not a test that times). Builds the site (WebAssembly precompressed, as served in production),
# serves a scratch database (SQLite, or PostgreSQL with DATABASE_URL=postgres://…) with one seeded
# account signed in, then prints:
#   * wrk (2 threads, 10 s, 4 and 16 connections): requests/s, p50 and p99 of the anonymous
#     pages / and /reset, and of the signed-in /setup;
#   * the signed-in /setup at a fixed 500 requests/s (scripts/rate-latency.mjs): p50 and p99;
#   * the first visit of /reset in Chromium until hydrated, unthrottled and on the phone profile
#     (scripts/hydration-timing.mjs), with the bytes on the wire.
# The load generator and the server share this machine's cores: the figures are for one box.
#   scripts/measure-web.sh
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres scripts/measure-web.sh
# WEB_SECONDS (10), WEB_RUNS (5 page loads per profile) and TIMING_PORT (3997) change the run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/setup.sh
if ! command -v wrk >/dev/null; then
  echo "measure-web: installing Debian's wrk"
  apt-get install -y -qq wrk >/dev/null
fi

port="${TIMING_PORT:-3997}"
seconds="${WEB_SECONDS:-10}"
SCRATCH_SITE=1
source scripts/lib/scratch-server.sh
scratch_prepare "$port" sspr_web
export LEPTOS_ENV=PROD LEPTOS_HASH_FILES=true

"$sspr" migrate >/dev/null
"$sspr" seed --accounts 1 >/dev/null
scratch_serve

# The seeded account's session (the demo password, see README).
cookie="$(curl -s -o /dev/null -D - -H 'sec-fetch-site: same-origin' \
  --data-urlencode 'user_id=seed1@contoso.example' --data-urlencode 'password=correct horse battery staple' \
  "$SSPR_PUBLIC_URL/api/sign_in" | tr -d '\r' | sed -n 's/^set-cookie: \(sspr_session=[^;]*\).*/\1/ip')"
[[ -n "$cookie" ]] || { echo "measure-web: the seeded account could not sign in" >&2; exit 1; }
curl -sf -o /dev/null -H "cookie: $cookie" "$SSPR_PUBLIC_URL/setup" || { echo "measure-web: /setup does not answer signed in" >&2; exit 1; }

load() {
  local label="$1" path="$2" conns="$3"; shift 3
  local out rps p50 p99
  out="$(wrk -t2 -c"$conns" -d"${seconds}s" --latency -H 'accept-encoding: br, gzip' "$@" "$SSPR_PUBLIC_URL$path")"
  rps="$(awk '/^Requests\/sec/ { print $2 }' <<<"$out")"
  p50="$(awk '$1 == "50%" { print $2 }' <<<"$out")"
  p99="$(awk '$1 == "99%" { print $2 }' <<<"$out")"
  printf '  %-22s %-8s %3d connections: %9s req/s   p50 %8s   p99 %8s\n' "$label" "$path" "$conns" "$rps" "$p50" "$p99"
  if grep -q "Non-2xx" <<<"$out"; then grep "Non-2xx" <<<"$out" | sed 's/^/    /'; fi
}

say "wrk on ${DATABASE_URL%%:*} (${seconds} s per line)"
for conns in 4 16; do
  load anonymous / "$conns"
  load anonymous /reset "$conns"
  load signed-in /setup "$conns" -H "cookie: $cookie"
done
say "signed-in /setup at a fixed rate"
node scripts/rate-latency.mjs --url "$SSPR_PUBLIC_URL" --path /setup --rate 500 --seconds "$seconds" --cookie "$cookie"
say "first visit of /reset in Chromium"
node scripts/hydration-timing.mjs --url "$SSPR_PUBLIC_URL" --path /reset --runs "${WEB_RUNS:-5}"
scratch_log
