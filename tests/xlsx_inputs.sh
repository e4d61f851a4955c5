#!/bin/sh
# The workbook is the model (issue 15): for every non-structural input of
# both examples, the workbook with that one cell edited and recalculated by
# Gnumeric shows every headline figure of every bid as `tokcost eval --json
# --set KEY=VALUE` computes it (tests/xlsx_inputs.py, 1e-9 relative). The
# check must be able to fail: a workbook with one formula made wrong is
# caught on its first edits. $1: the tokcost binary.
tokcost=${1:-build/tokcost}
inputs="/usr/bin/python3 tests/xlsx_inputs.py"
suite=xlsx_inputs; . "$(dirname "$0")/harness.sh"

command -v ssconvert >/dev/null || fail "ssconvert (gnumeric) is not installed"
/usr/bin/python3 -c "import yaml" 2>/dev/null || fail "python3-yaml is not installed"

for f in scenarios/seed.yaml scenarios/committee.yaml; do
    stem=$(basename "$f" .yaml)
    "$tokcost" render "$f" -o "$tmp/out" --formats xlsx -q || fail "$f: render failed"
    mkdir -p "$tmp/$stem"
    if $inputs "$tokcost" "$f" "$tmp/out/$stem/workbook.xlsx" "$tmp/$stem"; then ok
    else ko "$f: an edited input does not move the workbook as tokcost eval --set"; fi
done

# one formula wrong (CostPerToken: 3600 seconds made 3601), cache kept
/usr/bin/python3 tests/xlsx_recalc.py break "$tmp/out/seed/workbook.xlsx" "$tmp/broken.xlsx" \
    || fail "could not break a formula"
mkdir -p "$tmp/broken"
if $inputs "$tokcost" scenarios/seed.yaml "$tmp/broken.xlsx" "$tmp/broken" 2 >"$tmp/log"; then
    ko "a wrong formula passed the edit check"
else
    has "$tmp/log" "cost_per_m_tokens (Platforms" "the wrong formula is named"
fi
finish
