#!/usr/bin/env bash
# Every test: unit and database tests on SQLite and PostgreSQL, a bounded fuzzing of the parsers,
# the release build (precompressed, as served in production), the browser tests (desktop and
# phone, with the size budget of a first visit) against it, and the size report of what browsers
# download.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/setup.sh --tests

export SSPR_TEST_POSTGRES_URL="${SSPR_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"

# A hung test must fail the run, not eat CI's whole time budget (limits include compiling).
echo "== unit and database tests (SQLite and PostgreSQL)"
# Their build is kept outside the clone (like the fuzzing's), so that the next run on this machine
# rebuilds only what changed: cold, the dependencies cost about 20 minutes on two cores.
CARGO_TARGET_DIR="${SSPR_TEST_TARGET_DIR:-$HOME/.cache/sspr/target}" timeout --foreground 40m cargo test --features ssr

echo "== fuzzing the parsers (bounded)"
timeout --foreground 40m bash scripts/fuzz.sh

echo "== browser tests against the release build"
rm -f target/e2e.db target/e2e.db-wal target/e2e.db-shm
# The server delivers for real to the sinks that Playwright starts (end2end/sinks.mjs): plain SMTP
# on 127.0.0.1:2525 and the signed SMS/voice webhook on 127.0.0.1:2580 (secret: 32+ characters).
# Playwright inherits this environment, so the sinks check signatures with the same secret.
# Every browser test comes from 127.0.0.1: the per-address reset and sign-in limits are raised
# for them, and the proof of work does not grow with the address's volume (the Rust tests check
# the real limits and the growth).
DATABASE_URL="sqlite:target/e2e.db" SSPR_DEMO=true SSPR_DEV_OUTBOX=true LEPTOS_ENV=PROD \
  SSPR_PUBLIC_URL="http://127.0.0.1:3000" SSPR_LOG="warn,sspr=info" \
  SSPR_SMTP_URL="smtp://127.0.0.1:2525" SSPR_MAIL_FROM="Password self-service <sspr@contoso.example>" \
  SSPR_SMS_PROVIDER=webhook SSPR_SMS_WEBHOOK_URL="http://127.0.0.1:2580/sms" \
  SSPR_SMS_WEBHOOK_SECRET="e2e-webhook-secret-0123456789abcdef" SSPR_RESET_ADDRESS_LIMIT=1000 SSPR_RESET_ADDRESS_FAILURE_LIMIT=1000 SSPR_SIGN_IN_ADDRESS_LIMIT=1000 \
  SSPR_POW_MAX_BITS=18 \
  timeout --foreground 45m cargo leptos end-to-end --release --precompress --split

echo "== size of what browsers download"
node scripts/size-report.mjs target/site/pkg
