#!/usr/bin/env bash
# folio's live-preview benchmark: edit-to-visible time of `folio serve`, measured the way a
# user experiences it. Starts `folio serve` on a generated messy portfolio, then, for each
# edit: notes the time, writes the file, and polls the changed page over HTTP until it shows
# the edit. The time includes the watcher's debounce, the rebuild, the rendering of the page
# (pages render when first asked for) and the HTTP request. Before each edit it waits until
# the server has rendered every page of the last build in the background.
#
#   scripts/bench-serve.sh                  # 2000 projects x 52 weeks, messy, seed 1
#   scripts/bench-serve.sh 200x26           # another size
#   FOLIO_BIN=/path/to/folio scripts/bench-serve.sh   # measure another binary (e.g. an older one)
#   EDITS=2 EDITS_ONLY=1 scripts/bench-serve.sh        # fewer edits, skip portfolio.yaml/program
#
# The portfolio is generated once into ${BENCH_DIR:-/tmp/folio-bench}/<size>-messy/content
# (`folio generate --messy --seed 1`); every edited file is restored at the end. Prints one
# line per edit, then a Markdown row for BENCHMARKS.md. Needs curl and GNU time.
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-2000x52}
projects=${size%x*}
weeks=${size#*x}
port=${PORT:-18631}
edits=${EDITS:-5}
timeout_s=${TIMEOUT:-300}

if [ -z "${FOLIO_BIN:-}" ]; then
  cargo build --release --locked --quiet
  FOLIO_BIN=target/release/folio
fi
bin=$FOLIO_BIN
dir=${BENCH_DIR:-/tmp/folio-bench}/$size-messy
content=$dir/content
if [ ! -d "$content" ]; then
  mkdir -p "$dir"
  target/release/folio -q generate --out "$content" --projects "$projects" --weeks "$weeks" --seed 1 --messy \
    || "$bin" -q generate --out "$content" --projects "$projects" --weeks "$weeks" --seed 1 --messy
fi
backup=$dir/backup
rm -rf "$backup"
mkdir -p "$backup"
cp "$content/portfolio.yaml" "$backup/"
cp "$content/programs/program-000.yaml" "$backup/"

log=$dir/serve.log
timelog=$dir/serve-time.log
/usr/bin/time -v "$bin" -v serve --content "$content" --port "$port" >"$log" 2>"$timelog" &
serve_pid=$!
edited=()
cleanup() {
  # Stop only the server this script started: its child of GNU time, with SIGTERM (a
  # background job of a script ignores SIGINT).
  kill -TERM $(pgrep -P "$serve_pid") 2>/dev/null || true
  wait "$serve_pid" 2>/dev/null || true
  for f in "${edited[@]}"; do
    [ -f "$backup/$(echo "$f" | tr / _)" ] && cp "$backup/$(echo "$f" | tr / _)" "$content/$f"
  done
  cp "$backup/portfolio.yaml" "$content/portfolio.yaml"
  cp "$backup/program-000.yaml" "$content/programs/program-000.yaml"
}
trap cleanup EXIT

url=http://127.0.0.1:$port
now_ms() { date +%s%3N; }
# Polls $1 until its body contains $2; prints the milliseconds since $3.
wait_for() {
  local page=$1 text=$2 start=$3 deadline=$(($(now_ms) + timeout_s * 1000))
  local body
  while true; do
    body=$(curl -sf "$url/$page" 2>/dev/null || true)
    [[ $body == *"$text"* ]] && break
    if [ "$(now_ms)" -gt "$deadline" ]; then
      echo "timeout"
      return
    fi
    sleep 0.005
  done
  echo $(($(now_ms) - start))
}

# Rebuilds finished so far (the server prints one line per build, good or failed).
builds() { grep -c -E "(changed|removed|initial build): (built|error)" "$timelog" || true; }
# Background renderings finished so far (`-v` prints one line when every page is rendered).
filled() { grep -c "in the background in" "$timelog" || true; }
# Waits until the server has finished $1 builds and rendered every page of the last one in
# the background, so each edit starts from a fully rendered site (and the peak memory is that
# of a fully rendered site).
settle() {
  while [ "$(builds)" -lt "$1" ] || [ "$(filled)" -lt "$1" ]; do
    kill -0 "$serve_pid" 2>/dev/null || { echo "folio serve stopped: $(head -1 "$timelog")" >&2; exit 1; }
    sleep 0.05
  done
  sleep 0.5
}

start=$(now_ms)
first=$(wait_for index.html "<html" "$start")
echo "initial build visible after $first ms"
settle 1

times=()
for i in $(seq 1 "$edits"); do
  id=$(printf 'p%05d' $(((i * 397) % projects)))
  rel=$(cd "$content" && ls projects/$id/updates/*.md | tail -1)
  key=$(echo "$rel" | tr / _)
  [ -f "$backup/$key" ] || cp "$content/$rel" "$backup/$key"
  edited+=("$rel")
  marker="Edit-$i-$$-$(now_ms)"
  start=$(now_ms)
  printf '\n%s closes this update.\n' "$marker" >>"$content/$rel"
  ms=$(wait_for "projects/$id/index.html" "$marker" "$start")
  echo "edit $i: $rel visible after $ms ms"
  times+=("$ms")
  settle $((1 + i))
done

portfolio_ms=skipped
program_ms=skipped
if [ -z "${EDITS_ONLY:-}" ]; then
marker="Retitled $$-$(now_ms)"
start=$(now_ms)
sed -i "s/^title: .*/title: $marker/" "$content/portfolio.yaml"
portfolio_ms=$(wait_for index.html "$marker" "$start")
echo "portfolio.yaml: title visible after $portfolio_ms ms"
settle $((2 + edits))

marker="Described $$-$(now_ms)"
start=$(now_ms)
sed -i "s/^description: .*/description: $marker/" "$content/programs/program-000.yaml"
program_ms=$(wait_for programs/program-000/index.html "$marker" "$start")
echo "programs/program-000.yaml: description visible after $program_ms ms"
settle $((3 + edits))
fi

cleanup
trap - EXIT
rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$timelog")
sorted=$(printf '%s\n' "${times[@]}" | sort -n)
median=$(echo "$sorted" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
worst=$(echo "$sorted" | tail -1)
echo "rebuild lines from the server log ($timelog):"
grep -E ": built|stages|background" "$timelog" | sed 's/\x1b\[[0-9;]*m//g' | tail -$((3 * (edits + 3)))
echo
echo "| portfolio | initial (ms) | edits (ms) | median (ms) | worst (ms) | portfolio.yaml (ms) | program file (ms) | peak RSS (MiB) |"
echo "|---|--:|---|--:|--:|--:|--:|--:|"
echo "| $projects × $weeks messy | $first | ${times[*]} | $median | $worst | $portfolio_ms | $program_ms | $rss |"
