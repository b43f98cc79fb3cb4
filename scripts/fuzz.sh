#!/usr/bin/env bash
# Fuzzes the parsers for a bounded time: installs cargo-fuzz (pinned, once), builds every target
# of fuzz/ in one build, runs each for FUZZ_SECONDS (default 20) from its seed corpus
# fuzz/corpus/<target>, prints each target's executions and time, and exits 1 if any crashed
# (the input is kept in fuzz/artifacts/<target>/).
#   scripts/fuzz.sh                      every target
#   scripts/fuzz.sh user_id phone        only these
#   FUZZ_SECONDS=600 scripts/fuzz.sh csv_import    one target, longer
# New inputs that a run finds go to fuzz/target/corpus/<target>, not into the committed seeds.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

CARGO_FUZZ_VERSION=0.13.2
seconds="${FUZZ_SECONDS:-20}"
export PATH="$HOME/.cargo/bin:$PATH"
# cargo-fuzz passes nightly-only flags; the stable toolchain accepts them with this.
export RUSTC_BOOTSTRAP=1

say() { printf '\033[1mfuzz:\033[0m %s\n' "$*"; }

# libFuzzer itself is C++, compiled by the libfuzzer-sys crate.
if ! command -v c++ >/dev/null; then
  say "installing Debian's g++ (for libFuzzer)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq g++ >/dev/null
fi
if [[ "$(cargo fuzz --version 2>/dev/null || true)" != "cargo-fuzz $CARGO_FUZZ_VERSION" ]]; then
  say "installing cargo-fuzz $CARGO_FUZZ_VERSION (once, about a minute)"
  cargo install cargo-fuzz --version "=$CARGO_FUZZ_VERSION" --locked
fi

# No sanitizer: the parsers are safe Rust, where AddressSanitizer finds nothing that a panic
# does not, and costs build time and half the executions. Debug assertions on: an overflow
# panics instead of wrapping.
# The build (every dependency instrumented, about 25 minutes of CPU cold) is kept outside the
# clone, so that the next run on this machine rebuilds only what changed.
build_dir="${SSPR_FUZZ_TARGET_DIR:-$HOME/.cache/sspr/fuzz-target}"
mkdir -p "$build_dir"
opts=(--sanitizer none --debug-assertions --target-dir "$build_dir")

targets=("$@")
if [[ ${#targets[@]} -eq 0 ]]; then
  mapfile -t targets < <(cargo fuzz list)
fi

say "building ${#targets[@]} target(s)"
started=$SECONDS
cargo fuzz build "${opts[@]}"
say "built in $((SECONDS - started)) s"

failed=()
mkdir -p fuzz/target/logs
for t in "${targets[@]}"; do
  log="fuzz/target/logs/$t.log"
  mkdir -p "fuzz/target/corpus/$t" "fuzz/corpus/$t"
  # The first corpus directory receives new inputs; the committed seeds are only read.
  if cargo fuzz run "${opts[@]}" "$t" "fuzz/target/corpus/$t" "fuzz/corpus/$t" -- \
      -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 >"$log" 2>&1; then
    outcome=ok
  else
    outcome=CRASHED
    failed+=("$t")
  fi
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  took=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -1)
  printf '%-14s %-8s %10s execs in %3s s\n' "$t" "$outcome" "${runs:-?}" "${took:-$seconds}"
  if [[ $outcome != ok ]]; then
    grep -E "panicked at|^SUMMARY|Test unit written to|ERROR: libFuzzer" "$log" | head -8 || true
    echo "  (whole log: $log)"
  fi
done

if [[ ${#failed[@]} -gt 0 ]]; then
  say "crashed: ${failed[*]} (reproduce: RUSTC_BOOTSTRAP=1 cargo fuzz run ${opts[*]} <target> fuzz/artifacts/<target>/<file>)"
  exit 1
fi
say "no crash in $((SECONDS - started)) s"
