#!/usr/bin/env bash
# Narwhal's sync workers against Gunicorn's sync workers, same machine, same run, same wrk load:
# GET / -> "Hello, World!" (each response closes its connection, as both sync workers do).
# Needs wrk and gunicorn (Debian: apt-get install wrk gunicorn). Usage: bench/sync-vs-gunicorn.sh [WORKERS] [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
workers="${1:-2}"; seconds="${2:-10}"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_http() { for _ in $(seq 300); do curl -sf "http://127.0.0.1:$1/" >/dev/null && return; sleep 0.05; done; exit 1; }
run_wrk() {
  wrk -t1 -c8 -d2s "http://127.0.0.1:$1/" >/dev/null   # warm-up
  wrk -t1 -c8 -d"${seconds}s" --latency "http://127.0.0.1:$1/" | grep -E "Requests/sec|50%|99%|errors"
}

port=$(free_port)
dist/bin/narwhal -b "127.0.0.1:$port" -w "$workers" 2>/dev/null &
narwhal=$!
wait_http "$port"
echo "narwhal sync, $workers workers:"; run_wrk "$port"
kill -TERM "$narwhal"; wait "$narwhal" || true

port=$(free_port)
gunicorn --chdir bench -b "127.0.0.1:$port" -w "$workers" -k sync --log-level warning hello_wsgi:app &
gunicorn=$!
wait_http "$port"
echo "gunicorn $(gunicorn --version | tr -dc '0-9.') sync, $workers workers:"; run_wrk "$port"
kill -TERM "$gunicorn"; wait "$gunicorn" || true
