// The WebAssembly's constant data (texts, tables) goes to the module whose code uses it.
// `cargo leptos --split` cuts the console's code into a chunk of its own, but wasm-ld merges
// the strings of the whole program into shared data segments when it optimises, and a segment
// that both halves use stays whole in the main module: the console's texts and tables (about
// 40 kB compressed) then rode in every portal page (cargo-leptos issue #679). One segment per
// item keeps them apart: the portal's WebAssembly went from 151 to 111 kB (brotli), and the
// console's chunk, which now holds its own data with a header per item, from 497 to 556 kB.
fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    if std::env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|arch| arch.starts_with("wasm")) {
        println!("cargo::rustc-link-arg-cdylib=--no-merge-data-segments");
    }
}
