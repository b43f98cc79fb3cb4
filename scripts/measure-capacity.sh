#!/usr/bin/env bash
# Issue 17, item 4: how many whole resets and sign-ins per second one core of sspr serves, with one
# node and with two nodes on one PostgreSQL database (a benchmark that prints figures, not a test
# that times). Builds the release server, seeds accounts on a scratch PostgreSQL database, starts
# the delivery sinks (end2end/sinks.mjs: the codes really go out over SMTP) and runs
# scripts/capacity.mjs against one node, then two.
#   scripts/measure-capacity.sh
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres CAPACITY_RESETS=300 scripts/measure-capacity.sh
# CAPACITY_RESETS (150), CAPACITY_SIGN_INS (300), CAPACITY_CONCURRENCY (8) and TIMING_PORT (3991;
# the second node takes the next port) change the run. The load generator shares the machine's
# cores with the nodes: "per core" counts the nodes' own CPU time only.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/setup.sh --tests >/dev/null

port="${TIMING_PORT:-3991}"
resets="${CAPACITY_RESETS:-150}"
sign_ins="${CAPACITY_SIGN_INS:-300}"
concurrency="${CAPACITY_CONCURRENCY:-8}"
export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
source scripts/lib/scratch-server.sh
scratch_prepare "$port" sspr_capacity
# The client solves a small proof of work (checking it costs the server one hash, whatever its
# size); every request comes from 127.0.0.1, so the per-address limits are raised.
export SSPR_POW_BITS=8 SSPR_POW_MAX_BITS=8 SSPR_RESET_ADDRESS_LIMIT=1000000 SSPR_SIGN_IN_ADDRESS_LIMIT=1000000 \
  SSPR_SMTP_URL="smtp://127.0.0.1:2525" SSPR_MAIL_FROM="Password self-service <sspr@contoso.example>"

"$sspr" migrate >/dev/null
# Two runs, each on accounts of its own.
per_run=$((resets + sign_ins + 10))
"$sspr" seed --accounts "$((2 * per_run))" >/dev/null

# The sinks and the second node are stopped at exit too.
extra=()
trap 'for pid in "${extra[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done; scratch_cleanup' EXIT
if ! curl -sf -o /dev/null http://127.0.0.1:2580/health; then
  (cd end2end && exec node sinks.mjs) >"$work/sinks.log" 2>&1 &
  extra+=($!)
  for _ in $(seq 50); do curl -sf -o /dev/null http://127.0.0.1:2580/health && break; sleep 0.2; done
fi

run() {
  node scripts/capacity.mjs --nodes "$1" --pids "$2" --first "$3" --resets "$resets" --sign-ins "$sign_ins" --concurrency "$concurrency"
}

say "one node"
scratch_serve
run "$SSPR_PUBLIC_URL" "$server_pid" 1

say "two nodes on the same database, each request to the other node than the one before"
second="127.0.0.1:$((port + 1))"
LEPTOS_SITE_ADDR="$second" "$sspr" serve >"$work/second.log" 2>&1 &
second_pid=$!
extra+=("$second_pid")
for _ in $(seq 100); do
  curl -sf -o /dev/null "http://$second/health" && break
  kill -0 "$second_pid" 2>/dev/null || { cat "$work/second.log" >&2; exit 1; }
  sleep 0.2
done
run "$SSPR_PUBLIC_URL,http://$second" "$server_pid,$second_pid" "$((per_run + 1))"
scratch_log
