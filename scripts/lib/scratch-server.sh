# Sourced by the measurement scripts: a release server on a scratch database, cleaned up on exit.
#   scratch_prepare PORT NAME   checks that PORT is free, builds the release server ($sspr; with
#                               SCRATCH_SITE=1 the whole site too: WebAssembly, precompressed;
#                               SCRATCH_NO_BUILD=1 uses the build already there), and
#                               exports DATABASE_URL: a temporary SQLite file, or, when DATABASE_URL
#                               is postgres://…, a database NAME_<pid> created on that server
#   scratch_serve               starts `sspr serve` on it and waits until /health answers
# The server is stopped, the scratch database dropped and the temporary folder removed at exit.

say() { printf '\033[1mtiming:\033[0m %s\n' "$*"; }

work="$(mktemp -d)"
server_pid=""
scratch=""
server_url=""
scratch_cleanup() {
  if [[ -n "$server_pid" ]]; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  if [[ -n "$scratch" ]]; then
    psql -q "$server_url" -c "DROP DATABASE IF EXISTS $scratch WITH (FORCE)" || true
  fi
  rm -rf "$work"
}
trap scratch_cleanup EXIT

scratch_prepare() {
  local port="$1" name="$2"
  if curl -s -o /dev/null "http://127.0.0.1:$port/"; then
    echo "timing: something already listens on 127.0.0.1:$port (set TIMING_PORT)" >&2
    exit 2
  fi
  if [[ "${SCRATCH_NO_BUILD:-}" == 1 && -x target/release/sspr ]]; then
    say "using the release build already in target/release (SCRATCH_NO_BUILD=1)"
  elif [[ "${SCRATCH_SITE:-}" == 1 ]]; then
    say "building the release site and server"
    cargo leptos build --release --precompress --split
  else
    say "building the release server"
    cargo build --release --features ssr --bin sspr
  fi
  sspr="$PWD/target/release/sspr"
  # A fresh database every time: seeded accounts carry per-hour limits.
  if [[ "${DATABASE_URL:-}" == postgres* ]]; then
    server_url="$DATABASE_URL"
    scratch="${name}_$$"
    psql -q "$server_url" -c "CREATE DATABASE $scratch"
    DATABASE_URL="$(node -e 'const u = new URL(process.argv[1]); u.pathname = "/" + process.argv[2]; console.log(u.href)' "$server_url" "$scratch")"
  else
    DATABASE_URL="sqlite:$work/timing.db"
  fi
  export DATABASE_URL SSPR_LOG=warn SSPR_PUBLIC_URL="http://127.0.0.1:$port" LEPTOS_SITE_ADDR="127.0.0.1:$port"
  say "database ${DATABASE_URL%%\?*}"
}

scratch_serve() {
  # From the repository root, for Leptos.toml (the site files are not needed for these requests).
  "$sspr" serve >"$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 100); do
    curl -sf -o /dev/null "$SSPR_PUBLIC_URL/health" && return 0
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
    sleep 0.2
  done
  echo "timing: the server did not answer /health" >&2
  cat "$work/server.log" >&2
  exit 1
}

# The server's warnings and errors, if any, after a run.
scratch_log() {
  if [[ -s "$work/server.log" ]]; then
    say "server log (warnings and errors):"
    tail -n 20 "$work/server.log"
  fi
}
