#!/usr/bin/env bash
# What weighs in the WebAssembly, by crate and by function, so that the next regression is easy
# to find (issue 14, item 3). Builds the browser half as the release does (the wasm-release
# profile: opt-level z, LTO), keeps the function names that the release strips, and runs
# twiggy (installed once from crates.io) on it:
#   * the crates, with their share of the code (functions grouped by the crate that names them:
#     the trait's for `<T as trait>::…`; debug sections left out). On 2026-12-06 about 60 % still
#     falls under "(other)", items whose names the grouping does not read yet: the top list
#     below is the reliable part;
#   * the WASM_TOP (40) heaviest functions and data segments.
# Sizes are before wasm-bindgen and wasm-opt, hence about 10 % above what is served; use
# scripts/size-report.mjs for the served bytes.
#   scripts/wasm-weight.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/setup.sh
TWIGGY_VERSION=0.7.0
if [[ "$(twiggy --version 2>/dev/null || true)" != *"$TWIGGY_VERSION"* ]]; then
  echo "wasm-weight: installing twiggy $TWIGGY_VERSION (once)"
  cargo install twiggy --version "=$TWIGGY_VERSION" --locked
fi
target_dir="${CARGO_TARGET_DIR:-target}"
CARGO_PROFILE_WASM_RELEASE_STRIP=false CARGO_PROFILE_WASM_RELEASE_DEBUG=false \
  cargo build --lib --profile wasm-release --features hydrate --target wasm32-unknown-unknown
wasm="$target_dir/wasm32-unknown-unknown/wasm-release/sspr.wasm"
echo "== $wasm: $(stat -c %s "$wasm") bytes"
echo "== by crate"
twiggy top -n 1000000 -f csv "$wasm" | node -e '
  const rows = require("fs").readFileSync(0, "utf8").trim().split("\n").slice(1);
  const by = new Map();
  let total = 0;
  for (const row of rows) {
    const m = row.match(/^(?:"((?:[^"]|"")*)"|([^,]*)),(\d+),/);
    if (!m) continue;
    const name = (m[1] ?? m[2]).replace(/""/g, "\"");
    const size = Number(m[3]);
    if (name.startsWith("custom section")) continue; // debug and tool sections: never served
    total += size;
    const path = name.match(/^<.+? as &?(?:mut )?([A-Za-z_][A-Za-z0-9_]*)(?:\[[0-9a-f]+\])?::/) ??
      name.match(/^<*&?(?:mut )?(?:dyn )?([A-Za-z_][A-Za-z0-9_]*)(?:\[[0-9a-f]+\])?::/);
    const key = path ? path[1] : name.startsWith("data[") ? "(data segments)" : "(other)";
    by.set(key, (by.get(key) ?? 0) + size);
  }
  for (const [k, v] of [...by].sort((a, b) => b[1] - a[1]).slice(0, 30))
    console.log(`${(v / 1024).toFixed(1).padStart(9)} KiB ${(100 * v / total).toFixed(1).padStart(5)} %  ${k}`);
'
echo "== heaviest items"
twiggy top -n "${WASM_TOP:-40}" "$wasm"
