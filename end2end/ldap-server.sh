#!/usr/bin/env bash
# The browser tests' second server: sspr in front of a real OpenLDAP directory. Playwright starts
# it (playwright.config.ts, project "ldap") beside the server that `cargo leptos end-to-end`
# starts: a throwaway slapd (scripts/lib/slapd.sh: ppolicy with a history of 3 and a lock-out
# after 5 wrong passwords) on 127.0.0.1:3390, and sspr's release build on 127.0.0.1:3002 with
# SSPR_DIRECTORY=ldap, its own SQLite database, and the same delivery sinks and raised address
# limits as the first server (inherited from scripts/test.sh's environment).
# The directory starts with no people: each test adds its own as the directory's administrator
# and checks what sspr wrote with OpenLDAP's ldapwhoami; target/e2e-ldap/directory.json tells it
# how (end2end/fixtures/directory.ts).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib/slapd.sh
SLAPD_DIR="$PWD/target/e2e-ldap"
SLAPD_PORT="${SSPR_E2E_LDAP_PORT:-3390}"
SLAPD_ROOT_PASSWORD="e2e-root-$RANDOM$RANDOM"
SLAPD_SERVICE_PASSWORD="e2e-service-$RANDOM$RANDOM"
SITE_ADDR="${SSPR_E2E_LDAP_SITE_ADDR:-127.0.0.1:3002}"
rm -rf "$SLAPD_DIR"
mkdir -p "$SLAPD_DIR"
sspr_pid=""
stop() {
  [[ -n "$sspr_pid" ]] && kill "$sspr_pid" 2>/dev/null
  [[ -n "$SLAPD_PID" ]] && kill "$SLAPD_PID" 2>/dev/null
  wait
}
trap stop EXIT INT TERM

: > "$SLAPD_DIR/people.ldif"
slapd_start "$SLAPD_DIR/people.ldif"
cat > "$SLAPD_DIR/directory.json" <<EOF
{
  "url": "ldap://127.0.0.1:$SLAPD_PORT",
  "caFile": "$SLAPD_DIR/ca.pem",
  "base": "$SLAPD_BASE",
  "rootDn": "$SLAPD_ROOT_DN",
  "rootPassword": "$SLAPD_ROOT_PASSWORD"
}
EOF

slapd_sspr_env
export DATABASE_URL="sqlite:$SLAPD_DIR/sspr.db" SSPR_DEMO=false LEPTOS_SITE_ADDR="$SITE_ADDR"
export SSPR_PUBLIC_URL="http://$SITE_ADDR"
binary="${SSPR_BIN:-target/release/sspr}"
"$binary" serve &
sspr_pid=$!
wait "$sspr_pid"
