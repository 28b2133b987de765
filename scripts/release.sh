#!/usr/bin/env bash
# Builds folio's release archive into dist/ (see docs/deployment.md, "Releases"):
#   dist/folio-v{version}-x86_64-unknown-linux-gnu.tar.gz   folio-v{version}-x86_64-unknown-linux-gnu/{folio,README.md}
#   dist/folio-v{version}-x86_64-unknown-linux-gnu.tar.gz.sha256   (`sha256sum -c` format)
# The version is Cargo.toml's. The binary is linked statically against glibc
# (`-C target-feature=+crt-static`): it needs no shared library, so it runs in any Linux x86_64
# image, Alpine's included. Building with `--target` keeps these artifacts in
# target/x86_64-unknown-linux-gnu/release/, apart from the debug build. The packed copy has its
# debug info stripped.
#
# Checks, each fatal: `ldd` finds no dynamic library and `readelf` no NEEDED entry or program
# interpreter; the binary runs in an empty environment (`env -i`: no HOME, no PATH, no locale),
# printing its version and building the bundled example site.
#
#   scripts/release.sh                   build, check, package into dist/
#   scripts/release.sh --binary BIN --out DIR
#                                        only package BIN (any build, e.g. target/debug/folio) into
#                                        DIR, same layout and names, no checks; the tests use it
#                                        for a stand-in release without a release build
#   scripts/release.sh --binary BIN --out DIR --check
#                                        the same with the checks (the tests show that they
#                                        reject the dynamically linked debug build)
set -euo pipefail
here=$PWD
cd "$(dirname "$0")/.."
# --binary and --out are taken relative to the folder the script was started from.
from_caller() { case "$1" in /*) echo "$1" ;; *) echo "$here/$1" ;; esac; }

target=x86_64-unknown-linux-gnu
binary=""
out=dist
check=false
while [ $# -gt 0 ]; do
  case "$1" in
    --binary) binary=$(from_caller "$2"); shift 2 ;;
    --out) out=$(from_caller "$2"); shift 2 ;;
    --check) check=true; shift ;;
    *) echo "release.sh: unknown argument $1 (see the comment at the top)" >&2; exit 2 ;;
  esac
done

# The first `version = "…"` line of Cargo.toml is the [package] one.
version=$(sed -n 's/^version = "\([^"]*\)"$/\1/p' Cargo.toml | head -n 1)
[ -n "$version" ] || { echo "release.sh: no version in Cargo.toml" >&2; exit 1; }
name="folio-v$version-$target"

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
packed="$stage/$name/folio"
mkdir -p "$stage/$name"

if [ -z "$binary" ]; then
  echo "==> static release build of folio $version ($target, glibc, +crt-static)"
  # Only the target's crates get the flag (build scripts and proc macros stay dynamic, as they
  # must); --remap-path-prefix keeps this checkout's path out of the binary.
  CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_RUSTFLAGS="-C target-feature=+crt-static --remap-path-prefix=$PWD=." \
    cargo build --release --locked --target "$target" --bin folio
  binary="target/$target/release/folio"
  check=true
fi
# Without its debug info (the line tables of the release profile): 64 MB become 14 MB, the
# archive 16 MB become 5 MB. Symbols stay, so a backtrace still names functions.
strip --strip-debug -o "$packed" "$binary"
chmod 0755 "$packed"

if [ "$check" = true ]; then
  echo "==> the packed binary is statically linked"
  ldd_out=$(ldd "$packed" 2>&1 || true)
  case "$ldd_out" in
    *"not a dynamic executable"* | *"statically linked"*) echo "ldd: $(echo $ldd_out)" ;;
    *) echo "release.sh: $binary loads shared libraries:" >&2; echo "$ldd_out" >&2; exit 1 ;;
  esac
  if readelf --dynamic --program-headers "$packed" | grep -E 'NEEDED|Requesting program interpreter'; then
    echo "release.sh: $binary has a NEEDED entry or a program interpreter (above)" >&2
    exit 1
  fi

  echo "==> the packed binary runs in an empty environment (env -i: no HOME, PATH or locale)"
  got=$(env -i "$packed" --version)
  [ "$got" = "folio $version" ] || { echo "release.sh: \`folio --version\` printed '$got', expected 'folio $version'" >&2; exit 1; }
  env -i "$packed" build --content content --output "$stage/site" --quiet
  [ -s "$stage/site/index.html" ] || { echo "release.sh: env -i folio build wrote no index.html" >&2; exit 1; }
  echo "folio $version: --version, and a build of content/ into $(find "$stage/site" -name '*.html' | wc -l) pages"
fi

echo "==> packaging $out/$name.tar.gz"
mkdir -p "$out"
install -m 0644 README.md "$stage/$name/README.md"
# Byte-for-byte repeatable for the same binary: sorted names, one fixed time (the commit's, or
# 0 outside git), owner root, no name or time in the gzip header.
epoch=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || echo 0)}
tar --sort=name --mtime="@$epoch" --owner=0 --group=0 --numeric-owner --format=gnu \
  -C "$stage" -cf - "$name" | gzip -n -9 > "$out/$name.tar.gz.tmp"
mv "$out/$name.tar.gz.tmp" "$out/$name.tar.gz"
(cd "$out" && sha256sum "$name.tar.gz" > "$name.tar.gz.sha256")
cat "$out/$name.tar.gz.sha256"
ls -l "$out/$name.tar.gz"
