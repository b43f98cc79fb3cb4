# shellcheck shell=bash
# A throwaway OpenLDAP directory (Debian's slapd) for scripts/demo-ldap.sh and the LDAP browser
# tests (end2end/ldap-server.sh): StartTLS with a CA of its own, the ppolicy overlay (history of 3,
# quality checked, at least 8 characters, a lock-out after 5 wrong passwords), the memberof
# overlay, and a service account, cn=sspr,ou=services, that may set passwords and lift lock-outs
# and reads the rest. Sourced, then:
#   SLAPD_DIR=… SLAPD_PORT=… SLAPD_ROOT_PASSWORD=… SLAPD_SERVICE_PASSWORD=…
#   { slapd_person alice "Alice Martin" "+33 1 23 45 67 89" "$password"; … } > people.ldif
#   slapd_start people.ldif        # loads the directory, starts slapd, sets SLAPD_PID
#   slapd_sspr_env                 # exports sspr's SSPR_DIRECTORY=ldap settings for it
SLAPD_BASE="dc=contoso,dc=example"
SLAPD_ROOT_DN="cn=admin,$SLAPD_BASE"
SLAPD_SERVICE_DN="cn=sspr,ou=services,$SLAPD_BASE"
SLAPD_PID=""

# One person's entry (LDIF), its user ID being its e-mail address: uid, name, phone, password.
slapd_person() {
  printf 'dn: uid=%s,ou=people,%s\nobjectClass: inetOrgPerson\nuid: %s\ncn: %s\nsn: %s\nmail: %s@contoso.example\ntelephoneNumber: %s\nuserPassword: %s\n\n' \
    "$1" "$SLAPD_BASE" "$1" "$2" "${2##* }" "$1" "$3" "$4"
}

slapd_start() {
  local people="$1" dir="$SLAPD_DIR"
  mkdir -p "$dir/data"
  # A CA and the directory's certificate for StartTLS.
  local ec=(-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes)
  openssl req -x509 "${ec[@]}" -keyout "$dir/ca.key" -out "$dir/ca.pem" -days 30 -subj "/CN=sspr throwaway CA" 2>/dev/null
  openssl req "${ec[@]}" -keyout "$dir/server.key" -out "$dir/server.csr" -subj "/CN=127.0.0.1" 2>/dev/null
  echo "subjectAltName=IP:127.0.0.1,DNS:localhost" > "$dir/ext.cnf"
  openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" -CAcreateserial \
    -out "$dir/server.pem" -days 30 -extfile "$dir/ext.cnf" 2>/dev/null

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
argsfile $dir/slapd.args
TLSCACertificateFile $dir/ca.pem
TLSCertificateFile $dir/server.pem
TLSCertificateKeyFile $dir/server.key
database mdb
maxsize 67108864
suffix "$SLAPD_BASE"
rootdn "$SLAPD_ROOT_DN"
rootpw $SLAPD_ROOT_PASSWORD
directory $dir/data
overlay ppolicy
ppolicy_default "cn=default,ou=policies,$SLAPD_BASE"
ppolicy_hash_cleartext
ppolicy_use_lockout
overlay memberof
memberof-group-oc groupOfNames
memberof-member-ad member
memberof-memberof-ad memberOf
access to attrs=pwdAccountLockedTime
  by dn.exact="$SLAPD_SERVICE_DN" write
  by * none
access to attrs=userPassword
  by dn.exact="$SLAPD_SERVICE_DN" write
  by self write
  by anonymous auth
  by * none
access to *
  by dn.exact="$SLAPD_SERVICE_DN" read
  by self read
  by * none
EOF

  {
    printf 'dn: %s\nobjectClass: dcObject\nobjectClass: organization\no: Contoso\ndc: contoso\n\n' "$SLAPD_BASE"
    for ou in people services groups policies; do
      printf 'dn: ou=%s,%s\nobjectClass: organizationalUnit\nou: %s\n\n' "$ou" "$SLAPD_BASE" "$ou"
    done
    printf 'dn: cn=default,ou=policies,%s\nobjectClass: device\nobjectClass: pwdPolicy\ncn: default\npwdAttribute: userPassword\npwdInHistory: 3\npwdCheckQuality: 1\npwdMinLength: 8\npwdLockout: TRUE\npwdMaxFailure: 5\n\n' "$SLAPD_BASE"
    printf 'dn: %s\nobjectClass: applicationProcess\nobjectClass: simpleSecurityObject\ncn: sspr\nuserPassword: %s\n\n' "$SLAPD_SERVICE_DN" "$SLAPD_SERVICE_PASSWORD"
    cat "$people"
  } > "$dir/data.ldif"
  slapadd -f "$dir/slapd.conf" -l "$dir/data.ldif" 2>/dev/null
  slapd -f "$dir/slapd.conf" -h "ldap://127.0.0.1:$SLAPD_PORT/" -d 0 >/dev/null 2>&1 &
  SLAPD_PID=$!
  local _
  for _ in $(seq 100); do
    ldapsearch -x -H "ldap://127.0.0.1:$SLAPD_PORT" -b "" -s base 1.1 >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "slapd did not start on 127.0.0.1:$SLAPD_PORT" >&2
  return 1
}

# LDIF changes applied as the directory's administrator, from standard input.
slapd_admin_modify() {
  ldapmodify -x -H "ldap://127.0.0.1:$SLAPD_PORT" -D "$SLAPD_ROOT_DN" -w "$SLAPD_ROOT_PASSWORD" >/dev/null
}

slapd_sspr_env() {
  export SSPR_DIRECTORY=ldap SSPR_LDAP_URL="ldap://127.0.0.1:$SLAPD_PORT" SSPR_LDAP_CA_FILE="$SLAPD_DIR/ca.pem"
  export SSPR_LDAP_BIND_DN="$SLAPD_SERVICE_DN" SSPR_LDAP_BIND_PASSWORD="$SLAPD_SERVICE_PASSWORD" SSPR_LDAP_BASE_DN="$SLAPD_BASE"
}
