#!/usr/bin/env bash
# folio's benchmark: generates deterministic synthetic portfolios and times a full
# `folio build` of each (wall time, CPU time, peak memory, per-stage breakdown).
#
#   scripts/bench.sh                 # 100x26, 2000x52 and 10000x52
#   scripts/bench.sh 2000x52         # just one size
#   scripts/bench.sh 2000x52+1000    # with a pipeline.yaml of 1000 opportunities
#   scripts/bench.sh 2000x52p500     # with 500 people and one time entry each per working day
#
# Portfolios are generated once into target/bench/<projects>x<weeks>/ (seed 1) and reused.
# Results are printed as Markdown rows for BENCHMARKS.md. Needs GNU time (/usr/bin/time).
#
#   FOLIO_BENCH_OUT=/dev/shm scripts/bench.sh 2000x52   # write the site to a RAM disk
#
# The site goes to $FOLIO_BENCH_OUT/<size>/output (default target/bench). Creating thousands of
# files is the file system's work, not folio's, and on a file system that was just busy it can
# dominate: ext4 without a journal skips every inode deleted in the last 1-6 minutes when it
# allocates one, so a build right after deleting a big site spends seconds in the kernel (see
# BENCHMARKS.md). The warm-up therefore only reads the content (`folio check`) and deletes
# nothing; compare with a RAM disk to see folio's own time.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100x26 2000x52 10000x52)

cargo build --release --locked --quiet
bin=target/release/folio
mkdir -p target/bench
echo "| portfolio | updates | wall (s) | user+sys CPU (s) | CPU use | peak RSS (MiB) | load | metrics | render | export | write |"
echo "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|"
for size in "${sizes[@]}"; do
  base=${size%+*}
  opportunities=0
  [ "$base" = "$size" ] || opportunities=${size#*+}
  projects=${base%%x*}
  rest=${base#*x}
  weeks=${rest%%p*}
  people=0
  [[ "$rest" == *p* ]] && people=${rest#*p}
  content=target/bench/$size/content
  if [ ! -d "$content" ]; then
    "$bin" -q generate --out "$content" --projects "$projects" --weeks "$weeks" --seed 1 \
      --opportunities "$opportunities" --people "$people"
  fi
  out=${FOLIO_BENCH_OUT:-target/bench}/$size/output
  mkdir -p "$(dirname "$out")"
  # Warm the page cache once (read every content file; write and delete nothing), then measure.
  "$bin" -q check --content "$content" >/dev/null 2>&1 || true
  log=target/bench/$size/time.log
  /usr/bin/time -v "$bin" -v build --content "$content" --output "$out" 2>"$log" >/dev/null
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$log")
  user=$(awk -F': ' '/User time/ {print $2}' "$log")
  sys=$(awk -F': ' '/System time/ {print $2}' "$log")
  cpu=$(awk -F': ' '/Percent of CPU/ {print $2}' "$log")
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$log")
  stages=$(grep -o 'stages: .*' "$log" | sed 's/stages: //')
  st() { echo "$stages" | grep -o "$1 [^,]*" | awk '{print $2}'; }
  label="${projects} × ${weeks}"
  [ "$opportunities" = 0 ] || label="$label + $opportunities opportunities"
  [ "$people" = 0 ] || label="$label, $people people"
  echo "| $label | $((projects * weeks)) | $wall | $(echo "$user + $sys" | bc) | $cpu | $rss | $(st load) | $(st metrics) | $(st render) | $(st export) | $(st write) |"
done
