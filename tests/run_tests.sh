#!/bin/sh
# Runs every cmocka test binary and the shell tests, then prints one plain
# closing line "tests: N passed, N failed" (N counts test programs).
build=$1; shift
passed=0; failed=0
for t in "$@"; do
    if "$t"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED: $t" >&2; fi
done
for s in tests/*.sh; do
    case "$s" in tests/deps.sh|tests/run_tests.sh|tests/harness.sh) continue ;; esac
    if sh "$s" "$(pwd)/$build/tokcost"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED: $s" >&2; fi
done
echo "tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
