#!/usr/bin/env bash
# Mutation testing of carecheck's rule modules with cargo-mutants (from crates.io:
# `cargo install --locked cargo-mutants`): each plausible one-line mistake in a rule is put in,
# one at a time, and the tests that cover that rule are run; a mutant the tests do not catch is
# a mistake a tired developer could land. Results go to mutants.out/MODULE/ and a summary line
# per module is printed for TESTING.md. Not part of CI: a full run takes about an hour on two
# cores.
#
#   scripts/mutants.sh                 every module below
#   scripts/mutants.sh value progress  only these (by the names in the table)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v cargo-mutants >/dev/null || {
  echo "mutants: install cargo-mutants first: cargo install --locked cargo-mutants" >&2
  exit 2
}

# name | file | the tests that cover it (arguments to cargo test)
modules=(
  "value|src/domain/value.rs|--lib domain::value"
  "date|src/domain/date.rs|--lib domain::date"
  "progress|src/domain/progress.rs|--lib domain::progress"
  "answering|src/domain/answering.rs|--lib domain::answering"
  "portable-name|src/portable_name.rs|--lib portable_name"
  "io-words|src/io_words.rs|--lib io_words"
  "duties|src/duties.rs|--test calendar"
  "output|src/output.rs|--lib output --test hostile_world"
  "summary|src/summary.rs|--lib summary --test assessment_cli --test readiness"
  "diff|src/diff.rs|--lib diff --test year_two"
  "renew|src/renew.rs|--lib renew --test year_two"
  "journal|src/store/journal.rs|--lib store::journal --test save_files --test crash"
  "card|src/report/card.rs|--lib report::card --test plan"
)

wanted=("$@")
mkdir -p mutants.out
printf '| module | file | caught | missed | unviable | timeout |\n|---|---|---|---|---|---|\n' > mutants.out/summary.md
for row in "${modules[@]}"; do
  IFS='|' read -r name file tests <<<"$row"
  if [ ${#wanted[@]} -gt 0 ] && [[ ! " ${wanted[*]} " == *" $name "* ]]; then
    continue
  fi
  echo "mutants: $name ($file) with cargo test $tests"
  # shellcheck disable=SC2086 # the test arguments are words on purpose
  cargo mutants --file "$file" --output "mutants.out/$name" --timeout 180 \
    --minimum-test-timeout 60 --no-shuffle -- $tests || true
  out=mutants.out/$name/mutants.out
  count() { [ -f "$out/$1.txt" ] && grep -c . "$out/$1.txt" || echo 0; }
  printf '| %s | `%s` | %s | %s | %s | %s |\n' "$name" "$file" \
    "$(count caught)" "$(count missed)" "$(count unviable)" "$(count timeout)" >> mutants.out/summary.md
done
cat mutants.out/summary.md
