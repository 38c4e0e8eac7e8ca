#!/usr/bin/env bash
# The checks every commit must pass: formatting and lints (the tests run separately).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo fmt --all -- --check
cargo clippy --all-targets --quiet -- -D warnings
