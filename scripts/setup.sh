#!/usr/bin/env bash
# Installs what building (and, with --tests, testing) sspr needs, from the package registries
# only. Idempotent: what is already there is skipped in seconds. Source it or run it.
#   scripts/setup.sh            the build tools (WebAssembly target, cargo-leptos, wasm-bindgen, wasm-opt)
#   scripts/setup.sh --tests    also Chromium for the browser tests, OpenLDAP's slapd and client
#                               tools and Samba's AD DC for the directory tests, HAProxy and wrk for
#                               the cluster tests, and a running PostgreSQL
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

CARGO_LEPTOS_VERSION=0.3.10
want_tests=false
[[ "${1:-}" == "--tests" ]] && want_tests=true

say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }
export PATH="$HOME/.cargo/bin:$PWD/end2end/node_modules/.bin:$PATH"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [[ "$(cargo leptos --version 2>/dev/null || true)" != *"$CARGO_LEPTOS_VERSION"* ]]; then
  say "installing cargo-leptos $CARGO_LEPTOS_VERSION (once, 12-18 minutes)"
  cargo install cargo-leptos --version "=$CARGO_LEPTOS_VERSION" --locked --features no_downloads
fi

# wasm-bindgen's command line must equal the library version in Cargo.lock exactly.
WB_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [[ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WB_VERSION" ]]; then
  say "installing wasm-bindgen-cli $WB_VERSION (once, about 8 minutes)"
  cargo install wasm-bindgen-cli --version "=$WB_VERSION" --locked || cargo install wasm-bindgen-cli --version "=$WB_VERSION"
fi

# Node packages: Playwright for the browser tests and binaryen's wasm-opt for release builds.
if [[ ! -x end2end/node_modules/.bin/wasm-opt || end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]]; then
  say "installing the end2end Node packages"
  (cd end2end && npm ci --no-audit --no-fund)
fi

if $want_tests; then
  if ! command -v chromium >/dev/null; then
    say "installing Debian's Chromium"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  fi
  if ! command -v slapd >/dev/null || ! command -v ldapwhoami >/dev/null || ! command -v openssl >/dev/null; then
    # The LDAP tests start their own slapd on loopback (tests/app/common/slapd.rs). The package
    # would configure and start a system-wide one: policy-rc.d keeps it from starting.
    say "installing Debian's OpenLDAP server and tools"
    ours=false
    if [[ ! -e /usr/sbin/policy-rc.d ]]; then
      printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && ours=true
    fi
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slapd ldap-utils openssl >/dev/null
    if $ours; then rm -f /usr/sbin/policy-rc.d; fi
  fi
  if ! command -v samba >/dev/null || ! command -v samba-tool >/dev/null; then
    # The Active Directory tests provision and start their own Samba AD domain controller on a
    # loopback address (tests/app/common/samba.rs); policy-rc.d keeps the system's from starting.
    say "installing Debian's Samba AD domain controller"
    ours=false
    if [[ ! -e /usr/sbin/policy-rc.d ]]; then
      printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && ours=true
    fi
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      samba samba-dsdb-modules samba-vfs-modules samba-ad-provision >/dev/null
    if $ours; then rm -f /usr/sbin/policy-rc.d; fi
  fi
  if ! command -v haproxy >/dev/null || ! command -v wrk >/dev/null; then
    # The "cluster" browser tests put two nodes behind their own HAProxy (end2end/cluster-server.sh)
    # and restart them under wrk's load; policy-rc.d keeps the system's HAProxy from starting.
    say "installing Debian's HAProxy and wrk"
    ours=false
    if [[ ! -e /usr/sbin/policy-rc.d ]]; then
      printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && ours=true
    fi
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy wrk >/dev/null
    if $ours; then rm -f /usr/sbin/policy-rc.d; fi
  fi
  if command -v pg_isready >/dev/null && ! pg_isready -q -h 127.0.0.1 -p 5432; then
    say "starting PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
  fi
fi
say "ready"
