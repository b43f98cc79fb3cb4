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
PORT="${SSPR_DEMO_LDAP_PORT:-3389}"
BASE="dc=contoso,dc=example"
ROOT_PASSWORD="demo-root-$RANDOM$RANDOM"
SERVICE_PASSWORD="demo-service-$RANDOM$RANDOM"
PASSWORD="correct horse battery staple"
dir="$(mktemp -d /tmp/sspr-demo-ldap.XXXXXX)"
slapd_pid=""
cleanup() {
  [[ -n "$slapd_pid" ]] && kill "$slapd_pid" 2>/dev/null && wait "$slapd_pid" 2>/dev/null
  rm -rf "$dir"
}
trap cleanup EXIT INT TERM

# A CA and the directory's certificate for StartTLS.
ec=(-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes)
openssl req -x509 "${ec[@]}" -keyout "$dir/ca.key" -out "$dir/ca.pem" -days 30 -subj "/CN=sspr demo CA" 2>/dev/null
openssl req "${ec[@]}" -keyout "$dir/server.key" -out "$dir/server.csr" -subj "/CN=127.0.0.1" 2>/dev/null
echo "subjectAltName=IP:127.0.0.1,DNS:localhost" > "$dir/ext.cnf"
openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" -CAcreateserial \
  -out "$dir/server.pem" -days 30 -extfile "$dir/ext.cnf" 2>/dev/null

mkdir -p "$dir/data"
cat > "$dir/slapd.conf" <<EOF
include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
include /etc/ldap/schema/nis.schema
modulepath /usr/lib/ldap
moduleload back_mdb
moduleload ppolicy
moduleload memberof
pidfile $dir/slapd.pid
TLSCACertificateFile $dir/ca.pem
TLSCertificateFile $dir/server.pem
TLSCertificateKeyFile $dir/server.key
database mdb
maxsize 67108864
suffix "$BASE"
rootdn "cn=admin,$BASE"
rootpw $ROOT_PASSWORD
directory $dir/data
overlay ppolicy
ppolicy_default "cn=default,ou=policies,$BASE"
ppolicy_hash_cleartext
ppolicy_use_lockout
overlay memberof
memberof-group-oc groupOfNames
memberof-member-ad member
memberof-memberof-ad memberOf
access to attrs=pwdAccountLockedTime
  by dn.exact="cn=sspr,ou=services,$BASE" write
  by * none
access to attrs=userPassword
  by dn.exact="cn=sspr,ou=services,$BASE" write
  by self write
  by anonymous auth
  by * none
access to *
  by dn.exact="cn=sspr,ou=services,$BASE" read
  by self read
  by * none
EOF

person() { # uid, name, phone
  printf 'dn: uid=%s,ou=people,%s\nobjectClass: inetOrgPerson\nuid: %s\ncn: %s\nsn: %s\nmail: %s@contoso.example\ntelephoneNumber: %s\nuserPassword: %s\n\n' \
    "$1" "$BASE" "$1" "$2" "${2##* }" "$1" "$3" "$PASSWORD"
}
{
  printf 'dn: %s\nobjectClass: dcObject\nobjectClass: organization\no: Contoso\ndc: contoso\n\n' "$BASE"
  for ou in people services groups policies; do printf 'dn: ou=%s,%s\nobjectClass: organizationalUnit\nou: %s\n\n' "$ou" "$BASE" "$ou"; done
  printf 'dn: cn=default,ou=policies,%s\nobjectClass: device\nobjectClass: pwdPolicy\ncn: default\npwdAttribute: userPassword\npwdInHistory: 3\npwdCheckQuality: 1\npwdMinLength: 8\npwdLockout: TRUE\npwdMaxFailure: 5\n\n' "$BASE"
  printf 'dn: cn=sspr,ou=services,%s\nobjectClass: applicationProcess\nobjectClass: simpleSecurityObject\ncn: sspr\nuserPassword: %s\n\n' "$BASE" "$SERVICE_PASSWORD"
  person alice "Alice Martin" "+33 1 23 45 67 89"
  person mike "Mike Dupont" "+33 1 23 45 67 90"
  person olivia "Olivia Bernard" "+33 1 23 45 67 91"
  person admin "Ada Admin" "+33 1 23 45 67 92"
} > "$dir/data.ldif"
slapadd -f "$dir/slapd.conf" -l "$dir/data.ldif" 2>/dev/null
slapd -f "$dir/slapd.conf" -h "ldap://127.0.0.1:$PORT/" -d 0 >/dev/null 2>&1 &
slapd_pid=$!
for _ in $(seq 100); do
  ldapsearch -x -H "ldap://127.0.0.1:$PORT" -b "" -s base 1.1 >/dev/null 2>&1 && break
  sleep 0.1
done
# A group, added online so that the memberof overlay writes its members' memberOf.
printf 'dn: cn=Staff,ou=groups,%s\nobjectClass: groupOfNames\ncn: Staff\nmember: uid=alice,ou=people,%s\nmember: uid=mike,ou=people,%s\n\n' "$BASE" "$BASE" "$BASE" |
  ldapadd -x -H "ldap://127.0.0.1:$PORT" -D "cn=admin,$BASE" -w "$ROOT_PASSWORD" >/dev/null

cargo leptos build --release --precompress
# A throwaway directory's entries get new entryUUIDs each time: sspr's database goes with it.
export DATABASE_URL="${DATABASE_URL:-sqlite:$dir/sspr.db}"
export LEPTOS_ENV="${LEPTOS_ENV:-DEV}"
export SSPR_PUBLIC_URL="${SSPR_PUBLIC_URL:-http://127.0.0.1:3000}"
export SSPR_DEV_OUTBOX=true
export SSPR_DIRECTORY=ldap SSPR_LDAP_URL="ldap://127.0.0.1:$PORT" SSPR_LDAP_CA_FILE="$dir/ca.pem"
export SSPR_LDAP_BIND_DN="cn=sspr,ou=services,$BASE" SSPR_LDAP_BIND_PASSWORD="$SERVICE_PASSWORD" SSPR_LDAP_BASE_DN="$BASE"
target/release/sspr directory test alice@contoso.example
target/release/sspr user promote admin@contoso.example
echo "sspr: open $SSPR_PUBLIC_URL on the OpenLDAP directory ldap://127.0.0.1:$PORT ($dir)."
echo "      People: alice, mike, olivia, admin (an administrator) @contoso.example, password \"$PASSWORD\";"
echo "      register methods first, then reset; codes appear at /dev/outbox."
target/release/sspr serve
