#!/bin/sh
# Board-ready reports (issue 14), on both examples, from the PDF as a reader
# gets it: no text cut with an ellipsis (tables, charts, axis titles); the
# narrative and the headline tables in board rounding (3 significant
# figures, K/M/B, ratios in one style, one payback style); every page but
# the cover and the last at least 40% used (tests/page_fill.py on pages
# rendered by pdftoppm). $1: the tokcost binary.
suite=report_board; . "$(dirname "$0")/harness.sh"

"$bin" render scenarios/committee.yaml scenarios/seed.yaml -o "$tmp" --formats pdf -q ||
    fail "render failed"
for s in committee seed; do
    pdf=$tmp/$s/report.pdf
    pdftotext "$pdf" "$tmp/$s.txt" 2>/dev/null || fail "$s: pdftotext"
    if grep -n "$(printf '\342\200\246')" "$tmp/$s.txt" >&2; then fail "$s: text cut with an ellipsis"; fi
    # the body up to the by-year tables (the appendix keeps full precision)
    sed -n '1,/^Cash view by year/p' "$tmp/$s.txt" > "$tmp/$s.body"
    [ -s "$tmp/$s.body" ] || fail "$s: no body text"
    if grep -nE '[$€£][0-9]+\.[0-9]{4,}|[$€£][0-9]+\.[0-9]*[1-9][0-9]{3}' "$tmp/$s.body" >&2; then
        fail "$s: a per-token cost with more than 3 significant figures in the body"
    fi
    if grep -nE '[$€£][0-9]{1,3}(,[0-9]{3}){2,}' "$tmp/$s.body" >&2; then
        fail "$s: money in the millions written in full in the body"
    fi
    if grep -nE '(^| )1\.0x|< 1 month|[0-9] y [0-9]+ m|[0-9]y[0-9]m' "$tmp/$s.txt" >&2; then
        fail "$s: a ratio or payback outside the one board style"
    fi
    python3 tests/page_fill.py "$pdf" --min 0.40 > "$tmp/$s.fill" || fail "$s: a page is under 40% used"
done
# the committee's figures as the board reads them (by hand from results.json:
# LCOT 0.20513 -> $0.205; 0.69666 / 0.20513 = 3.396 -> 3.4x lower; NPV
# 21,559,623 -> $21.6M; 1.48 / 1.41 = 1.0496 -> 5% higher)
for fig in '$0.205 per million' '3.4x lower' '$21.6M' '5% higher' 'less than a month'; do
    tr '\n' ' ' < "$tmp/committee.body" | grep -qF -- "$fig" || fail "committee: '$fig' not in the body"
done
# the runner-up's margin, both sides of double (results.json: committee
# lcot_ratio 1.29524 -> 29.5% more; seed 4.7887 -> 4.8 times as much), and
# no percentage of 100 or more before "more" anywhere
tr '\n' ' ' < "$tmp/committee.body" | grep -qF 'costs 29.5% more at $0.266' ||
    fail "committee: no 'costs 29.5% more at \$0.266'"
tr '\n' ' ' < "$tmp/seed.body" | grep -qF 'costs 4.8 times as much at $4.39' ||
    fail "seed: no 'costs 4.8 times as much at \$4.39'"
for s in committee seed; do
    if tr '\n' ' ' < "$tmp/$s.txt" | grep -oE '[0-9]{3,}(\.[0-9]+)?% (more|above)|rises [0-9]{3,}%' >&2; then
        fail "$s: a rise of 100% or more as a percentage"
    fi
done
# a template written before runner_up_more still reads runner_up_margin as
# the percentage: 4.7887 - 1 = 378.87% -> 378.9%
mkdir "$tmp/old" && cp templates/report/*.txt "$tmp/old/" || exit 1
sed -i 's/costs {{runner_up_more}} at/costs {{runner_up_margin}} more at/' "$tmp/old/summary.txt"
"$bin" render scenarios/seed.yaml -o "$tmp/o" --formats pdf --templates "$tmp/old" -q ||
    fail "old template: render failed"
pdftotext "$tmp/o/seed/report.pdf" - 2>/dev/null | tr '\n' ' ' | grep -qF 'costs 378.9% more at $4.39' ||
    fail "old template: runner_up_margin no longer the percentage"
# pages break as an editor would: the committee's sensitivity table stays
# with its heading (it used to leave the heading and intro alone at the
# foot of a page), and a continued table repeats its header with at least
# 3 rows (the performance table: 9 rows, then 3)
pages=$(pdfinfo "$tmp/committee/report.pdf" | sed -n 's/^Pages: *//p')
i=1; while [ "$i" -le "$pages" ]; do
    pdftotext -f "$i" -l "$i" -layout "$tmp/committee/report.pdf" "$tmp/p$i.txt" 2>/dev/null
    i=$((i + 1))
done
grep -l '^Sensitivity' "$tmp"/p*.txt | xargs grep -L 'LCOT with the input' | grep . >&2 &&
    fail "committee: the sensitivity heading without its table"
last=$(grep -l 'Model, tokens in/out' "$tmp"/p*.txt | tail -n 1)
[ "$(grep -c 'deepseek-r1,' "$last")" -ge 3 ] || fail "committee: a continued table with under 3 rows"
# a heading found alone at the foot of a page is moved to the next by a
# second layout pass: padded intros put "TCO by year and cost category"
# at the foot of a page, and it must stay with its chart
mkdir "$tmp/pad" && cp templates/report/*.txt "$tmp/pad/" || exit 1
/usr/bin/python3 - "$tmp/pad" <<'PY'
import re, sys
for f in ['analysis.txt', 'workloads.txt', 'tco.txt', 'fleet.txt']:
    p = sys.argv[1] + '/' + f
    s = re.sub(r'(\]\n)([A-Z][^\n]*)', lambda m: m.group(1) + m.group(2) + ' Pad.' * 52, open(p).read())
    open(p, 'w').write(s)
PY
"$bin" render scenarios/committee.yaml -o "$tmp/padded" --formats pdf --templates "$tmp/pad" -q ||
    fail "padded render failed"
i=1; found=0; while [ "$i" -le 20 ]; do
    t=$(pdftotext -f "$i" -l "$i" "$tmp/padded/committee/report.pdf" - 2>/dev/null) || break
    if printf '%s' "$t" | grep -q 'TCO by year and cost category'; then
        found=1
        printf '%s' "$t" | grep -q 'Total cost of ownership by year' ||
            fail "padded: the TCO chart's heading alone on page $i"
    fi
    i=$((i + 1))
done
[ "$found" = 1 ] || fail "padded: no TCO chart heading"
# the scenario's currency in every label: the seed in EUR
sed 's/currency: USD/currency: EUR/' scenarios/seed.yaml > "$tmp/eur.yaml" || exit 1
"$bin" render "$tmp/eur.yaml" -o "$tmp" --formats pdf -q || fail "EUR render failed"
pdftotext "$tmp/eur/report.pdf" "$tmp/eur.txt" 2>/dev/null || fail "eur: pdftotext"
grep -q "PFLOPS per $(printf '\342\202\254')-hour" "$tmp/eur.txt" || fail "eur: no 'PFLOPS per EUR-hour'"
if grep -n 'dollar\|\$' "$tmp/eur.txt" >&2; then
    fail "eur: a dollar in a EUR report"
fi
"$bin" eval "$tmp/eur.yaml" | grep -q "PFLOPS per $(printf '\342\202\254')-hour" || fail "eur: eval label"
# the workbook's text says it the same way (cached values, and the formula
# Gnumeric recalculates in tests/xlsx_recalc.sh): 0.12269 / 4.3519 -> 35x lower
"$bin" render scenarios/seed.yaml -o "$tmp/x" --formats xlsx -q || fail "xlsx render failed"
/usr/bin/python3 - "$tmp/x/seed/workbook.xlsx" <<'PY' || fail "workbook: ratio words differ from the report's"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1], data_only=True)   # the cached values
words = {str(c.value) for ws in wb for row in ws.iter_rows() for c in row if c.value is not None}
assert "35x lower" in words, "no '35x lower'"
assert not any(w.endswith("x lower") and "." in w.split("x")[0] and float(w.split("x")[0]) >= 10 for w in words)
PY
# the measure must be able to fail: a report whose page is nearly empty
python3 tests/page_fill.py "$tmp/seed/report.pdf" --min 0.99 > /dev/null 2>&1 &&
    fail "page_fill.py passed a threshold no page meets"
exit 0
