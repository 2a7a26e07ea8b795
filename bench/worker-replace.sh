#!/usr/bin/env bash
# How long from `kill -9` of a serving worker until a request sent at once is answered (it waits in the listen
# backlog until a worker accepts: the replacement once booted, or a promoted spare with --spare-workers 1).
# Usage: bench/worker-replace.sh [WORKERS] [RUNS] [NARWHAL FLAGS...]   e.g. bench/worker-replace.sh 1 5 --spare-workers 1
set -euo pipefail
cd "$(dirname "$0")/.."
workers="${1:-1}"; runs="${2:-5}"; shift $(( $# < 2 ? $# : 2 ))
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
log=$(mktemp)
dist/bin/narwhal -b "127.0.0.1:$port" -w "$workers" "$@" >"$log" 2>&1 &
master=$!
trap 'kill -TERM $master 2>/dev/null; wait $master 2>/dev/null; rm -f "$log"' EXIT
# Booted workers, serving or spare ("Worker N ready in", "Spare worker N ready in"): a lost one is whole again
# once one more has booted.
booted() { grep -c "orker [0-9]* ready in" "$log" || true; }
wait_booted() { for _ in $(seq 1000); do [[ $(booted) -ge $1 ]] && return; sleep 0.01; done; echo "timeout" >&2; exit 1; }
spares=0
for ((i = 1; i <= $#; i++)); do
  case "${!i}" in
    --spare-workers) next=$((i + 1)); spares="${!next}" ;;
    --spare-workers=*) spares="${!i#*=}" ;;
  esac
done
wait_booted $((workers + spares))
for run in $(seq "$runs"); do
  before=$(booted)
  victim=$(grep -oE "Worker [0-9]+ (ready in|promoted)" "$log" | awk '{print $2}' | while read -r pid; do
    [[ -d /proc/$pid ]] && echo "$pid"; done | head -n 1)
  start=$(date +%s%N)
  kill -9 "$victim"
  until curl -sf -m 10 "http://127.0.0.1:$port/" >/dev/null; do :; done
  answered=$(date +%s%N)
  wait_booted $((before + 1))
  echo "run $run: worker $victim killed; a request answered after $(( (answered - start) / 1000000 )) ms"
  sleep 0.5
done
