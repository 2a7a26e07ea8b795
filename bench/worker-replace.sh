#!/usr/bin/env bash
# How long from `kill -9` of a worker until its replacement is serving (the master logs it ready).
# Usage: bench/worker-replace.sh [WORKERS] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
workers="${1:-1}"; runs="${2:-5}"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
log=$(mktemp)
dist/bin/narwhal -b "127.0.0.1:$port" -w "$workers" >"$log" 2>&1 &
master=$!
trap 'kill -TERM $master 2>/dev/null; wait $master 2>/dev/null; rm -f "$log"' EXIT
wait_ready() { for _ in $(seq 400); do [[ $(grep -c "ready in" "$log" || true) -ge $1 ]] && return; sleep 0.01; done; echo "timeout" >&2; exit 1; }
wait_ready "$workers"
for run in $(seq "$runs"); do
  before=$(grep -c "ready in" "$log")
  victim=$(pgrep -P "$master" | head -n 1)
  start=$(date +%s%N)
  kill -9 "$victim"
  wait_ready $((before + 1))
  ready=$(date +%s%N)
  until curl -sf "http://127.0.0.1:$port/" >/dev/null; do sleep 0.01; done
  echo "run $run: worker $victim killed; replacement ready after $(( (ready - start) / 1000000 )) ms"
done
