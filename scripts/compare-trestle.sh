#!/usr/bin/env bash
# Side by side: `carecheck import oscal` against compliance-trestle's `Catalog.oscal_read`, both
# as whole processes, on the same catalog, with the same harness (issue 18).
#
#   scripts/compare-trestle.sh [--install] [--runs N] [--catalog FILE]
#
# --install  create a temporary Python virtual environment and `pip install
#            compliance-trestle==5.2.0` into it (removed at the end). Without it, the script uses
#            $TRESTLE_PYTHON (a python that already has trestle 5.2.0), or skips trestle.
# Each tool runs N times (default 11, after one untimed warm-up run each), taking turns. Wall
# time is taken around the process (nanosecond clock); peak memory is the maximum resident set
# size from /usr/bin/time. Prints the medians and the ratios; exits 1 if carecheck misses the target
# (at least 20 times faster, at most a third of the memory).
set -euo pipefail
cd "$(dirname "$0")/.."

runs=11
install=0
catalog=../shared/data/oscal/NIST_SP-800-53_rev5.0.1_catalog.json
while [ $# -gt 0 ]; do
  case $1 in
    --install) install=1 ;;
    --runs) runs=$2; shift ;;
    --catalog) catalog=$2; shift ;;
    *) echo "usage: $0 [--install] [--runs N] [--catalog FILE]" >&2; exit 2 ;;
  esac
  shift
done
[ -f "$catalog" ] || { echo "compare: no catalog at $catalog" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "compare: needs GNU time at /usr/bin/time (apt-get install time)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python=${TRESTLE_PYTHON:-}
if [ "$install" = 1 ]; then
  echo "compare: installing compliance-trestle 5.2.0 into a temporary virtual environment"
  python3 -m venv "$work/venv"
  "$work/venv/bin/pip" install --quiet --disable-pip-version-check compliance-trestle==5.2.0
  python=$work/venv/bin/python
fi

cargo build --release --locked --quiet
carecheck=$PWD/target/release/carecheck

# run NAME COMMAND...: times one process; appends "milliseconds kib" to $work/NAME.
run() {
  local name=$1; shift
  local start end
  start=$(date +%s%N)
  /usr/bin/time -f '%M' -o "$work/rss" "$@" >/dev/null 2>"$work/err" || {
    echo "compare: $name failed:" >&2; cat "$work/err" >&2; exit 1; }
  end=$(date +%s%N)
  echo "$(( (end - start) / 1000 )) $(tail -n 1 "$work/rss")" >> "$work/$name"
}

# median FILE COLUMN: the median of one column (microseconds or KiB).
median() {
  sort -n -k"$2" "$1" | awk -v c="$2" '{ v[NR] = $c } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

carecheck_once() {
  local data; data=$(mktemp -d "$work/data.XXXXXX")
  run "$1" "$carecheck" --data-dir "$data" import oscal "$catalog" --id nist-800-53
  rm -rf "$data"
}
trestle_read='import pathlib, sys
from trestle.oscal.catalog import Catalog
catalog = Catalog.oscal_read(pathlib.Path(sys.argv[1]))
assert len(catalog.groups) > 0'
if [ -n "$python" ]; then
  version=$("$python" -c 'import importlib.metadata as m; print(m.version("compliance-trestle"))')
  [ "$version" = 5.2.0 ] || echo "compare: warning: compliance-trestle is $version, not 5.2.0" >&2
  run warmup "$python" -c "$trestle_read" "$catalog"
fi
# The two take turns, so a change in the machine's load (other work on a shared machine)
# falls on both alike.
carecheck_once warmup
for _ in $(seq "$runs"); do
  carecheck_once carecheck
  [ -z "$python" ] || run trestle "$python" -c "$trestle_read" "$catalog"
done

bytes=$(wc -c < "$catalog")
cc_us=$(median "$work/carecheck" 1); cc_kib=$(median "$work/carecheck" 2)
echo "catalog: $catalog ($bytes bytes); $runs runs each; medians of whole processes"
printf '  %-44s %8.1f ms  %7.1f MiB peak\n' "carecheck import oscal (release build)" \
  "$(echo "$cc_us / 1000" | bc -l)" "$(echo "$cc_kib / 1024" | bc -l)"
if [ -z "$python" ]; then
  echo "  compliance-trestle: not run (pass --install, or set TRESTLE_PYTHON)"
  exit 0
fi
tr_us=$(median "$work/trestle" 1); tr_kib=$(median "$work/trestle" 2)
printf '  %-44s %8.1f ms  %7.1f MiB peak\n' "compliance-trestle $version Catalog.oscal_read" \
  "$(echo "$tr_us / 1000" | bc -l)" "$(echo "$tr_kib / 1024" | bc -l)"
speed=$(echo "$tr_us / $cc_us" | bc -l)
memory=$(echo "$cc_kib / $tr_kib" | bc -l)
printf '  carecheck is %.1fx as fast, at %.2fx the peak memory (targets: >= 20x, <= 0.33x)\n' "$speed" "$memory"
if (( $(echo "$speed >= 20 && $memory <= 1 / 3" | bc -l) )); then
  echo "  target met"
else
  echo "  target NOT met"
  exit 1
fi
