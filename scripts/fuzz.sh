#!/usr/bin/env bash
# Runs each fuzz target for a bounded time, seeded from the test fixtures.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`). It runs on the stable toolchain: libFuzzer's
# coverage hooks are stable `-C` flags, and RUSTC_BOOTSTRAP lets cargo-fuzz pass its one
# nightly-only flag. No sanitizer is used (`-s none`): the code under test forbids `unsafe`.
# Findings land in fuzz/artifacts/TARGET/; each becomes a regression test in tests/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(checklist_toml save_files journal oscal_json oscal_params bundle)

seed() {
  local target=$1 dir=fuzz/corpus/$1
  mkdir -p "$dir"
  case $target in
    checklist_toml) cp checklists/*.toml tests/fixtures/valid/*.toml tests/fixtures/invalid/*.toml "$dir"/ ;;
    save_files) for f in tests/fixtures/saves/*/assessments/*/{assessment.json,journal.jsonl}; do
                  cp "$f" "$dir/$(echo "$f" | tr '/' '_')"; done ;;
    journal) for f in tests/fixtures/saves/*/assessments/*/journal.jsonl; do
               # The target reads two bytes (base, extra skip) before the journal itself.
               { printf '\0\0'; cat "$f"; } > "$dir/$(echo "$f" | tr '/' '_')"; done ;;
    oscal_json) cp tests/fixtures/oscal/*.json tests/fixtures/oscal/regressions/*.json "$dir"/ ;;
    oscal_params) # One parameter inserting itself 150 times, and two inserting each other.
            { printf '\0\0\377'; head -c 150 /dev/zero; } > "$dir/self-150"
            { printf '\1\0\377\1\1\1\376x\377\0\0\0'; } > "$dir/pair" ;;
    bundle) # A real bundle, made in a throw-away data directory.
            local tmp; tmp=$(mktemp -d)
            CARECHECK_DATA_DIR=$tmp CARECHECK_CONFIG_DIR=$tmp/config cargo run --quiet -- new --org Seed --checklist ncsc-10-steps >/dev/null 2>&1
            CARECHECK_DATA_DIR=$tmp cargo run --quiet -- answer RISK partial --note seed >/dev/null
            CARECHECK_DATA_DIR=$tmp cargo run --quiet -- bundle -o "$dir/seed.ccb" >/dev/null
            rm -rf "$tmp" ;;
  esac
}

mkdir -p fuzz/logs
for target in "${targets[@]}"; do
  seed "$target"
  echo "fuzz: $target for ${seconds}s"
  RUSTC_BOOTSTRAP=1 cargo fuzz run -s none "$target" "fuzz/corpus/$target" -- \
    -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
    2>&1 | tee "fuzz/logs/$target.log" | grep -E "^#[0-9]+ +(DONE|INITED)|stat::|ERROR|panicked" || true
done
