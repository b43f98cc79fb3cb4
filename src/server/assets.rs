//! What browsers download besides pages, and how it travels: the build's file names (with a
//! content hash, `hash-files` in Cargo.toml), cache headers, and compression.
//!
//! * The WebAssembly, JavaScript and CSS are compressed once, at build time (`cargo leptos
//!   build --release -P` writes `.br` and `.gz` beside each file) and served as they are by
//!   leptos_axum's file handler. Nothing read from disk is compressed per request: brotli at its
//!   best level costs seconds of CPU on the WebAssembly.
//! * Pages and server-function answers are compressed as they are sent, at a cheap level.
//! * A file whose name carries its content hash never changes: browsers and proxies keep it a
//!   year. Other files (the icon) are kept an hour. Pages are never kept by anyone
//!   (`no-store`, set by `security::headers`).

use axum::extract::Request;
use axum::http::{HeaderValue, Response, header};
use axum::middleware::Next;
use leptos::config::LeptosOptions;
use std::sync::OnceLock;
use tower_http::CompressionLevel;
use tower_http::compression::predicate::{DefaultPredicate, Predicate};
use tower_http::compression::CompressionLayer;

/// The files of this build that pages link to by hand, by their served path (the console's
/// pages link the script and the WebAssembly through Leptos' `HydrationScripts`, which reads the
/// same hash file and names them the same way).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assets {
    /// The stylesheet, e.g. `/pkg/sspr.3Xb…Q.css` (`/pkg/sspr.css` without hashes).
    pub css: String,
    /// The WebAssembly's JavaScript module, e.g. `/pkg/sspr.AbC…5.js`.
    pub js: String,
    /// The WebAssembly, e.g. `/pkg/sspr.Zz9…2.wasm` (`/pkg/sspr_bg.wasm` in a build that
    /// cargo-leptos did not make: wasm-bindgen's own name).
    pub wasm: String,
}

impl Assets {
    /// Reads the names from the hash file that cargo-leptos writes beside the server binary
    /// (`hash.txt`, lines such as `css: 3Xb…Q`), when the options say files are hashed.
    pub fn of(options: &LeptosOptions) -> Assets {
        let hashes = if options.hash_files {
            let path = std::env::current_exe().ok().and_then(|p| p.parent().map(|d| d.join(options.hash_file.as_ref())));
            match path.as_ref().map(std::fs::read_to_string) {
                Some(Ok(text)) => text,
                _ => {
                    tracing::error!(file = ?path, "LEPTOS_HASH_FILES is on but the hash file cannot be read: files are linked without hashes");
                    String::new()
                }
            }
        } else {
            String::new()
        };
        Assets::from_hash_file(options, &hashes)
    }

    /// The names for a hash file's text (empty: no hashes).
    pub fn from_hash_file(options: &LeptosOptions, hashes: &str) -> Assets {
        let pkg = format!("/{}/{}", options.site_pkg_dir, options.output_name);
        let hash_of = |kind: &str| {
            hashes.lines().filter_map(|l| l.split_once(':')).find(|(k, _)| k.trim() == kind).map(|(_, h)| h.trim().to_owned()).filter(|h| !h.is_empty())
        };
        let named = |kind: &str, unhashed: &str| match hash_of(kind) {
            Some(h) => format!("{pkg}.{h}.{kind}"),
            None => format!("{pkg}{unhashed}.{kind}"),
        };
        let wasm_suffix = if option_env!("LEPTOS_OUTPUT_NAME").is_some() { "" } else { "_bg" };
        Assets { css: named("css", ""), js: named("js", ""), wasm: named("wasm", wasm_suffix) }
    }

}

static ASSETS: OnceLock<Assets> = OnceLock::new();

/// Reads this build's file names once, when the server builds its router, and says when the
/// site was built without `--split`: its WebAssembly would ask for console chunks that do not
/// exist (`pages::admin::Console` is a lazy island).
pub fn init(options: &LeptosOptions) {
    ASSETS.get_or_init(|| {
        let pkg = std::path::Path::new(options.site_root.as_ref()).join(options.site_pkg_dir.as_ref());
        let split = std::fs::read_dir(&pkg)
            .map(|files| files.flatten().any(|f| f.file_name().to_string_lossy().starts_with("__wasm_split_manifest")))
            .unwrap_or(true);
        if !split {
            tracing::error!(dir = %pkg.display(), "the site was built without --split: the console cannot load in browsers (build with `cargo leptos build --release --precompress --split`)");
        }
        Assets::of(options)
    });
}

/// The stylesheet's path, for the shell and for the pages rendered without the app.
pub fn stylesheet() -> &'static str {
    ASSETS.get().map_or("/pkg/sspr.css", |a| a.css.as_str())
}

/// The WebAssembly's JavaScript module and the WebAssembly, for the portal pages' router.
pub fn script_and_wasm() -> (&'static str, &'static str) {
    ASSETS.get().map_or(("/pkg/sspr.js", "/pkg/sspr_bg.wasm"), |a| (a.js.as_str(), a.wasm.as_str()))
}

/// Middleware: the cache headers of files served from disk (they carry `Last-Modified`), and
/// `Vary: Accept-Encoding` where a compressed variant may be chosen.
pub async fn cache_headers(req: Request, next: Next) -> Response<axum::body::Body> {
    let path = req.uri().path().to_owned();
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    if !h.contains_key(header::LAST_MODIFIED) || h.contains_key(header::CACHE_CONTROL) {
        return res;
    }
    let policy = if is_hashed_name(&path) { "public, max-age=31536000, immutable" } else { "public, max-age=3600" };
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    if !h.get_all(header::VARY).iter().any(|v| v.as_bytes().eq_ignore_ascii_case(b"accept-encoding")) {
        h.append(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    res
}

/// `/pkg/<name>.<hash>.<ext>`: cargo-leptos puts a 20-or-more-character URL-safe base64 hash
/// of the content between the name and the extension.
pub fn is_hashed_name(path: &str) -> bool {
    let Some(file) = path.strip_prefix("/pkg/") else { return false };
    let mut parts = file.rsplitn(3, '.');
    let (Some(ext), Some(hash), Some(name)) = (parts.next(), parts.next(), parts.next()) else { return false };
    !name.is_empty()
        && matches!(ext, "js" | "wasm" | "css")
        && hash.len() >= 20
        && hash.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Compresses pages and answers (brotli or gzip, as the browser accepts, at level 1), never
/// files from disk (see above), downloads (the audit log's export streams as it is read, and
/// Chromium cancels a compressed attachment) nor tiny bodies. Level 1, measured on a signed-in
/// `/setup` on PostgreSQL (`wrk`, 4 connections, alternate runs of two builds): about 1,250
/// views/s against 1,020 at level 4 and 940 at level 2, for 8.3 kB of brotli instead of 7.2.
pub fn compression() -> CompressionLayer<impl Predicate> {
    CompressionLayer::new()
        .br(true)
        .gzip(true)
        .no_deflate()
        .no_zstd()
        .quality(CompressionLevel::Precise(1))
        .compress_when(DefaultPredicate::new().and(Rendered))
}

/// A page or an answer rendered by the app: not a file served from disk (those carry
/// `Last-Modified`), not a download (`Content-Disposition: attachment`).
#[derive(Clone, Copy)]
struct Rendered;

impl Predicate for Rendered {
    fn should_compress<B: axum::body::HttpBody>(&self, response: &axum::http::Response<B>) -> bool {
        let h = response.headers();
        !h.contains_key(header::LAST_MODIFIED) && !h.contains_key(header::CONTENT_DISPOSITION)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options() -> LeptosOptions {
        LeptosOptions::builder().output_name("sspr").build()
    }

    #[test]
    fn names_come_from_the_hash_file() {
        let a = Assets::from_hash_file(&options(), "js: AbC_def-123456789012345\nwasm: Zz9_8-7654321098765432\ncss: Qq1234567890123456789012\n");
        assert_eq!(a.css, "/pkg/sspr.Qq1234567890123456789012.css");
        assert_eq!(a.js, "/pkg/sspr.AbC_def-123456789012345.js");
        assert_eq!(a.wasm, "/pkg/sspr.Zz9_8-7654321098765432.wasm");
        assert!([&a.css, &a.js, &a.wasm].iter().all(|p| is_hashed_name(p)));
        assert_eq!(Assets::from_hash_file(&options(), "").css, "/pkg/sspr.css");
    }

    #[test]
    fn only_hashed_build_files_are_immutable() {
        assert!(is_hashed_name("/pkg/sspr.AbC_def-123456789012345.wasm"));
        assert!(is_hashed_name("/pkg/sspr.AbC_def-123456789012345.js"));
        assert!(is_hashed_name("/pkg/sspr.AbC_def-123456789012345.css"));
        assert!(!is_hashed_name("/pkg/sspr.wasm"));
        assert!(!is_hashed_name("/pkg/sspr_bg.wasm"));
        assert!(!is_hashed_name("/pkg/sspr.short.js"));
        assert!(!is_hashed_name("/favicon.svg"));
        assert!(!is_hashed_name("/pkg/sspr.AbC_def-123456789012345.html"));
        assert!(!is_hashed_name("/setup"));
    }
}
