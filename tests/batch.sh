#!/bin/sh
# Batch rendering and what-if runs: a folder of good and bad scenarios
# (the good render, exit 1, the bad named), -j 2 writes the same bytes and
# the same errors as -j 1, progress only on a terminal, -q silent, a what-if
# recorded in results.json and rendered beside the original, never over it.
# $1: the tokcost binary. Run from the repository root.
suite=batch; . "$(dirname "$0")/harness.sh"

hasnt() { if grep -qF -- "$2" "$1"; then ko "$3: '$2' in $1"; else ok; fi; }
# json FILE PYTHON-EXPRESSION DESCRIPTION (d: the document)
json() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if ($2) else 1)" "$1" \
         && ok || ko "$3: not ($2) in $1"; }
# tty OUT command...: runs the command with stdout on a terminal (a pty from script)
tty() { out=$1; shift; script -qec "$*" /dev/null >"$out" 2>&1; tr -d '\r' <"$out" >"$out.txt"; }

# A folder of four scenarios (two good, an out-of-range value, a syntax
# error), a hidden file, a note, and a sub-folder that is not entered.
in=$tmp/in
mkdir -p "$in/sub"
cp scenarios/seed.yaml "$in/a.yaml"
sed 's/gpu_hour: 2.65/gpu_hour: 3.10/' scenarios/seed.yaml >"$in/d.yml"
sed 's/utilization: 1.0/utilization: 1.5/' scenarios/seed.yaml >"$in/b.yaml"
printf 'scenario: {title: "x"\n' >"$in/c.yaml"
echo "not: a scenario" >"$in/.hidden.yaml"
echo "notes" >"$in/README.txt"
echo "not: a scenario" >"$in/sub/e.yaml"
[ "$(grep -c 'utilization: 1.0' scenarios/seed.yaml)" -eq 1 ] && ok || ko "seed.yaml changed: fix the sed"

expect 1 "folder with bad files" -- "$bin" "$in" -o "$tmp/j1"
exists "$tmp/j1/a/results.json" "good file a"
exists "$tmp/j1/a/report.pdf" "good file a"
exists "$tmp/j1/d/results.json" "good .yml file d"
absent "$tmp/j1/b" "invalid scenario"
absent "$tmp/j1/c" "syntax error"
absent "$tmp/j1/e" "sub-folder entered"
absent "$tmp/j1/.hidden" "hidden file rendered"
has "$tmp/err" "$in/b.yaml:17:16: assumptions.utilization: 1.5 is out of range" "bad value named"
has "$tmp/err" "$in/c.yaml:1:11: this { mapping is never closed (expected ',' or '}')" "syntax error named where the mapping opened"
lines "$tmp/err" 2 "one line per error"
empty "$tmp/out" "stdout not a terminal"
json "$tmp/j1/d/results.json" 'd["platforms"][1]["cost_per_gpu_hour"] == 3.1' "d is d.yml"

# -j 2: same files, same bytes, same errors in the same order.
cp "$tmp/err" "$tmp/err1"
expect 1 "-j 2" -- "$bin" -j 2 "$in" -o "$tmp/j2"
if diff -r "$tmp/j1" "$tmp/j2" >/dev/null; then ok; else ko "-j 2 output differs from -j 1"; fi
if cmp -s "$tmp/err" "$tmp/err1"; then ok; else ko "-j 2 errors differ: $(cat "$tmp/err")"; fi
expect 1 "-j 8 (more jobs than files)" -- "$bin" -j8 "$in" -o "$tmp/j8" --formats json
if cmp -s "$tmp/err" "$tmp/err1"; then ok; else ko "-j 8 errors differ: $(cat "$tmp/err")"; fi
cmp -s "$tmp/j8/d/results.json" "$tmp/j1/d/results.json" && ok || ko "-j 8 results differ"
expect 2 "one file twice" -- "$bin" "$in" "$in/a.yaml" -o "$tmp/j9"
has "$tmp/err" "'$in/a.yaml' and '$in/a.yaml' would both render into $tmp/j9/a" "one file twice"
absent "$tmp/j9" "usage error wrote"

# The charts render on a second thread beside the other formats: the same
# bytes as when they render alone.
expect 0 "charts alone" -- "$bin" scenarios/committee.yaml -o "$tmp/ch1" --formats png,svg
expect 0 "charts beside the rest" -- "$bin" scenarios/committee.yaml -o "$tmp/ch2"
[ "$(ls "$tmp/ch1/committee/charts" | wc -l)" -ge 14 ] && ok || ko "committee charts: $(ls "$tmp/ch1/committee/charts")"
if diff -r "$tmp/ch1/committee/charts" "$tmp/ch2/committee/charts" >/dev/null; then ok
else ko "charts differ when rendered beside the other formats"; fi

# Files and folders mixed; check takes folders too.
expect 0 "files and folders" -- "$bin" -j 2 scenarios "$in/a.yaml" -o "$tmp/mix" --formats json
exists "$tmp/mix/committee/results.json" "scenarios/ folder"
exists "$tmp/mix/seed/results.json" "scenarios/ folder"
exists "$tmp/mix/a/results.json" "file beside a folder"
absent "$tmp/mix/amd_mi355x" "bids/ entered"
expect 1 "check a folder" -- "$bin" check "$in"
lines "$tmp/err" 2 "check a folder"
mkdir "$tmp/none"; echo x >"$tmp/none/x.txt"
expect 2 "folder without scenarios" -- "$bin" "$tmp/none" "$in/a.yaml" -o "$tmp/n"
has "$tmp/err" "tokcost: '$tmp/none': no *.yaml file in this folder; try 'tokcost --help'" "empty folder"
absent "$tmp/n" "empty folder: nothing rendered"

# Progress: one line per scenario in file order, then a summary, only on a
# terminal; with -q nothing but the errors.
if command -v script >/dev/null; then
    tty "$tmp/p" "\"$bin\" -j 2 \"$in\" -o \"$tmp/p2\" --formats json"
    grep -v "^$in/[bc].yaml:" "$tmp/p.txt" >"$tmp/p.lines"
    sed 's/([0-9.]* s)/(T s)/; s/in [0-9.]* s/in T s/' "$tmp/p.lines" >"$tmp/p.norm"
    cat >"$tmp/p.want" <<EOF
[1/4] $in/a.yaml -> $tmp/p2/a/ (T s)
[2/4] $in/b.yaml: failed, see the errors above (T s)
[3/4] $in/c.yaml: failed, see the errors above (T s)
[4/4] $in/d.yml -> $tmp/p2/d/ (T s)
2 of 4 scenarios rendered into $tmp/p2/ in T s; 2 failed (-j 2)
EOF
    if cmp -s "$tmp/p.norm" "$tmp/p.want"; then ok; else ko "progress lines: $(cat "$tmp/p.txt")"; fi
    tty "$tmp/q" "\"$bin\" -q \"$in\" -o \"$tmp/q2\" --formats json"
    lines "$tmp/q.txt" 2 "-q on a terminal: the two errors only"
    hasnt "$tmp/q.txt" "rendered" "-q on a terminal"
    tty "$tmp/q" "\"$bin\" -q \"$in/a.yaml\" -o \"$tmp/q3\""
    empty "$tmp/q.txt" "-q, all good"
else
    echo "batch: script(1) missing: progress lines not tested" >&2
fi

# What-if: validated like the file, recorded, rendered beside the original.
expect 0 "original" -- "$bin" "$in/a.yaml" -o "$tmp/w"
cp "$tmp/w/a/results.json" "$tmp/orig.json"; cp "$tmp/w/a/report.pdf" "$tmp/orig.pdf"
json "$tmp/w/a/results.json" '"overrides" not in d["scenario"]' "original has no overrides"
expect 0 "what-if" -- "$bin" "$in/a.yaml" -o "$tmp/w" --set assumptions.utilization=0.5 \
    --set platforms[0].pricing.cloud.gpu_hour=2.82
wi=$tmp/w/a+assumptions.utilization=0.5+platforms_0_.pricing.cloud.gpu_hour=2.82
want_hash=$(python3 -c 'h=2166136261
for c in b"+assumptions.utilization=0.5+platforms[0].pricing.cloud.gpu_hour=2.82":
    h=((h^c)*16777619)&0xffffffff
print("%08x"%h)')
wi=$wi-$want_hash
exists "$wi/results.json" "what-if folder named after its overrides"
json "$wi/results.json" 'd["scenario"]["overrides"] == ["assumptions.utilization=0.5", "platforms[0].pricing.cloud.gpu_hour=2.82"]' "overrides recorded"
# 2.82 $/h at half the hours: 4x the seed's 4.3518518... $/M tokens.
json "$wi/results.json" 'abs(d["platforms"][0]["cost_per_m_tokens"] - 4*4.351851851851852) < 1e-9' "what-if evaluated"
cmp -s "$tmp/w/a/results.json" "$tmp/orig.json" && ok || ko "what-if changed the original results.json"
cmp -s "$tmp/w/a/report.pdf" "$tmp/orig.pdf" && ok || ko "what-if changed the original report.pdf"
if command -v pdftotext >/dev/null; then
    pdftotext "$wi/report.pdf" "$tmp/wi.txt" 2>/dev/null
    has "$tmp/wi.txt" "What-if override: assumptions.utilization=0.5" "what-if in the report's assumptions"
    pdftotext -f 1 -l 1 "$wi/report.pdf" "$tmp/wi1.txt" 2>/dev/null
    has "$tmp/wi1.txt" "What-if run: these figures are not the scenario as filed" "what-if on the cover"
    has "$tmp/wi1.txt" "assumptions.utilization=0.5; platforms[0].pricing.cloud.gpu_hour=2.82" "overrides on the cover"
    pdftotext -f 1 -l 1 "$tmp/orig.pdf" "$tmp/orig1.txt" 2>/dev/null
    grep -q "What-if" "$tmp/orig1.txt" && ko "the original's cover calls it a what-if" || ok
fi
expect 0 "what-if, simple name" -- "$bin" "$in/a.yaml" -o "$tmp/w" --set assumptions.utilization=0.4 --formats json
exists "$tmp/w/a+assumptions.utilization=0.4/results.json" "plain what-if name"
expect 0 "eval what-if" -- "$bin" eval "$in/a.yaml" --set assumptions.utilization=0.5
has "$tmp/out" "WHAT-IF, not the scenario as filed: assumptions.utilization=0.5" "eval says what-if"
expect 0 "eval original" -- "$bin" eval "$in/a.yaml"
hasnt "$tmp/out" "WHAT-IF" "eval of the file as filed"
expect 1 "what-if validated like the file" -- "$bin" "$in/a.yaml" -o "$tmp/w" --set assumptions.utilization=1.5
has "$tmp/err" "assumptions.utilization: 1.5 is out of range" "bad what-if value"
absent "$tmp/w/a+assumptions.utilization=1.5" "bad what-if wrote"

finish
