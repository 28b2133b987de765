#!/usr/bin/env bash
# folio beside Hugo on the same corpus: the generated portfolio that scripts/bench.sh builds,
# turned into a Hugo site, built side by side with `folio build`, alternating, on a RAM disk.
#
#   scripts/bench-hugo.sh              # 2000x52, 3 rounds
#   scripts/bench-hugo.sh 200x52 5     # size, rounds
#
# Needs `hugo` on the PATH (Debian: apt-get install hugo) and GNU time (/usr/bin/time).
#
# What Hugo is asked to do, and why it is the fair comparison: Hugo reads every file folio
# reads (each project's definition becomes a section's front matter, each weekly update a page
# with its front matter and Markdown), and writes the same shape of site: a page per project
# (its updates listed, the latest one's narrative rendered), a page per program (a taxonomy
# term listing its projects) and a home page listing every project. The updates are not
# rendered as pages of their own (`_build: {render: never}`), as folio renders none either.
# Hugo computes nothing: no earned value, no revenue by quarter, no charts, no exports, no
# one-file reports. So the comparison flatters Hugo; a second variant where Hugo also renders
# every update as a page of its own (what a Hugo user would get by default) is timed too.
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-2000x52}
rounds=${2:-3}
command -v hugo >/dev/null || { echo "bench-hugo.sh: hugo is not installed (apt-get install hugo)" >&2; exit 1; }

cargo build --release --locked --quiet
bin=target/release/folio
projects=${size%%x*}
weeks=${size#*x}
content=target/bench/$size/content
[ -d "$content" ] || "$bin" -q generate --out "$content" --projects "$projects" --weeks "$weeks" --seed 1

# The Hugo site: written once per size, from the same content folder.
site=target/bench/$size/hugo
if [ ! -f "$site/.complete" ]; then
  rm -rf "$site"
  mkdir -p "$site/layouts/_default" "$site/layouts/programs" "$site/content/projects"
  cat >"$site/config.yaml" <<'EOF'
baseURL: /
title: Portfolio
disableKinds: [RSS, sitemap, robotsTXT, "404"]
taxonomies:
  program: programs
markup:
  goldmark:
    renderer:
      unsafe: false
EOF
  cat >"$site/layouts/_default/baseof.html" <<'EOF'
<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><main>{{ block "main" . }}{{ end }}</main></body></html>
EOF
  cat >"$site/layouts/index.html" <<'EOF'
{{ define "main" }}<h1>{{ .Site.Title }}</h1>
<table><thead><tr><th>Project</th><th>Customer</th><th>Program</th><th>Latest</th><th>Status</th></tr></thead><tbody>
{{ range (where .Site.Sections "Section" "projects") }}{{ range .Sections }}{{ $latest := index (.Pages.ByDate.Reverse) 0 }}
<tr><td><a href="{{ .RelPermalink }}">{{ .Title }}</a></td><td>{{ .Params.customer }}</td><td>{{ .Params.program }}</td><td>{{ $latest.Date.Format "2006-01-02" }}</td><td>{{ $latest.Params.status.overall }}</td></tr>
{{ end }}{{ end }}</tbody></table>{{ end }}
EOF
  cat >"$site/layouts/_default/list.html" <<'EOF'
{{ define "main" }}<h1>{{ .Title }}</h1>
<p>{{ .Params.customer }} · {{ .Params.manager }} · {{ .Params.engagement }} · {{ .Params.contract_value }}</p>
{{ with .Pages.ByDate.Reverse }}{{ $latest := index . 0 }}
<h2>Latest update, {{ $latest.Date.Format "2006-01-02" }}: {{ $latest.Params.status.overall }}, {{ $latest.Params.percent_complete }} %</h2>
{{ $latest.Content }}
<h2>Updates</h2><table><tbody>
{{ range . }}<tr><td>{{ .Date.Format "2006-01-02" }}</td><td>{{ .Params.status.overall }}</td><td>{{ .Params.percent_complete }}</td><td>{{ .Params.actual_cost }}</td></tr>
{{ end }}</tbody></table>{{ end }}{{ end }}
EOF
  cat >"$site/layouts/_default/single.html" <<'EOF'
{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}
EOF
  cat >"$site/layouts/_default/term.html" <<'EOF'
{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
EOF
  cp "$site/layouts/_default/term.html" "$site/layouts/_default/taxonomy.html"
  for dir in "$content"/projects/*/; do
    id=$(basename "$dir")
    out=$site/content/projects/$id
    mkdir -p "$out"
    # The project's definition as the section's front matter (YAML): its name as the title, its
    # program also as a `programs` taxonomy term (a page per program).
    { echo "---"; grep -v '^ *#' "$dir/project.yaml" | sed -e 's/^name:/title:/' -e 's/^program: *\(.*\)$/program: \1\nprograms: [\1]/'; echo "---"; } >"$out/_index.md"
    # Each update: its own front matter plus the date and a title, its Markdown unchanged.
    awk -v out="$out" -v id="$id" '
      FNR == 1 {
        if (file != "") close(file)
        n = split(FILENAME, parts, "/"); date = parts[n]; sub(/\.md$/, "", date)
        file = out "/" date ".md"
        print "---" > file; print "date: " date > file; print "title: " id " " date > file
        next
      }
      { print > file }
    ' "$dir"/updates/*.md
  done
  touch "$site/.complete"
fi

shm=${FOLIO_BENCH_OUT:-/dev/shm}/folio-hugo-bench
mkdir -p "$shm"
# "wall CPU" in seconds from GNU time's report (its wall clock reads m:ss.ss or h:mm:ss).
cpu() {
  awk -F': ' '/User time/ {u=$2} /System time/ {s=$2}
    /Elapsed/ {n=split($2, t, ":"); e=0; for (i=1; i<=n; i++) e=e*60+t[i]}
    END {printf "%.2f %.2f\n", e, u+s}' "$1"
}
echo "| round | folio wall · CPU (s) | Hugo, no update pages: wall · CPU (s) | Hugo, a page per update: wall · CPU (s) |"
echo "|--:|---|---|---|"
"$bin" -q check --content "$content" >/dev/null 2>&1 || true
for round in $(seq 1 "$rounds"); do
  rm -rf "$shm"/folio "$shm"/hugo-a "$shm"/hugo-b
  /usr/bin/time -v "$bin" -q build --content "$content" --output "$shm/folio" 2>"$shm/folio.time" >/dev/null
  # Variant A: updates are not pages of their own (a cascade in the projects section).
  printf -- '---\ntitle: Projects\ncascade:\n  - _target: {kind: page}\n    _build: {render: never, list: always}\n---\n' >"$site/content/projects/_index.md"
  /usr/bin/time -v hugo --quiet --source "$site" --destination "$shm/hugo-a" 2>"$shm/hugo-a.time" >/dev/null
  # Variant B: Hugo's default, every update a page.
  printf -- '---\ntitle: Projects\n---\n' >"$site/content/projects/_index.md"
  /usr/bin/time -v hugo --quiet --source "$site" --destination "$shm/hugo-b" 2>"$shm/hugo-b.time" >/dev/null
  read -r fw fc < <(cpu "$shm/folio.time")
  read -r aw ac < <(cpu "$shm/hugo-a.time")
  read -r bw bc < <(cpu "$shm/hugo-b.time")
  echo "| $round | $fw · $fc | $aw · $ac | $bw · $bc |"
done
pages() { find "$1" -name '*.html' | wc -l; }
echo
echo "HTML pages: folio $(pages "$shm/folio"), Hugo without update pages $(pages "$shm/hugo-a"), Hugo with update pages $(pages "$shm/hugo-b")"
rm -rf "$shm"
