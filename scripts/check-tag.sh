#!/usr/bin/env bash
# Refuses to release a tag that is not Cargo.toml's version: `carecheck --version` and the
# archives' names must say what the tag says.
#
#   scripts/check-tag.sh TAG      (TAG as pushed: v1.2.3)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -ne 1 ]; then
  echo "usage: $0 TAG" >&2
  exit 2
fi
tag=$1
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
if [ "$tag" != "v$version" ]; then
  echo "check-tag: the tag is $tag but Cargo.toml's version is $version; tag v$version, or change the version first" >&2
  exit 1
fi
echo "check-tag: $tag matches Cargo.toml"
