#!/usr/bin/env bash
# Mutation testing of carecheck's rule modules with cargo-mutants (from crates.io:
# `cargo install --locked cargo-mutants`, version 27): each plausible one-line mistake in a rule
# is put in, one at a time, in a copy of the tree, and the tests that cover that rule are run; a
# mutant the tests do not catch is a mistake a tired developer could land. Results go to
# mutants.out/NAME/ and a summary row per module is printed for TESTING.md. Not part of CI.
#
#   scripts/mutants.sh                 every module below, in this order
#   scripts/mutants.sh value output    only these (by the names in the table)
#
# Cost: each mutant rebuilds the library and the test targets named for its module (not all
# 77 test binaries), one mutant at a time, at low priority. On a shared 2-core machine that is
# about a minute a mutant; see TESTING.md for the counts. Set CARGO_TARGET_DIR to a target
# folder of your own to reuse built dependencies (cargo-mutants builds in a temporary copy of
# the tree, never in it).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v cargo-mutants >/dev/null || {
  echo "mutants: install cargo-mutants first: cargo install --locked cargo-mutants" >&2
  exit 2
}

# name | file | the test targets that cover it (cargo arguments: --lib, --test FILE)
# Every library test runs for every module except the sealing tests (scrypt at its real cost:
# minutes on a loaded machine), which test no rule mutated here. cargo-mutants hands what follows
# its own `--` to `cargo test`, hence `-- -- --skip`.
# The targets are given with --cargo-arg so that the build of each mutant is limited to them:
# arguments after `--` would reach only the test harness, and cargo-mutants would build every
# test binary for every mutant.
modules=(
  "value|src/domain/value.rs|--lib"
  "output|src/output.rs|--lib"
  "date|src/domain/date.rs|--lib"
  "answering|src/domain/answering.rs|--lib"
  "progress|src/domain/progress.rs|--lib"
  "journal|src/store/journal.rs|--lib"
  "fsutil|src/store/fsutil.rs|--lib"
  "diff|src/diff.rs|--lib --test year_two"
  "renew|src/renew.rs|--lib --test year_two"
)

wanted=("$@")
mkdir -p mutants.out
summary=mutants.out/summary.md
printf '| module | file | mutants | caught | missed | unviable | timeout | caught of viable |\n' >"$summary"
printf '|---|---|---|---|---|---|---|---|\n' >>"$summary"
count() { if [ -f "$1" ]; then grep -c . "$1" || true; else echo 0; fi; }
for row in "${modules[@]}"; do
  IFS='|' read -r name file targets <<<"$row"
  if [ ${#wanted[@]} -gt 0 ] && [[ ! " ${wanted[*]} " == *" $name "* ]]; then
    continue
  fi
  cargo_args=()
  for word in $targets; do cargo_args+=("--cargo-arg=$word"); done
  echo "mutants: $name ($file), tests: $targets"
  # A mutant whose tests run past 120 s (a loop made endless) counts as a timeout; the build
  # limit is generous because the machine is shared.
  nice -n 10 cargo mutants --file "$file" --output "mutants.out/$name" --jobs 1 \
    --timeout 120 --build-timeout 900 "${cargo_args[@]}" -- -- --skip seal:: || true
  out=mutants.out/$name/mutants.out
  caught=$(count "$out/caught.txt")
  missed=$(count "$out/missed.txt")
  unviable=$(count "$out/unviable.txt")
  timeout=$(count "$out/timeout.txt")
  viable=$((caught + missed + timeout))
  total=$((viable + unviable))
  share=$([ "$viable" -gt 0 ] && echo "$((100 * (caught + timeout) / viable))%" || echo "-")
  printf '| %s | `%s` | %s | %s | %s | %s | %s | %s |\n' "$name" "$file" "$total" \
    "$caught" "$missed" "$unviable" "$timeout" "$share" >>"$summary"
done
cat "$summary"
