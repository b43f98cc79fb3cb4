//! `Leptos.toml` (read by the server at run time) must agree with `[package.metadata.leptos]`
//! in Cargo.toml (read by cargo-leptos at build time), or the server looks for files that the
//! build put elsewhere.

#[test]
fn leptos_toml_agrees_with_the_cargo_leptos_settings() {
    let read = |path: &str| -> toml::Table { std::fs::read_to_string(path).unwrap().parse().unwrap() };
    let meta = |t: &toml::Table| t["package"]["metadata"]["leptos"].as_table().unwrap().clone();
    let runtime = meta(&read("Leptos.toml"));
    let build = meta(&read("Cargo.toml"));
    assert!(!runtime.is_empty());
    for (key, value) in &runtime {
        assert_eq!(Some(value), build.get(key), "Leptos.toml's {key} differs from Cargo.toml's");
    }
}

#[test]
fn the_server_really_reads_leptos_toml() {
    let conf = leptos::config::get_configuration(Some("Leptos.toml")).unwrap();
    assert_eq!(conf.leptos_options.output_name.as_ref(), "sspr");
    assert_eq!(conf.leptos_options.site_pkg_dir.as_ref(), "pkg");
}
