#!/usr/bin/env bash
# What leptos_i18n would cost a phone: builds the same small page (four texts, one plural, one
# interpolation, English and French) for the browser twice, once with a typed catalogue as
# sspr's src/i18n, once with leptos_i18n (JSON locales, CLDR plurals), each through wasm-bindgen
# and wasm-opt -Oz like a release build, and prints both sizes, raw and brotli. The difference
# is the crate's own cost, before a single text of the real app. Needs scripts/setup.sh.
set -euo pipefail
cd "$(dirname "$0")"
export PATH="$HOME/.cargo/bin:$PWD/../../end2end/node_modules/.bin:$PATH"
target="${SSPR_MEASURE_TARGET_DIR:-$HOME/.cache/sspr/measure-i18n}"
for variant in catalogue i18n; do
  features=(); [[ $variant == i18n ]] && features=(--features i18n)
  CARGO_TARGET_DIR="$target/$variant" cargo build --release --lib --target wasm32-unknown-unknown "${features[@]}" -q
  out="$target/out-$variant"
  wasm-bindgen --target web --no-typescript --out-dir "$out" "$target/$variant/wasm32-unknown-unknown/release/i18n_measure.wasm"
  wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int "$out/i18n_measure_bg.wasm" -o "$out/opt.wasm"
  node -e '
    const z = require("zlib"), f = require("fs"), b = f.readFileSync(process.argv[1]);
    const br = z.brotliCompressSync(b, { params: { [z.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    console.log(`${process.argv[2]}: ${(b.length / 1024).toFixed(1)} KiB raw, ${(br / 1024).toFixed(1)} KiB brotli`);
  ' "$out/opt.wasm" "$variant"
done
