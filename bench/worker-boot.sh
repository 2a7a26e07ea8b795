#!/usr/bin/env bash
# Worker boot time (spawn until it accepts, as the master logs it) and each worker's RSS and PSS, on the
# built dist. Usage: bench/worker-boot.sh [WORKERS] [RUNS]   (NARWHAL_WORKER_JAVA_OPTS is passed through)
set -euo pipefail
cd "$(dirname "$0")/.."
workers="${1:-1}"; runs="${2:-5}"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
for run in $(seq "$runs"); do
  log=$(mktemp)
  dist/bin/narwhal -b "127.0.0.1:$port" -w "$workers" >"$log" 2>&1 &
  master=$!
  for _ in $(seq 300); do
    [[ $(grep -c "ready in" "$log" || true) -ge $workers ]] && break
    sleep 0.05
  done
  curl -sf "http://127.0.0.1:$port/" >/dev/null
  boot=$(grep -o "ready in [0-9]* ms" "$log" | awk '{print $3}' | paste -sd, -)
  mem=""
  for pid in $(pgrep -P "$master"); do
    rss=$(awk '/^Rss:/{print $2}' "/proc/$pid/smaps_rollup"); pss=$(awk '/^Pss:/{print $2}' "/proc/$pid/smaps_rollup")
    mem="$mem $((rss / 1024))/$((pss / 1024))"
  done
  echo "run $run: boot ms [$boot]  worker RSS/PSS MB [${mem# }]"
  kill -TERM "$master"; wait "$master" || true
  rm -f "$log"
done
