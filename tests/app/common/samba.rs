//! A real Active Directory domain controller: Debian's Samba AD DC (installed by
//! `scripts/setup.sh --tests`), with its own domain `SSPR.TEST` in a temporary folder, serving
//! LDAP with StartTLS (a certificate of a CA made for the test) on an address of its own in
//! 127.0.0.0/8, since AD's ports are fixed. The domain is provisioned once per test process
//! (a few seconds) and copied for each test (a DC starts in about a second): password policy
//! with complexity, a history of 3 and a lock-out after 5 wrong passwords; `OU=People`, on
//! which the service account `sspr-service` was delegated "Reset Password" and the writing of
//! `lockoutTime` and `pwdLastSet` (as the README tells administrators to do); `OU=Admins`,
//! where it was not; the group `Staff`.

use super::directory_tools::{ldapmodify, make_ca, make_server_certificate, path, run};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

pub const BASE_DN: &str = "DC=sspr,DC=test";
pub const SERVICE_UPN: &str = "sspr-service@sspr.test";
pub const SERVICE_PASSWORD: &str = "Service-secret-4-tests";
const ADMIN_DN: &str = "CN=Administrator,CN=Users,DC=sspr,DC=test";
const ADMIN_PASSWORD: &str = "Admin-secret-4-tests";
/// The address the template is provisioned for: each DC's copy gets its own.
const TEMPLATE_IP: &str = "127.254.254.254";

pub struct SambaDc {
    pub dir: PathBuf,
    pub ip: String,
    child: Option<Child>,
}

/// The DN of a person of `OU=People` (or of `ou`).
pub fn dn_in(ou: &str, name: &str) -> String {
    format!("CN={name},OU={ou},{BASE_DN}")
}

pub fn dn(name: &str) -> String {
    dn_in("People", name)
}

/// An LDIF entry for an enabled user of `ou` whose UPN is `{sam}@sspr.test`.
pub fn person_in(ou: &str, sam: &str, name: &str, password: &str) -> String {
    use base64::Engine;
    let value = base64::engine::general_purpose::STANDARD.encode(sspr::server::directory::active_directory::password_value(password));
    format!(
        "dn: {}\nchangetype: add\nobjectClass: user\nsAMAccountName: {sam}\nuserPrincipalName: {sam}@sspr.test\n\
         displayName: {name}\nmail: {sam}@sspr.test\ntelephoneNumber: +33 1 23 45 67 89\nunicodePwd:: {value}\n\
         userAccountControl: 512\n\n",
        dn_in(ou, name)
    )
}

pub fn person(sam: &str, name: &str, password: &str) -> String {
    person_in("People", sam, name, password)
}

/// The domain controller's certificate for `ip`, in `dir/tls`.
fn certificate(ca_dir: &Path, dir: &Path, ip: &str) {
    let tls = dir.join("tls");
    std::fs::create_dir_all(&tls).unwrap();
    make_server_certificate(ca_dir, &tls, ip);
}

/// The provisioned domain, once per test process: its folder holds `ca.pem`/`ca.key` and the
/// domain controller's `dc/` to copy.
fn template() -> &'static Path {
    static TEMPLATE: OnceLock<PathBuf> = OnceLock::new();
    TEMPLATE.get_or_init(|| {
        // Templates of test processes that have ended go first.
        for stale in std::fs::read_dir(std::env::temp_dir()).unwrap().flatten() {
            let name = stale.file_name().to_string_lossy().into_owned();
            if let Some(pid) = name.strip_prefix("sspr_samba_template_") {
                if !Path::new("/proc").join(pid).exists() {
                    let _ = std::fs::remove_dir_all(stale.path());
                }
            }
        }
        let root = std::env::temp_dir().join(format!("sspr_samba_template_{}", std::process::id()));
        let dc = root.join("dc");
        std::fs::create_dir_all(&dc).unwrap();
        make_ca(&root, "sspr test AD CA");
        certificate(&root, &dc, TEMPLATE_IP);
        std::fs::write(root.join("empty.conf"), "").unwrap();
        run(Command::new("samba-tool").args(["domain", "provision", "--configfile", &path(&root, "empty.conf"), "--targetdir", &dc.display().to_string()]).args([
            "--realm=SSPR.TEST",
            "--domain=SSPR",
            "--host-name=dc1",
            "--server-role=dc",
            "--dns-backend=NONE",
            &format!("--adminpass={ADMIN_PASSWORD}"),
            &format!("--option=interfaces = {TEMPLATE_IP}/8"),
            "--option=bind interfaces only = yes",
            "--option=server services = ldap",
            "--option=tls enabled = yes",
            &format!("--option=tls keyfile = {}", path(&dc, "tls/server.key")),
            &format!("--option=tls certfile = {}", path(&dc, "tls/server.pem")),
            &format!("--option=tls cafile = {}", path(&root, "ca.pem")),
            &format!("--option=pid directory = {}", path(&dc, "run")),
        ]));
        // A previous password no longer binds once changed (Samba allows it for 60 minutes by
        // default, as AD does for NTLM).
        let conf = std::fs::read_to_string(dc.join("etc/smb.conf")).unwrap();
        std::fs::write(dc.join("etc/smb.conf"), conf.replacen("[global]\n", "[global]\n\told password allowed period = 0\n", 1)).unwrap();
        let sam = |args: &[&str]| {
            run(Command::new("samba-tool").args(args).args(["-H", &path(&dc, "private/sam.ldb"), "-s", &path(&dc, "etc/smb.conf")]));
        };
        sam(&["domain", "passwordsettings", "set", "--min-pwd-age=0", "--history-length=3", "--complexity=on", "--min-pwd-length=8", "--account-lockout-threshold=5"]);
        for ou in ["People", "Services", "Admins"] {
            sam(&["ou", "create", &format!("OU={ou},{BASE_DN}")]);
        }
        sam(&["user", "add", "sspr-service", SERVICE_PASSWORD, "--userou=OU=Services"]);
        sam(&["group", "add", "Staff"]);
        let shown = run(Command::new("samba-tool").args(["user", "show", "sspr-service", "-H", &path(&dc, "private/sam.ldb"), "-s", &path(&dc, "etc/smb.conf")]));
        let sid = shown.lines().find_map(|l| l.strip_prefix("objectSid: ")).expect("the service account's SID").trim().to_owned();
        // On the users (bf967aba…) of OU=People: Reset Password (00299570…), and writing
        // lockoutTime (28630ebf…) and pwdLastSet (bf967a0a…).
        for right in ["CR;00299570-246d-11d0-a768-00aa006e0529", "WP;28630ebf-41d5-11d1-a9c1-0000f80367c1", "WP;bf967a0a-0de6-11d0-a285-00aa003049e2"] {
            let sddl = format!("(OA;CIIO;{right};bf967aba-0de6-11d0-a285-00aa003049e2;{sid})");
            sam(&["dsacl", "set", "--action=allow", &format!("--objectdn=OU=People,{BASE_DN}"), &format!("--sddl={sddl}")]);
        }
        root
    })
}

static NEXT: AtomicU32 = AtomicU32::new(0);

impl SambaDc {
    /// A new domain controller of the template's domain holding `people` (LDIF from
    /// [`person`]).
    pub fn start(people: &[String]) -> SambaDc {
        let template = template();
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let ip = format!("127.{}.{}.{}", 100 + std::process::id() % 100, n / 200, 2 + n % 200);
        let dir = std::env::temp_dir().join(format!("sspr_samba_{}_{}", std::process::id(), super::unique("dc")));
        run(Command::new("cp").args(["-a", &template.join("dc").display().to_string(), &dir.display().to_string()]));
        let _ = std::fs::remove_file(dir.join("private/ldapi"));
        let _ = std::fs::remove_file(dir.join("private/ldap_priv/ldapi"));
        let _ = std::fs::remove_dir_all(dir.join("run"));
        certificate(template, &dir, &ip);
        let conf = std::fs::read_to_string(dir.join("etc/smb.conf")).unwrap();
        let from = template.join("dc").display().to_string();
        std::fs::write(dir.join("etc/smb.conf"), conf.replace(&from, &dir.display().to_string()).replace(TEMPLATE_IP, &ip)).unwrap();
        let mut dc = SambaDc { dir, ip, child: None };
        dc.run();
        if !people.is_empty() {
            dc.modify(&people.concat());
        }
        dc
    }

    /// Starts samba and waits until it answers LDAP.
    fn run(&mut self) {
        let child = Command::new("samba")
            .args(["--foreground", "--no-process-group", "-M", "single", "-s", &path(&self.dir, "etc/smb.conf")])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start samba (scripts/setup.sh --tests installs it)");
        self.child = Some(child);
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let answered = Command::new("ldapsearch")
                .args(["-x", "-H", &self.url(), "-b", "", "-s", "base", "1.1"])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .unwrap()
                .success();
            if answered {
                break;
            }
            if let Some(status) = self.child.as_mut().unwrap().try_wait().unwrap() {
                panic!("samba stopped at start ({status}); is {} free?", self.ip);
            }
            assert!(Instant::now() < deadline, "samba did not answer on {}", self.ip);
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Stops the domain controller (down until [`SambaDc::restart`]).
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
        format!("ldap://{}", self.ip)
    }

    pub fn ca_file(&self) -> String {
        path(template(), "ca.pem")
    }

    /// sspr's settings for this directory: the Active Directory preset, StartTLS, the test CA.
    pub fn vars(&self) -> Vec<(&'static str, String)> {
        vec![
            ("SSPR_DIRECTORY", "ldap".into()),
            ("SSPR_LDAP_PRESET", "active-directory".into()),
            ("SSPR_LDAP_URL", self.url()),
            ("SSPR_LDAP_CA_FILE", self.ca_file()),
            ("SSPR_LDAP_BIND_DN", SERVICE_UPN.into()),
            ("SSPR_LDAP_BIND_PASSWORD", SERVICE_PASSWORD.into()),
            ("SSPR_LDAP_BASE_DN", BASE_DN.into()),
        ]
    }

    /// A simple bind as `upn` over StartTLS with OpenLDAP's client: `Ok(())`, or the `data`
    /// code AD gives for the refusal (`52e` wrong, `773` must change, `775` locked, …).
    pub fn bind(&self, upn: &str, password: &str) -> Result<(), String> {
        let out = Command::new("ldapsearch")
            .env("LDAPTLS_CACERT", self.ca_file())
            .args(["-ZZ", "-x", "-H", &self.url(), "-D", upn, "-w", password, "-b", "", "-s", "base", "1.1"])
            .output()
            .unwrap();
        if out.status.success() {
            return Ok(());
        }
        let text = String::from_utf8_lossy(&out.stderr).into_owned();
        Err(text.split_once(", data ").map(|(_, rest)| rest.chars().take_while(char::is_ascii_hexdigit).collect()).unwrap_or(text))
    }

    pub fn binds(&self, upn: &str, password: &str) -> bool {
        self.bind(upn, password).is_ok()
    }

    /// Binds as `upn` with a wrong password `n` times (AD's lock-out counts them).
    pub fn fail_binds(&self, upn: &str, n: usize) {
        for _ in 0..n {
            assert!(!self.binds(upn, "Not-the-password-1"));
        }
    }

    /// Applies LDIF changes (with their `changetype`) as the domain's administrator.
    pub fn modify(&self, ldif: &str) {
        ldapmodify(&self.url(), Some(&self.ca_file()), ADMIN_DN, ADMIN_PASSWORD, ldif);
    }

    /// Replaces `attribute` of the entry `dn` with `value`, as the domain's administrator.
    pub fn set(&self, dn: &str, attribute: &str, value: &str) {
        self.modify(&format!("dn: {dn}\nchangetype: modify\nreplace: {attribute}\n{attribute}: {value}\n-\n\n"));
    }

    /// Adds the user `dn` to the group `Staff` (which then appears in their `memberOf`).
    pub fn join_staff(&self, dn: &str) {
        self.modify(&format!("dn: CN=Staff,CN=Users,{BASE_DN}\nchangetype: modify\nadd: member\nmember: {dn}\n-\n\n"));
    }

    /// The values of `attribute` of the entry `dn`, read as the domain's administrator.
    pub fn attribute(&self, dn: &str, attribute: &str) -> Vec<String> {
        let out = run(Command::new("ldapsearch").env("LDAPTLS_CACERT", self.ca_file()).args([
            "-ZZ",
            "-x",
            "-LLL",
            "-o",
            "ldif-wrap=no",
            "-H",
            &self.url(),
            "-D",
            ADMIN_DN,
            "-w",
            ADMIN_PASSWORD,
            "-b",
            dn,
            "-s",
            "base",
            "(objectClass=*)",
            attribute,
        ]));
        let prefix = format!("{attribute}: ");
        out.lines().filter_map(|l| l.strip_prefix(&prefix)).map(str::to_owned).collect()
    }
}

impl Drop for SambaDc {
    fn drop(&mut self) {
        self.stop();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
