#!/bin/sh
# The workbook of every example scenario and of tests/xlsx_fixture.yaml,
# recalculated by Gnumeric: every formula agrees with its cached value;
# sheets are protected, formulas locked, inputs unlocked but the structural
# ones; a formula made wrong is caught; halving utilization doubles a cloud
# platform's cost per million tokens (METHOD.md: c_h / (T u 3600) 1e6);
# injected formulas stay text. $1: the tokcost binary.
tokcost=${1:-build/tokcost}
check="/usr/bin/python3 tests/xlsx_recalc.py"
suite=xlsx_recalc; . "$(dirname "$0")/harness.sh"

command -v ssconvert >/dev/null || fail "ssconvert (gnumeric) is not installed"
/usr/bin/python3 -c "import openpyxl" 2>/dev/null || fail "python3-openpyxl is not installed"

books=""
for f in scenarios/*.yaml tests/xlsx_fixture.yaml; do
    [ -f "$f" ] || continue
    stem=$(basename "$f" .yaml)
    "$tokcost" render "$f" -o "$tmp/out" --formats xlsx -q || fail "$f: render failed"
    [ -s "$tmp/out/$stem/workbook.xlsx" ] || fail "$f: no workbook.xlsx"
    books="$books $tmp/out/$stem/workbook.xlsx"
done
# every formula of every workbook against Gnumeric's recalculation
$check check $books || fail "a formula disagrees with its cached value"
# formulas locked, inputs unlocked, structural inputs locked with their note
for b in $books; do
    $check locks "$b" || fail "$b: a cell is locked or unlocked wrongly"
done

fixture=$tmp/out/xlsx_fixture/workbook.xlsx
# the check must be able to fail: one formula made wrong, cache kept
$check break "$fixture" "$tmp/broken.xlsx" || fail "could not break a formula"
if $check check "$tmp/broken.xlsx" >/dev/null; then fail "a wrong formula passed the check"; fi

# utilization 0.7 -> 0.35: h200 (cloud, power included) costs twice as much
$check get "$fixture" h200_cost_per_m_tokens > "$tmp/before" || fail "get failed"
$check set "$fixture" utilization 0.35 "$tmp/u35.xlsx" || fail "set failed"
$check get "$tmp/u35.xlsx" h200_cost_per_m_tokens gb300_cost_per_m_tokens > "$tmp/after" \
    || fail "get failed"
/usr/bin/python3 - "$tmp/before" "$tmp/after" <<'PY' || fail "cost did not move as 1/u"
import sys
b = float(open(sys.argv[1]).read().split()[1])
a = dict(l.split() for l in open(sys.argv[2]))
h = float(a["h200_cost_per_m_tokens"])
if abs(h - 2 * b) > 1e-9 * h:
    sys.exit("h200: %r -> %r, expected %r" % (b, h, 2 * b))
PY

# text from the inputs stays text
$check text "$fixture" '=HYPERLINK("http://evil.example","click me")' "+cmd|' /C calc'!A0" \
    '@SUM(1+1)' '-2+3' '=1+1' || fail "an input text is not a plain text cell"
exit 0
