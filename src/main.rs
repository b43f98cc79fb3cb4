//! The `sspr` command: `serve`, `migrate` and account administration.

#[tokio::main]
async fn main() -> std::process::ExitCode {
    sspr::server::cli::main().await
}
