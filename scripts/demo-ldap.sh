#!/usr/bin/env bash
# sspr in front of a real OpenLDAP directory, in one command: starts a throwaway slapd (Debian's
# package) on 127.0.0.1:3389 with the ppolicy overlay (history of 3, a lock-out after 5 wrong
# passwords) and the demo people, builds the release, makes admin@contoso.example an
# administrator of sspr, and serves sspr on it with SSPR_DIRECTORY=ldap. Stopping sspr (Ctrl-C)
# stops slapd and removes its folder.
#   scripts/demo-ldap.sh    then open http://127.0.0.1:3000 and sign in as alice@contoso.example
# Every demo person's password is "correct horse battery staple". Check what sspr writes with
# OpenLDAP's own tools, e.g. after a reset:
#   LDAPTLS_CACERT=<folder>/ca.pem ldapwhoami -ZZ -x -H ldap://127.0.0.1:3389 \
#     -D uid=alice,ou=people,dc=contoso,dc=example -w '<the new password>'
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/setup.sh --tests
source scripts/lib/slapd.sh
SLAPD_PORT="${SSPR_DEMO_LDAP_PORT:-3389}"
SLAPD_ROOT_PASSWORD="demo-root-$RANDOM$RANDOM"
SLAPD_SERVICE_PASSWORD="demo-service-$RANDOM$RANDOM"
PASSWORD="correct horse battery staple"
SLAPD_DIR="$(mktemp -d /tmp/sspr-demo-ldap.XXXXXX)"
cleanup() {
  [[ -n "$SLAPD_PID" ]] && kill "$SLAPD_PID" 2>/dev/null && wait "$SLAPD_PID" 2>/dev/null
  rm -rf "$SLAPD_DIR"
}
trap cleanup EXIT INT TERM

{
  slapd_person alice "Alice Martin" "+33 1 23 45 67 89" "$PASSWORD"
  slapd_person mike "Mike Dupont" "+33 1 23 45 67 90" "$PASSWORD"
  slapd_person olivia "Olivia Bernard" "+33 1 23 45 67 91" "$PASSWORD"
  slapd_person admin "Ada Admin" "+33 1 23 45 67 92" "$PASSWORD"
} > "$SLAPD_DIR/people.ldif"
slapd_start "$SLAPD_DIR/people.ldif"
# A group, added online so that the memberof overlay writes its members' memberOf.
printf 'dn: cn=Staff,ou=groups,%s\nchangetype: add\nobjectClass: groupOfNames\ncn: Staff\nmember: uid=alice,ou=people,%s\nmember: uid=mike,ou=people,%s\n\n' \
  "$SLAPD_BASE" "$SLAPD_BASE" "$SLAPD_BASE" | slapd_admin_modify

cargo leptos build --release --precompress --split
# A throwaway directory's entries get new entryUUIDs each time: sspr's database goes with it.
export DATABASE_URL="${DATABASE_URL:-sqlite:$SLAPD_DIR/sspr.db}"
export LEPTOS_ENV="${LEPTOS_ENV:-DEV}"
export SSPR_PUBLIC_URL="${SSPR_PUBLIC_URL:-http://127.0.0.1:3000}"
export SSPR_DEV_OUTBOX=true
slapd_sspr_env
target/release/sspr directory test alice@contoso.example
target/release/sspr user promote admin@contoso.example
echo "sspr: open $SSPR_PUBLIC_URL on the OpenLDAP directory ldap://127.0.0.1:$SLAPD_PORT ($SLAPD_DIR)."
echo "      People: alice, mike, olivia, admin (an administrator) @contoso.example, password \"$PASSWORD\";"
echo "      register methods first, then reset; codes appear at /dev/outbox."
target/release/sspr serve
