#!/usr/bin/env bash
# The browser tests' cluster: two sspr nodes on one PostgreSQL database behind HAProxy, as the
# README's "Run it in production" describes. Playwright starts it (playwright.config.ts, project
# "cluster") beside the server that `cargo leptos end-to-end` starts:
# * a fresh database, sspr_e2e_cluster, on SSPR_TEST_POSTGRES_URL's server;
# * nodes "a" (127.0.0.1:3011) and "b" (127.0.0.1:3012) of the release build, started at the same
#   moment on that empty database (their migrations and the demo directory race), each with its
#   metrics on a listener of its own (127.0.0.1:3021 and :3022) and a drain of 2 s after SIGTERM;
# * HAProxy from Debian's package on 127.0.0.1:3010: round robin, no stickiness, /health checks
#   every 250 ms, and the node that answered named in an X-Sspr-Node response header.
# A node stopped with SIGTERM (tests/cluster.spec.ts does it) is started again at once, so a test
# can stop one node, then the other: a rolling restart. A node that stops with an error ends the
# whole cluster, and Playwright's run with it.
# The delivery sinks and the raised address limits are inherited from scripts/test.sh's
# environment; target/e2e-cluster/cluster.json tells the tests where everything is.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
DIR="$PWD/target/e2e-cluster"
ADMIN_URL="${SSPR_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
DATABASE="sspr_e2e_cluster"
DATABASE_URL="${ADMIN_URL%/*}/$DATABASE"
binary="$PWD/${SSPR_BIN:-target/release/sspr}"
rm -rf "$DIR"
mkdir -p "$DIR"

psql -q -v ON_ERROR_STOP=1 "$ADMIN_URL" -c "DROP DATABASE IF EXISTS $DATABASE WITH (FORCE)" -c "CREATE DATABASE $DATABASE"

pids=()
stop() {
  touch "$DIR/stopping"
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for name in a b; do [[ -s "$DIR/$name.pid" ]] && kill "$(cat "$DIR/$name.pid")" 2>/dev/null || true; done
  wait || true
}
trap stop EXIT INT TERM

export DATABASE_URL SSPR_DEMO=true SSPR_PUBLIC_URL="http://127.0.0.1:3010" SSPR_TRUST_FORWARDED_FOR=true SSPR_DRAIN_SECONDS=2

# Runs node $1 on port $2, metrics on $3; after a clean stop (SIGTERM) starts it again.
run_node() {
  local name=$1 port=$2 metrics=$3 starts=0 status
  while [[ ! -e "$DIR/stopping" ]]; do
    starts=$((starts + 1))
    echo "$starts" > "$DIR/$name.starts"
    LEPTOS_SITE_ADDR="127.0.0.1:$port" SSPR_METRICS_LISTEN="127.0.0.1:$metrics" "$binary" serve >> "$DIR/$name.log" 2>&1 &
    echo $! > "$DIR/$name.pid"
    status=0
    wait $! || status=$?
    if [[ $status -ne 0 && ! -e "$DIR/stopping" ]]; then
      echo "cluster: node $name stopped with status $status (start $starts); its log:" >&2
      tail -n 30 "$DIR/$name.log" >&2
      kill -TERM $$
      return 1
    fi
  done
}
run_node a 3011 3021 &
pids+=($!)
run_node b 3012 3022 &
pids+=($!)

cat > "$DIR/haproxy.cfg" <<'EOF'
global
    maxconn 1000

defaults
    mode http
    timeout connect 2s
    timeout client 30s
    timeout server 30s
    # A request that could not reach a node (refused, or closed as the node stopped) goes to
    # the other one.
    retries 3
    option redispatch 1
    retry-on conn-failure empty-response

frontend sspr
    bind 127.0.0.1:3010
    option forwardfor
    # The files of the site have their own round robin, so that the pages and server calls of
    # one browser alternate between the nodes step by step.
    use_backend files if { path_beg /pkg/ } || { path /favicon.svg /favicon.ico }
    default_backend app
EOF
# The two backends, alike: the same nodes, each with its own round robin.
for backend in app files; do
  cat >> "$DIR/haproxy.cfg" <<EOF

backend $backend
    balance roundrobin
    option httpchk GET /health
    http-check expect status 200
    default-server check inter 250ms fall 1 rise 2
    http-response set-header X-Sspr-Node %s
    server a 127.0.0.1:3011
    server b 127.0.0.1:3012
EOF
done
haproxy -q -c -f "$DIR/haproxy.cfg"

cat > "$DIR/cluster.json" <<EOF
{
  "url": "http://127.0.0.1:3010",
  "databaseUrl": "$DATABASE_URL",
  "nodes": {
    "a": { "url": "http://127.0.0.1:3011", "metrics": "http://127.0.0.1:3021/metrics", "pidFile": "$DIR/a.pid", "startsFile": "$DIR/a.starts", "log": "$DIR/a.log" },
    "b": { "url": "http://127.0.0.1:3012", "metrics": "http://127.0.0.1:3022/metrics", "pidFile": "$DIR/b.pid", "startsFile": "$DIR/b.starts", "log": "$DIR/b.log" }
  }
}
EOF

haproxy -db -f "$DIR/haproxy.cfg" &
pids+=($!)
wait -n "${pids[@]}"
