#!/usr/bin/env bash
# Start-up benchmark: time from `bin/run` to "all six healthy", and the memory of everything it started
# (the six JVMs, the PostgreSQL launcher and the PostgreSQL server processes), three runs in a row.
# Memory is PSS (proportional set size, from /proc/<pid>/smaps_rollup): shared pages such as PostgreSQL's shared
# buffers are counted once, not once per process as a plain RSS sum would.
# Usage: bench/startup/run.sh [runs]    (stop any running bin/run first; results go to bench/out/startup.txt)
# (bin/run is stopped with SIGTERM: a background job of a script starts with SIGINT ignored)
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${1:-3}
mkdir -p bench/out
OUT=bench/out/startup.txt
: > "$OUT"

pss_kb() { awk '/^Pss:/ {print $2}' "/proc/$1/smaps_rollup" 2>/dev/null || echo 0; }
tree_pids() { echo "$1"; for c in $(pgrep -P "$1" 2>/dev/null); do tree_pids "$c"; done; }

# build and prepare caches outside the measurement
bin/run > bench/out/startup-warmup.log 2>&1 & RUNNER=$!
until grep -q "Social Live is running" bench/out/startup-warmup.log 2>/dev/null; do
  kill -0 $RUNNER 2>/dev/null || { cat bench/out/startup-warmup.log; exit 1; }; sleep 1; done
kill -TERM $RUNNER; wait $RUNNER || true

. bin/lib.sh
find_jdk
echo "cores: $(nproc)  java: $("$JAVA" -version 2>&1 | head -1)  load before: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT"
for i in $(seq 1 "$RUNS"); do
  log=bench/out/startup-$i.log
  start=$(date +%s.%N)
  bin/run > "$log" 2>&1 & RUNNER=$!
  until grep -q "Social Live is running" "$log" 2>/dev/null; do
    kill -0 $RUNNER 2>/dev/null || { cat "$log"; exit 1; }; sleep 0.2; done
  end=$(date +%s.%N)
  sleep 5   # let start-up garbage settle, as a user would meet it idle
  total=0; jvm=0
  while read -r name pid; do
    for p in $(tree_pids "$pid"); do
      kb=$(pss_kb "$p"); total=$((total + kb))
      [ "$p" = "$pid" ] && [ "$name" != postgres ] && jvm=$((jvm + kb))
    done
  done < var/run.pids
  printf 'run %d: all healthy after %.1f s; memory (PSS) total %d MB, of which the six service JVMs %d MB\n' \
    "$i" "$(awk -v a="$start" -v b="$end" 'BEGIN {print b - a}')" $((total / 1024)) $((jvm / 1024)) | tee -a "$OUT"
  kill -TERM $RUNNER; wait $RUNNER || true
done
