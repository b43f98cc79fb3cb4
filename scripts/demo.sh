#!/usr/bin/env bash
# One command from a fresh machine to a running product: installs the build tools, builds the
# release, and serves it on SQLite with the demo directory and the development outbox.
#   scripts/demo.sh        then open http://127.0.0.1:3000
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/setup.sh
# Precompressed (brotli and gzip files beside the WebAssembly, script and stylesheet), as served
# in production: the server never compresses a file per request.
cargo leptos build --release --precompress --split
export DATABASE_URL="${DATABASE_URL:-sqlite:sspr-demo.db}"
export SSPR_DEMO="${SSPR_DEMO:-true}"
export LEPTOS_ENV="${LEPTOS_ENV:-DEV}"
export SSPR_PUBLIC_URL="${SSPR_PUBLIC_URL:-http://127.0.0.1:3000}"
echo "sspr: open $SSPR_PUBLIC_URL — demo accounts are listed in README.md; messages appear at /dev/outbox"
exec target/release/sspr serve
