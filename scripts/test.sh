#!/usr/bin/env bash
# Runs folio's whole test suite on a fresh machine:
#   1. installs what the tests need when it is missing (Chromium from Debian, Node packages),
#   2. cargo fmt --check and clippy with warnings as errors,
#   3. every Rust unit and integration test (metrics, loader, CLI end to end, exports, serve),
#   3b. the release archive (scripts/release.sh: a static build that `ldd` and `readelf` confirm
#      has no dynamic library, run with `env -i`), then the `pages` job of a `folio init`
#      repository run against it, served on 127.0.0.1, with busybox's shell and tools as in Alpine,
#   4. the browser test: the bundled example built and loaded page by page in headless
#      Chromium (console errors, broken links and images fail it; screenshots are written to
#      target/screenshots/), every page checked with axe-core's WCAG 2.1 AA rules in light and
#      dark mode, and by the W3C Nu HTML checker; every project's one-file status report
#      (customer and internal) opened from disk: no console errors, nothing fetched, at most two
#      printed A4 or Letter pages.
# Never skips a part silently: a missing tool it cannot install is an error.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v node >/dev/null 2>&1 || need_apt+=(nodejs)
command -v npm >/dev/null 2>&1 || need_apt+=(npm)
command -v java >/dev/null 2>&1 || need_apt+=(default-jre-headless)
# The release checks and the init pipeline test: curl, readelf and strip, glibc's static libc.a,
# and busybox (the job runs in Alpine, whose shell and tools are busybox's).
command -v curl >/dev/null 2>&1 || need_apt+=(curl)
command -v busybox >/dev/null 2>&1 || need_apt+=(busybox)
command -v readelf >/dev/null 2>&1 || need_apt+=(binutils)
[ -e /usr/lib/x86_64-linux-gnu/libc.a ] || need_apt+=(libc6-dev)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "==> installing ${need_apt[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

echo "==> cargo fmt --check"
cargo fmt --all -- --check
echo "==> cargo clippy"
cargo clippy --locked --workspace --all-targets -- -D warnings
echo "==> cargo test"
cargo test --locked --workspace --all-targets
cargo test --locked --workspace --doc
# folio without `folio serve` (the `serve` feature) still builds.
cargo build --locked --no-default-features

echo "==> release archive: static build, checks, dist/ (scripts/release.sh)"
started=$SECONDS
./scripts/release.sh
echo "scripts/release.sh took $((SECONDS - started)) s"
echo "==> folio init's pages job with busybox's sh and tools, downloading that release from a loopback server"
FOLIO_TEST_DIST=dist FOLIO_TEST_BUSYBOX="$(command -v busybox)" cargo test --locked --test testsuite gitlab_ci::init_pages_job

echo "==> browser test (headless Chromium over the bundled example)"
site=target/browser-site
rm -rf "$site"
./target/debug/folio build --content content --output "$site"
(cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)
node tests/browser/run.mjs "$site" target/screenshots

echo "==> one-file status reports in headless Chromium (no console errors, nothing fetched, at most 2 printed pages)"
reports=target/browser-reports
rm -rf "$reports" && mkdir -p "$reports"
# Both reports of every project, under the names `folio report` gives them by default (written
# from inside the reports folder): `<id>-<as-of>-customer.html` and `<id>-<as-of>-internal.html`.
for dir in content/projects/*/; do
  id=$(basename "$dir")
  (cd "$reports" && ../debug/folio report "$id" --content ../../content -q)
  (cd "$reports" && ../debug/folio report "$id" --audience internal --content ../../content -q)
done
for id in leaky quiet; do
  (cd "$reports" && ../debug/folio report "$id" --content ../../tests/fixtures/report -q)
done
ls "$reports"/contoso-geo-rollout-2026-11-20-customer.html "$reports"/contoso-geo-rollout-2026-11-20-internal.html >/dev/null
node tests/browser/report.mjs target/screenshots/reports "$site"/projects/*/*-status-*.html "$reports"/*.html

echo "==> accessibility (axe-core, WCAG 2.1 A/AA, light and dark) of every page"
node tests/browser/a11y.mjs "$site"

echo "==> HTML validation (the W3C Nu checker, vnu.jar) of every page"
java -jar tests/browser/node_modules/vnu-jar/build/dist/vnu.jar --errors-only --skip-non-html "$site"
echo "Nu checker: no errors in $(find "$site" -name '*.html' | wc -l) pages"
echo "==> all tests passed"
