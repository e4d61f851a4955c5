#!/bin/sh
# The workbook is the model (issue 15): for every non-structural input of
# both examples, the workbook with that one cell edited and recalculated by
# Gnumeric shows every headline figure of every bid as `tokcost eval --json
# --set KEY=VALUE` computes it (tests/xlsx_inputs.py, 1e-9 relative). The
# check must be able to fail: a workbook with one formula made wrong is
# caught on its first edits. $1: the tokcost binary.
tokcost=${1:-build/tokcost}
inputs="/usr/bin/python3 tests/xlsx_inputs.py"
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail() { echo "xlsx_inputs.sh: $*" >&2; exit 1; }

command -v ssconvert >/dev/null || fail "ssconvert (gnumeric) is not installed"
/usr/bin/python3 -c "import yaml" 2>/dev/null || fail "python3-yaml is not installed"

for f in scenarios/seed.yaml scenarios/committee.yaml; do
    stem=$(basename "$f" .yaml)
    "$tokcost" render "$f" -o "$tmp/out" --formats xlsx -q || fail "$f: render failed"
    mkdir -p "$tmp/$stem"
    $inputs "$tokcost" "$f" "$tmp/out/$stem/workbook.xlsx" "$tmp/$stem" \
        || fail "$f: an edited input does not move the workbook as tokcost eval --set"
done

# one formula wrong (CostPerToken: 3600 seconds made 3601), cache kept
/usr/bin/python3 tests/xlsx_recalc.py break "$tmp/out/seed/workbook.xlsx" "$tmp/broken.xlsx" \
    || fail "could not break a formula"
mkdir -p "$tmp/broken"
if $inputs "$tokcost" scenarios/seed.yaml "$tmp/broken.xlsx" "$tmp/broken" 2 >"$tmp/log"; then
    fail "a wrong formula passed the edit check"
fi
grep -q "cost_per_m_tokens (Platforms" "$tmp/log" || fail "the wrong formula was not named: $(cat "$tmp/log")"
exit 0
