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
source scripts/lib/scratch-server.sh
scratch_prepare "$port" sspr_admin_timing
export SSPR_SIGN_IN_ADDRESS_LIMIT=100000

"$sspr" migrate
"$sspr" seed --accounts "$accounts" --audit "$audit"
password="quiet lantern orbit 7 meadow"
echo "$password" | "$sspr" user add timing.admin@contoso.example --name "Timing Admin" --admin >/dev/null

scratch_serve

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
scratch_log
