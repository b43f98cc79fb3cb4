//! Every admin server function refuses visitors and non-administrators: each part of the
//! console has a test that calls each of its endpoints with real arguments as a visitor, as a
//! user and as an administrator (tests/admin_accounts.rs, admin_policy.rs, admin_audit.rs). This
//! one makes sure that no endpoint escapes them: every `/api/admin_…` function the server knows
//! must be called by one of those tests.

const REFUSAL_TESTS: [&str; 3] = [include_str!("admin_accounts.rs"), include_str!("admin_policy.rs"), include_str!("admin_audit.rs")];

#[tokio::test]
async fn every_admin_endpoint_has_a_refusal_test() {
    // Building the router links every server function in (they register themselves).
    let _app = sspr::server::serve::router(crate::common::state(crate::common::sqlite().await));
    let admin_paths: Vec<&str> = leptos::server_fn::axum::server_fn_paths().map(|(path, _)| path).filter(|p| p.starts_with("/api/admin_")).collect();
    assert!(admin_paths.len() >= 25, "the registry lists the console's functions: {admin_paths:?}");
    for path in admin_paths {
        // Quoted and followed by the end of the path, its query, or a space: `/api/admin_audit`
        // must not count as tested because `/api/admin_audit_verify` is.
        let called = REFUSAL_TESTS.iter().any(|source| ['"', '?', ' '].iter().any(|end| source.contains(&format!("{path}{end}"))));
        assert!(called, "{path} is not called by any refusal test");
    }
}

#[test]
fn every_admin_endpoint_checks_the_administrator_first() {
    // Each admin server function's body starts with the one check (`support::admin`), before
    // anything it reads or writes: every `#[server]` of every file in src/api/admin calls it,
    // itself or through `api::admin`'s `read`, `change` or `as_admin`, which run nothing before
    // it (read from the folder, so that a new file cannot escape).
    let folder = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src/api/admin"));
    let helpers = std::fs::read_to_string(folder.join("mod.rs")).unwrap();
    assert!(helpers.contains("    run(super::support::admin().await?).await\n}"), "as_admin checks the administrator before it runs anything");
    assert!(helpers.contains("super::support::answer(as_admin(run).await)") && helpers.contains("back.finish(as_admin(run).await)"), "read and change go through as_admin");
    let checks = ["admin().await?", "read(", "change(", "as_admin("];
    let mut functions = 0;
    for entry in std::fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        let source = std::fs::read_to_string(&path).unwrap();
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        for function in source.split("#[server(endpoint").skip(1) {
            functions += 1;
            let name = function.split('"').nth(1).and_then(|s| s.split('"').next()).unwrap_or("?");
            let body = function.split("\n}\n").next().unwrap_or("");
            assert!(checks.iter().any(|check| body.contains(check)), "{file}: {name} does not start with the administrator check");
        }
    }
    assert!(functions >= 25, "the console's functions were read: {functions}");
}
