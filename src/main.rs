//! The `sspr` command: `serve`, `migrate` and account administration.

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    sspr::server::cli::main().await
}
