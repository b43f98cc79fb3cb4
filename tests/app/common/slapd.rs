//! A real OpenLDAP `slapd` (Debian's package, installed by `scripts/setup.sh --tests`) on a
//! loopback port, with its own database in a temporary folder: the Contoso tree, the password
//! policy overlay (ppolicy: history of 3, quality checks, a lock-out after 5 wrong passwords, a
//! stricter policy with a minimum length of 40 and a minimum age of an hour, and one whose users
//! must change a password someone else set), `memberOf` kept by
//! the memberof overlay, a service account that may read entries, write passwords and lift
//! lock-outs but gets at most 3 entries from a search unless it asks page by page (RFC 2696),
//! and StartTLS with a certificate of a CA made for the test.

use super::directory_tools::{ldapmodify, make_ca, make_server_certificate, run};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub const BASE_DN: &str = "dc=contoso,dc=example";
pub const SERVICE_DN: &str = "cn=sspr,ou=services,dc=contoso,dc=example";
pub const SERVICE_PASSWORD: &str = "service-secret-for-tests";
const ROOT_DN: &str = "cn=admin,dc=contoso,dc=example";
const ROOT_PASSWORD: &str = "root-secret-for-tests";

pub struct Slapd {
    pub dir: PathBuf,
    pub port: u16,
    child: Option<Child>,
}

/// The DN of a person of the test tree.
pub fn dn(uid: &str) -> String {
    format!("uid={uid},ou=people,{BASE_DN}")
}

/// An LDIF entry for a person (`strict`: under the stricter password policy).
pub fn person(uid: &str, name: &str, password: &str, strict: bool) -> String {
    let policy = if strict { format!("pwdPolicySubentry: cn=strict,ou=policies,{BASE_DN}\n") } else { String::new() };
    let surname = name.split_whitespace().last().unwrap_or(name);
    format!(
        "dn: {}\nobjectClass: inetOrgPerson\nuid: {uid}\ncn: {name}\nsn: {surname}\nmail: {uid}@contoso.example\n\
         telephoneNumber: +33 1 23 45 67 89\nuserPassword: {password}\n{policy}\n",
        dn(uid)
    )
}

impl Slapd {
    /// A new directory holding `people` (LDIF entries from [`person`]).
    pub fn start(people: &[String]) -> Slapd {
        let dir = std::env::temp_dir().join(format!("sspr_slapd_{}_{}", std::process::id(), super::unique("d")));
        std::fs::create_dir_all(dir.join("data")).unwrap();
        let path = |f: &str| dir.join(f).display().to_string();
        // A CA and the server's certificate for 127.0.0.1.
        make_ca(&dir, "sspr test CA");
        make_server_certificate(&dir, &dir, "127.0.0.1");
        let config = format!(
            "include /etc/ldap/schema/core.schema\ninclude /etc/ldap/schema/cosine.schema\n\
             include /etc/ldap/schema/inetorgperson.schema\ninclude /etc/ldap/schema/nis.schema\n\
             modulepath /usr/lib/ldap\nmoduleload back_mdb\nmoduleload ppolicy\nmoduleload memberof\n\
             pidfile {pid}\nargsfile {args}\n\
             TLSCACertificateFile {ca}\nTLSCertificateFile {cert}\nTLSCertificateKeyFile {key}\n\
             database mdb\nmaxsize 67108864\nsuffix \"{BASE_DN}\"\nrootdn \"{ROOT_DN}\"\nrootpw {ROOT_PASSWORD}\ndirectory {data}\n\
             limits dn.exact=\"{SERVICE_DN}\" size.soft=3 size.hard=3 size.prtotal=unlimited\n\
             overlay ppolicy\nppolicy_default \"cn=default,ou=policies,{BASE_DN}\"\nppolicy_hash_cleartext\nppolicy_use_lockout\n\
             overlay memberof\nmemberof-group-oc groupOfNames\nmemberof-member-ad member\nmemberof-memberof-ad memberOf\n\
             access to attrs=pwdAccountLockedTime\n  by dn.exact=\"{SERVICE_DN}\" write\n  by * none\n\
             access to attrs=userPassword\n  by dn.exact=\"{SERVICE_DN}\" write\n  by self write\n  by anonymous auth\n  by * none\n\
             access to *\n  by dn.exact=\"{SERVICE_DN}\" read\n  by self read\n  by * none\n",
            pid = path("slapd.pid"),
            args = path("slapd.args"),
            ca = path("ca.pem"),
            cert = path("server.pem"),
            key = path("server.key"),
            data = path("data"),
        );
        std::fs::write(dir.join("slapd.conf"), config).unwrap();
        let mut ldif = format!(
            "dn: {BASE_DN}\nobjectClass: dcObject\nobjectClass: organization\no: Contoso\ndc: contoso\n\n\
             dn: ou=people,{BASE_DN}\nobjectClass: organizationalUnit\nou: people\n\n\
             dn: ou=services,{BASE_DN}\nobjectClass: organizationalUnit\nou: services\n\n\
             dn: ou=groups,{BASE_DN}\nobjectClass: organizationalUnit\nou: groups\n\n\
             dn: ou=policies,{BASE_DN}\nobjectClass: organizationalUnit\nou: policies\n\n\
             dn: cn=default,ou=policies,{BASE_DN}\nobjectClass: device\nobjectClass: pwdPolicy\ncn: default\n\
             pwdAttribute: userPassword\npwdInHistory: 3\npwdCheckQuality: 1\npwdMinLength: 8\npwdLockout: TRUE\npwdMaxFailure: 5\n\n\
             dn: cn=strict,ou=policies,{BASE_DN}\nobjectClass: device\nobjectClass: pwdPolicy\ncn: strict\n\
             pwdAttribute: userPassword\npwdInHistory: 3\npwdCheckQuality: 2\npwdMinLength: 40\npwdMinAge: 3600\n\n\
             dn: cn=mustchange,ou=policies,{BASE_DN}\nobjectClass: device\nobjectClass: pwdPolicy\ncn: mustchange\n\
             pwdAttribute: userPassword\npwdMustChange: TRUE\npwdAllowUserChange: TRUE\n\n\
             dn: {SERVICE_DN}\nobjectClass: applicationProcess\nobjectClass: simpleSecurityObject\ncn: sspr\nuserPassword: {SERVICE_PASSWORD}\n\n"
        );
        for p in people {
            ldif.push_str(p);
        }
        std::fs::write(dir.join("data.ldif"), ldif).unwrap();
        run(Command::new("slapadd").args(["-f", &path("slapd.conf"), "-l", &path("data.ldif")]));
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let mut slapd = Slapd { dir, port, child: None };
        slapd.run();
        slapd
    }

    /// Starts slapd on its port and waits until it accepts connections.
    fn run(&mut self) {
        let child = Command::new("slapd")
            .args(["-f", &self.dir.join("slapd.conf").display().to_string(), "-h", &format!("ldap://127.0.0.1:{}/", self.port), "-d", "0"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start slapd (scripts/setup.sh --tests installs it)");
        self.child = Some(child);
        let deadline = Instant::now() + Duration::from_secs(10);
        while std::net::TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            assert!(Instant::now() < deadline, "slapd did not start on port {}", self.port);
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Stops slapd (the directory is down until [`Slapd::restart`]).
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    pub fn restart(&mut self) {
        self.stop();
        self.run();
    }

    pub fn url(&self) -> String {
        format!("ldap://127.0.0.1:{}", self.port)
    }

    pub fn ca_file(&self) -> String {
        self.dir.join("ca.pem").display().to_string()
    }

    /// sspr's settings for this directory: StartTLS, trusting the test CA.
    pub fn vars(&self) -> Vec<(&'static str, String)> {
        vec![
            ("SSPR_DIRECTORY", "ldap".into()),
            ("SSPR_LDAP_URL", self.url()),
            ("SSPR_LDAP_CA_FILE", self.ca_file()),
            ("SSPR_LDAP_BIND_DN", SERVICE_DN.into()),
            ("SSPR_LDAP_BIND_PASSWORD", SERVICE_PASSWORD.into()),
            ("SSPR_LDAP_BASE_DN", BASE_DN.into()),
        ]
    }

    /// Whether `password` binds as `uid`, asked with OpenLDAP's own client over StartTLS.
    pub fn binds(&self, uid: &str, password: &str) -> bool {
        Command::new("ldapwhoami")
            .env("LDAPTLS_CACERT", self.ca_file())
            .args(["-ZZ", "-x", "-H", &self.url(), "-D", &dn(uid), "-w", password])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .unwrap()
            .success()
    }

    /// Binds as `uid` with a wrong password `n` times (the directory's lock-out counts them).
    pub fn fail_binds(&self, uid: &str, n: usize) {
        for _ in 0..n {
            assert!(!self.binds(uid, "not the password at all"));
        }
    }

    /// Sets `uid`'s password as the directory's administrator, with OpenLDAP's own
    /// `ldappasswd`, as a tool other than sspr would. (The administrator may manage passwords,
    /// which ppolicy's rules do not bind; sspr's service account may only write them, so that
    /// its resets go through the policy.)
    pub fn set_password_as_administrator(&self, uid: &str, password: &str) {
        run(Command::new("ldappasswd")
            .env("LDAPTLS_CACERT", self.ca_file())
            .args(["-ZZ", "-x", "-H", &self.url(), "-D", ROOT_DN, "-w", ROOT_PASSWORD, "-s", password, &dn(uid)]));
    }

    /// Applies an LDIF change as the directory's root (renames, deletions, attribute changes).
    pub fn modify(&self, ldif: &str) {
        ldapmodify(&self.url(), None, ROOT_DN, ROOT_PASSWORD, ldif);
    }

    /// Makes the group `name` (under `ou=groups`) with `members` (uids), or gives it those
    /// members; the memberof overlay writes their `memberOf`.
    pub fn set_group(&self, name: &str, members: &[&str]) {
        let dn = format!("cn={name},ou=groups,{BASE_DN}");
        let exists = Command::new("ldapsearch")
            .args(["-x", "-LLL", "-H", &self.url(), "-D", ROOT_DN, "-w", ROOT_PASSWORD, "-b", &dn, "-s", "base", "1.1"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .unwrap()
            .success();
        // groupOfNames needs a member: the root's own DN stands in while a group is empty.
        let mut member_lines: String = members.iter().map(|m| format!("member: {}\n", self::dn(m))).collect();
        if members.is_empty() {
            member_lines = format!("member: {ROOT_DN}\n");
        }
        if exists {
            self.modify(&format!("dn: {dn}\nchangetype: modify\nreplace: member\n{member_lines}\n"));
        } else {
            self.modify(&format!("dn: {dn}\nchangetype: add\nobjectClass: groupOfNames\ncn: {name}\n{member_lines}\n"));
        }
    }

    /// The values of `attribute` of `uid`'s entry, read as the root (operational ones included).
    pub fn attribute(&self, uid: &str, attribute: &str) -> Vec<String> {
        let out = run(Command::new("ldapsearch").args(["-x", "-LLL", "-o", "ldif-wrap=no", "-H", &self.url(), "-D", ROOT_DN, "-w", ROOT_PASSWORD, "-b", &dn(uid), "-s", "base", "(objectClass=*)", attribute]));
        let prefix = format!("{attribute}: ");
        out.lines().filter_map(|l| l.strip_prefix(&prefix)).map(str::to_owned).collect()
    }
}

impl Drop for Slapd {
    fn drop(&mut self) {
        self.stop();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
