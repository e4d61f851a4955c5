# The shell tests' shared harness, sourced (tests/run_tests.sh does not run
# it). Set `suite` (the name on FAIL lines and the closing line) first:
#   suite=cli; . "$(dirname "$0")/harness.sh"
# It gives: $bin (the tokcost binary, $1), $tmp (a folder removed on exit,
# read-only parts too; define harness_cleanup to undo more first), the
# counters with ok and ko MESSAGE, the usual checks, and finish, which
# prints "SUITE: N passed, N failed" and fails when one failed.
bin=$1
tmp=$(mktemp -d) || exit 1
passed=0; failed=0
harness_cleanup() { :; }
harness_exit() {
    harness_cleanup
    chmod -R u+w "$tmp" 2>/dev/null
    rm -rf "$tmp"
}
trap harness_exit EXIT

ok() { passed=$((passed + 1)); }
ko() { failed=$((failed + 1)); echo "$suite: FAIL: $*" >&2; }
# fail MESSAGE: for the suites that stop at the first failure.
fail() { echo "$suite: FAIL: $*" >&2; exit 1; }
finish() {
    echo "$suite: $passed passed, $failed failed"
    [ "$failed" -eq 0 ]
}

# expect CODE DESCRIPTION -- command...: runs it, stdout/stderr to $tmp/out, $tmp/err
expect() {
    code=$1; what=$2; shift 3
    "$@" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    if [ "$rc" -eq "$code" ]; then ok; else ko "$what: exit $rc, expected $code: $(head -c 300 "$tmp/err")"; fi
}
# has FILE TEXT DESCRIPTION: FILE contains TEXT (fixed string)
has() { if grep -qF -- "$2" "$1"; then ok; else ko "$3: '$2' not in: $(head -c 400 "$1")"; fi; }
lines() { if [ "$(wc -l <"$1")" -eq "$2" ]; then ok; else ko "$3: $(wc -l <"$1") lines, expected $2: $(head -c 400 "$1")"; fi; }
empty() { if [ ! -s "$1" ]; then ok; else ko "$2: not empty: $(head -c 300 "$1")"; fi; }
exists() { if [ -s "$1" ]; then ok; else ko "$2: no $1"; fi; }
absent() { if [ -e "$1" ]; then ko "$2: $1 exists"; else ok; fi; }
