#!/usr/bin/env bash
# Builds the release archive for one platform, exactly as .github/workflows/release.yml does,
# and smoke-tests it from a clean folder.
#
#   scripts/dist.sh [--target TRIPLE]      (default: this machine's, e.g. x86_64-unknown-linux-gnu)
#
# Leaves in dist/:
#   carecheck-VERSION-TARGET.tar.gz (.zip on Windows)   the folder carecheck-VERSION-TARGET/ with
#       carecheck (carecheck.exe), README.md, SECURITY.md, LICENSE-MIT, LICENSE-APACHE,
#       complete/ (bash, zsh, fish, PowerShell, elvish) and man/ (carecheck.1 and a page per command)
#   carecheck-VERSION-TARGET.tar.gz.sha256               its SHA-256, as `sha256sum --check` reads
# The smoke test unpacks the archive into an empty temporary folder, checks the checksum, and
# runs the binary there with a bare environment (no cargo, no Rust on PATH) and a temporary data
# folder: --version, checklists, new, status.
set -euo pipefail
cd "$(dirname "$0")/.."

host=$(rustc -vV | sed -n 's/^host: //p')
target=$host
while [ $# -gt 0 ]; do
  case $1 in
    --target) target=$2; shift ;;
    *) echo "usage: $0 [--target TRIPLE]" >&2; exit 2 ;;
  esac
  shift
done
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
name=carecheck-$version-$target
exe=carecheck
case $target in *windows*) exe=carecheck.exe ;; esac

sha256() {
  if command -v sha256sum >/dev/null; then sha256sum "$@"; else shasum -a 256 "$@"; fi
}

# The host's own target builds in target/release (sharing the developers' build); any other in
# target/TRIPLE/release. The binary is the same either way.
if [ "$target" = "$host" ]; then
  cargo build --release --locked
  binary=target/release/$exe
else
  cargo build --release --locked --target "$target"
  binary=target/$target/release/$exe
fi

echo "dist: packaging $name"
rm -rf "dist/$name" "dist/$name".*
mkdir -p "dist/$name/complete" "dist/$name/man"
cp "$binary" "dist/$name/"
cp README.md SECURITY.md LICENSE-MIT LICENSE-APACHE "dist/$name/"
run=("dist/$name/$exe")
"${run[@]}" completions bash > "dist/$name/complete/carecheck.bash"
"${run[@]}" completions zsh > "dist/$name/complete/_carecheck"
"${run[@]}" completions fish > "dist/$name/complete/carecheck.fish"
"${run[@]}" completions powershell > "dist/$name/complete/_carecheck.ps1"
"${run[@]}" completions elvish > "dist/$name/complete/carecheck.elv"
"${run[@]}" man > "dist/$name/man/carecheck.1"
# A page for every command at every depth: each page names the pages of the commands inside it.
"${run[@]}" man --list | while read -r words; do
  # shellcheck disable=SC2086 # the words of a command, split on purpose
  "${run[@]}" man $words > "dist/$name/man/carecheck-${words// /-}.1"
done

case $target in
  *windows*)
    archive=$name.zip
    (cd dist && if command -v 7z >/dev/null; then 7z a -tzip -bd "$archive" "$name" >/dev/null; else zip -qr "$archive" "$name"; fi) ;;
  *)
    archive=$name.tar.gz
    tar -C dist -czf "dist/$archive" "$name" ;;
esac
(cd dist && sha256 "$archive" > "$archive.sha256")
size=$(wc -c < "$binary" | tr -d ' ')
echo "dist: dist/$archive ($(wc -c < "dist/$archive" | tr -d ' ') bytes; binary $size bytes)"
cat "dist/$archive.sha256"
if [ "$size" -gt 10000000 ]; then
  echo "dist: the binary is $size bytes, over the 10 MB limit (issue 18)" >&2
  exit 1
fi

# Smoke test, from a clean folder, as a user would: check, unpack, run.
clean=$(mktemp -d)
trap 'rm -rf "$clean"' EXIT
cp "dist/$archive" "dist/$archive.sha256" "$clean/"
cd "$clean"
sha256 --check "$archive.sha256"
case $archive in
  *.zip) if command -v 7z >/dev/null; then 7z x -bd "$archive" >/dev/null; else unzip -q "$archive"; fi ;;
  *) tar -xzf "$archive" ;;
esac
cd "$name"
mkdir "$clean/home"
smoke() {
  case $target in
    # Windows programs need the system's own variables; PATH there has no Rust either.
    *windows*) CARECHECK_DATA_DIR="$clean/data" "./$exe" "$@" ;;
    # A bare environment: only the system's own folders on PATH, a fresh home and data folder.
    *) env -i PATH=/usr/bin:/bin HOME="$clean/home" LANG=C.UTF-8 CARECHECK_DATA_DIR="$clean/data" \
         "./$exe" "$@" ;;
  esac
}
smoke --version | tee "$clean/version"
grep -q "^carecheck $version$" "$clean/version"
grep -q "dspt-social-care" "$clean/version"
smoke checklists > "$clean/checklists"
grep -q "cyber-essentials" "$clean/checklists"
smoke new --org "Smoke Test Care" --checklist ncsc-10-steps > "$clean/new"
grep -q "smoke-test-care" "$clean/new"
status=0
smoke status > "$clean/status" || status=$?
# status exits 1 while any level is unreached: a fresh assessment has nothing answered.
[ "$status" = 1 ] || { echo "dist: status exited $status" >&2; cat "$clean/status" >&2; exit 1; }
grep -qi "ncsc" "$clean/status"
case $target in *linux*) others=$(find "$clean/data" -perm /077) ;; *) others= ;; esac
if [ -n "$others" ]; then
  echo "dist: files readable by others in the data folder" >&2; exit 1
fi
echo "dist: smoke test passed ($target, from $clean)"
