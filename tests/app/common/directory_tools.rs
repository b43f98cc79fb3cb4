//! What the OpenLDAP and Samba AD harnesses share: running a tool of the directory's packages,
//! a test CA and a server certificate signed by it (P-256: quick to make), and applying LDIF
//! with OpenLDAP's `ldapmodify`.

use std::path::Path;
use std::process::{Command, Stdio};

/// Runs `cmd` to success and returns what it printed; a tool that is missing or fails stops the
/// test with what it said.
pub fn run(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap_or_else(|e| panic!("{cmd:?}: {e} (scripts/setup.sh --tests installs the directories' tools)"));
    assert!(out.status.success(), "{cmd:?} failed: {}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn path(dir: &Path, file: &str) -> String {
    dir.join(file).display().to_string()
}

const EC: [&str; 5] = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];

/// A CA named `name`: `dir/ca.pem` and `dir/ca.key`.
pub fn make_ca(dir: &Path, name: &str) {
    run(Command::new("openssl").args(["req", "-x509"]).args(EC).args(["-keyout", &path(dir, "ca.key"), "-out", &path(dir, "ca.pem"), "-days", "2", "-subj", &format!("/CN={name}")]));
}

/// `out/server.pem` and `out/server.key` (readable by its owner only, as Samba insists) for
/// `ip` (and `localhost`), signed by the CA of `ca_dir`.
pub fn make_server_certificate(ca_dir: &Path, out: &Path, ip: &str) {
    run(Command::new("openssl").arg("req").args(EC).args(["-keyout", &path(out, "server.key"), "-out", &path(out, "server.csr"), "-subj", &format!("/CN={ip}")]));
    std::fs::write(out.join("ext.cnf"), format!("subjectAltName=IP:{ip},DNS:localhost\n")).unwrap();
    run(Command::new("openssl").args(["x509", "-req", "-in", &path(out, "server.csr"), "-CA", &path(ca_dir, "ca.pem"), "-CAkey", &path(ca_dir, "ca.key")]).args([
        // The serial file beside the certificate, not the CA: tests sign with one CA in parallel.
        "-CAserial",
        &path(out, "ca.srl"),
        "-CAcreateserial",
        "-out",
        &path(out, "server.pem"),
        "-days",
        "2",
        "-extfile",
        &path(out, "ext.cnf"),
    ]));
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(out.join("server.key"), std::fs::Permissions::from_mode(0o600)).unwrap();
}

/// Applies LDIF changes (with their `changetype`) bound as `dn`; over StartTLS when `ca_file`
/// is given (AD refuses a simple bind without it).
pub fn ldapmodify(url: &str, ca_file: Option<&str>, dn: &str, password: &str, ldif: &str) {
    use std::io::Write;
    let mut cmd = Command::new("ldapmodify");
    if let Some(ca) = ca_file {
        cmd.env("LDAPTLS_CACERT", ca).arg("-ZZ");
    }
    let mut child = cmd.args(["-x", "-H", url, "-D", dn, "-w", password]).stdin(Stdio::piped()).stdout(Stdio::null()).stderr(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(ldif.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "ldapmodify: {}", String::from_utf8_lossy(&out.stderr));
}
