#!/bin/sh
# The board report end to end: `tokcost render` on the seed scenario, checked
# with qpdf, pdffonts, pdftotext; same bytes twice; a bad --templates folder
# is an error naming the file and line, and writes nothing.
suite=pdf_render; . "$(dirname "$0")/harness.sh"

"$bin" render scenarios/seed.yaml -o "$tmp/a" --formats pdf -q || fail "render failed"
pdf=$tmp/a/seed/report.pdf
qpdf --check "$pdf" >/dev/null 2>&1 || fail "qpdf --check"
[ "$(pdffonts "$pdf" 2>/dev/null | tail -n +3 | awk '$(NF-4) != "yes"' | wc -l)" -eq 0 ] ||
    fail "a font is not embedded"
text=$(pdftotext -layout "$pdf" - 2>/dev/null)
# the headline in board rounding (3 significant figures, ratios to 2); the
# claims table keeps the computed figures in full (4.3519, 52,023)
for fig in '$1.41' '$2.65' '2.807' '5.660' '52.0k' '2.86M' '$4.35' '$0.123' \
           '35x lower' '67x higher' '55x higher' '$4.3519' '52,023' '2,857,143' \
           'Executive summary' 'Method'; do
    printf '%s' "$text" | grep -qF -- "$fig" || fail "'$fig' not in the report"
done
qpdf --json --json-key=outlines "$pdf" | grep -q '"title": "Executive summary"' || fail "no outline"

"$bin" render scenarios/seed.yaml -o "$tmp/b" --formats pdf -q || fail "second render failed"
cmp -s "$pdf" "$tmp/b/seed/report.pdf" || fail "the bytes differ between two runs"

mkdir "$tmp/tpl" && cp templates/report/*.txt "$tmp/tpl/" || exit 1
sed -i 's/{{best_lcot}}/{{best_lcot_typo}}/' "$tmp/tpl/summary.txt"
line=$(grep -n 'best_lcot_typo' "$tmp/tpl/summary.txt" | head -1 | cut -d: -f1)
err=$("$bin" render scenarios/seed.yaml -o "$tmp/c" --formats pdf --templates "$tmp/tpl" 2>&1)
[ $? -eq 1 ] || fail "an unknown placeholder must exit 1"
printf '%s' "$err" | grep -qF "$tmp/tpl/summary.txt:$line: unknown placeholder {{best_lcot_typo}}" ||
    fail "message: $err"
[ ! -e "$tmp/c/seed/report.pdf" ] || fail "a report was written despite the error"
exit 0
