#!/usr/bin/env bash
# Runs the whole suite with the wall clock moved (test/support/shifted-clock.mjs), once per time given,
# or at three awkward moments: a year from today, the last minute of a leap day and the last half minute
# of a year, both in Asia/Shanghai. No test may depend on the day it runs.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ "$#" -gt 0 ]; then
  clocks=("$@")
else
  clocks=("$(date -u -d '+1 year' +%Y-%m-%dT%H:%M:%SZ)" '2028-02-29T23:59:00+08:00' "$(date -u +%Y)-12-31T23:59:30+08:00")
fi
failed=()
for clock in "${clocks[@]}"; do
  echo "== npm test with the clock at $clock"
  SBM_TEST_CLOCK="$clock" NODE_OPTIONS="${NODE_OPTIONS:-} --import $PWD/test/support/shifted-clock.mjs" npm test ||
    failed+=("$clock")
done
if [ "${#failed[@]}" -gt 0 ]; then
  echo "The suite failed with the clock at: ${failed[*]}" >&2
  exit 1
fi
