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
source scripts/lib/scratch-server.sh
scratch_prepare "$port" sspr_timing
# Little proof of work (the client solves it outside the timing) and no per-address ceiling.
export SSPR_POW_BITS="${SSPR_POW_BITS:-4}"
export SSPR_RESET_ADDRESS_LIMIT="${SSPR_RESET_ADDRESS_LIMIT:-100000}"

"$sspr" migrate
"$sspr" seed --accounts "$((requests + warmup))"

scratch_serve

status=0
node scripts/reset-timing.mjs --url "$SSPR_PUBLIC_URL" --requests "$requests" --warmup "$warmup" || status=$?
scratch_log
exit "$status"
