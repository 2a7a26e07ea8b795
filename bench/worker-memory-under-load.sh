#!/usr/bin/env bash
# A worker's RSS after serving wrk's load on hello for a while (needs wrk).
# Usage: bench/worker-memory-under-load.sh [SECONDS]   (NARWHAL_WORKER_JAVA_OPTS is passed through)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-10}"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
dist/bin/narwhal -b "127.0.0.1:$port" -w 1 2>/dev/null &
master=$!
trap 'kill -TERM $master 2>/dev/null; wait $master 2>/dev/null' EXIT
for _ in $(seq 300); do curl -sf "http://127.0.0.1:$port/" >/dev/null && break; sleep 0.05; done
worker=$(pgrep -P "$master")
echo "idle: RSS $(( $(awk '/^Rss:/{print $2}' /proc/$worker/smaps_rollup) / 1024 )) MB"
wrk -t1 -c8 -d"${seconds}s" "http://127.0.0.1:$port/" | grep "Requests/sec"
echo "after ${seconds} s of load: RSS $(( $(awk '/^Rss:/{print $2}' /proc/$worker/smaps_rollup) / 1024 )) MB"
