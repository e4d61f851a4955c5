#!/bin/sh
# The command line as a user meets it: exit codes 0/1/2/3, usage errors,
# options before or after the files, templates that are valid once filled,
# one located error for one mistake, nothing written on invalid input, the
# previous report intact after a failed write, same bytes twice.
# $1: the tokcost binary. Run from the repository root.
suite=cli; . "$(dirname "$0")/harness.sh"
same() { if cmp -s "$1" "$2"; then ok; else ko "$3: $1 and $2 differ"; fi; }

# A small valid scenario of its own (two cloud bids, the seed table's figures).
sc=$tmp/small.yaml
cat >"$sc" <<'EOF'
scenario:
  title: "CLI test"
  baseline: h200
assumptions:
  utilization: 1.0
  pue: 1.0
demand:
  tokens_per_day: 5.0e9
workloads:
  - {id: r1, name: "R1", model: deepseek-r1, isl: 1024, osl: 1024, share: 1.0}
platforms:
  - id: h200
    name: "HGX H200"
    peak_pflops: 3.958
    power_kw_per_gpu: 1.73
    pricing: {cloud: {gpu_hour: 1.41}}
    performance:
      - {model: deepseek-r1, isl: 1024, osl: 1024, throughput: 90}
    claims: {cost_per_m_tokens: 4.20}
  - id: gb300
    name: "GB300 NVL72"
    gpus_per_node: 72
    peak_pflops: 15
    power_kw_per_gpu: 2.10
    pricing: {cloud: {gpu_hour: 2.65}}
    performance:
      - {model: deepseek-r1, isl: 1024, osl: 1024, throughput: 6000}
EOF

# --- help, version, usage errors (exit 2, one line, a hint) ---
expect 0 "--help" -- "$bin" --help
has "$tmp/out" "usage: tokcost [render] SCENARIO.yaml..." "--help"
expect 0 "--version" -- "$bin" --version
has "$tmp/out" "tokcost 0.1.0" "--version"
usage() {
    what=$1; msg=$2; shift 2
    expect 2 "$what" -- "$bin" "$@"
    has "$tmp/err" "tokcost: $msg; try 'tokcost --help'" "$what"
    lines "$tmp/err" 1 "$what"
    empty "$tmp/out" "$what: stdout"
}
usage "no file" "no scenario file given"
usage "unknown option" "unknown option '--frmats'" "$sc" --frmats json
usage "unknown command" "unknown command 'evl'" evl "$sc"
usage "missing value" "option '-o' needs a value" "$sc" -o
usage "bad format" "--formats: unknown format 'docx' (expected pdf, xlsx, png, svg or json)" --formats json,docx "$sc"
usage "bad jobs" "-j: expected a number of jobs from 1 to 1024, got '0'" -j 0 "$sc"
usage "option of another verb" "option '--json' does not apply to render" "$sc" --json
usage "eval takes one" "eval takes one scenario file, got 2" eval "$sc" "$sc"
usage "template kind" "template: expected 'bid' or 'scenario'" template quote
usage "flag with value" "option '--quiet' takes no value" --quiet=yes "$sc"
# "-o=DIR" is "--output=DIR" misspelt: never a folder named "=" or "=DIR".
# Run in a folder of their own, where such a folder would appear.
mkdir "$tmp/eqrun" && cd "$tmp/eqrun" || exit 1
usage "-o=" "option '-o' takes its value without '=' (write '-o DIR' or '--output=DIR')" "$sc" -o=
usage "-o=DIR" "option '-o' takes its value without '=' (write '-o DIR' or '--output=DIR')" -o=eq "$sc"
usage "-j=2" "option '-j' takes its value without '=' (write '-j N' or '--jobs=N')" -j=2 "$sc"
usage "--output=" "-o: the output folder is empty" "$sc" --output=
usage "-o ''" "-o: the output folder is empty" "$sc" -o ""
[ -z "$(ls -A)" ] && ok || ko "a usage error wrote: $(ls -A)"
cd "$OLDPWD" || exit 1
usage "bad --set" "--set: expected KEY=VALUE, got 'utilization'" eval "$sc" --set utilization
usage "two into one folder" "'$sc' and '$tmp/sub/small.yaml' would both render into $tmp/o/small" \
    "$sc" "$tmp/sub/small.yaml" -o "$tmp/o"
[ ! -e "$tmp/o" ] && ok || ko "usage error wrote $tmp/o"

# --- a valid input that leaves no bid serving the mix still renders every
# format (the workbook's year charts have no series then: none is drawn) ---
expect 0 "render, no bid covers the mix" -- "$bin" render scenarios/seed.yaml -o "$tmp/nc" -q \
    --set 'workloads[r1].osl=2048'
[ -s "$(ls "$tmp"/nc/*/workbook.xlsx 2>/dev/null | head -1)" ] && ok || ko "no workbook when no bid covers"

# --- render: options before or after the files, same bytes ---
expect 0 "render, options after" -- "$bin" render "$sc" -o "$tmp/a" --formats json
expect 0 "render, options before, default verb" -- "$bin" -q --formats=json -o "$tmp/b" "$sc"
empty "$tmp/out" "render when stdout is not a terminal"
same "$tmp/a/small/results.json" "$tmp/b/small/results.json" "same inputs, same bytes"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["platforms"][1]["id"]=="gb300"; \
assert abs(d["platforms"][0]["cost_per_m_tokens"]-4.351851851851852)<1e-12' \
    "$tmp/a/small/results.json" && ok || ko "results.json content"
if ls -A "$tmp/a/small" | grep -q '^\.'; then ko "temporary left in $tmp/a/small"; else ok; fi
if grep -qF "$tmp" "$tmp/a/small/results.json"; then ko "machine path in results.json"; else ok; fi

# --- eval: table and JSON, options anywhere ---
expect 0 "eval table" -- "$bin" eval "$sc"
# board rounding, as the report: 4.3519 -> $4.35, 0.12269 -> $0.123, 35.47 -> 35x
has "$tmp/out" "cost per million tokens   \$4.35  \$0.123    35x lower" "eval table"
has "$tmp/out" "inconsistent: 3.5% below computed" "eval claims"
expect 0 "eval --json after" -- "$bin" eval "$sc" --json
cp "$tmp/out" "$tmp/eval1.json"
expect 0 "eval --json before" -- "$bin" eval --json "$sc"
same "$tmp/out" "$tmp/eval1.json" "eval --json before and after the file"
same "$tmp/out" "$tmp/a/small/results.json" "eval --json is results.json"

# --- invalid input: exit 1, one located error, nothing written ---
sed 's/gpu_hour: 2.65/gpu_hour: -2.65/' "$sc" >"$tmp/bad.yaml"
expect 1 "check, one mistake" -- "$bin" check "$tmp/bad.yaml"
lines "$tmp/err" 1 "check, one mistake"
if grep -q "^$tmp/bad.yaml:25:[0-9]*: platforms\[gb300\]\.pricing\.cloud\.gpu_hour: " "$tmp/err"; then ok
else ko "check message not FILE:LINE:COL: path: $(cat "$tmp/err")"; fi
expect 1 "render invalid" -- "$bin" "$tmp/bad.yaml" -o "$tmp/c"
if [ -e "$tmp/c/bad" ]; then ko "invalid input wrote $tmp/c/bad"; else ok; fi
expect 1 "one bad, one good" -- "$bin" "$tmp/bad.yaml" "$sc" -o "$tmp/c"
[ -s "$tmp/c/small/results.json" ] && ok || ko "a bad scenario stopped the good one"
expect 1 "missing file" -- "$bin" check "$tmp/none.yaml"
has "$tmp/err" "$tmp/none.yaml:" "missing file named"
expect 0 "check valid" -- "$bin" check "$sc" scenarios/committee.yaml scenarios/bids/deepseek_api.yaml

# --- templates: printed from the binary, invalid blank, valid once filled ---
for t in bid scenario; do
    (cd "$tmp" && "$bin" template $t) >"$tmp/t_$t.yaml" 2>"$tmp/err" && ok || ko "template $t"
    has "$tmp/t_$t.yaml" "FILL" "template $t is blank"
    expect 1 "blank $t template" -- "$bin" check "$tmp/t_$t.yaml"
    # Each FILL takes the example of its comment ("...; e.g. 2.65").
    sed 's/FILL\( *#.*e\.g\. \(.*\)\)$/\2\1/' "$tmp/t_$t.yaml" >"$tmp/f_$t.yaml"
    expect 0 "filled $t template" -- "$bin" check "$tmp/f_$t.yaml"
done
expect 0 "filled scenario renders" -- "$bin" "$tmp/f_scenario.yaml" -o "$tmp/d"

# --- exit 3: unwritable output, stdout to /dev/full ---
: >"$tmp/plain"
expect 3 "output under a regular file" -- "$bin" "$sc" -o "$tmp/plain/out"
has "$tmp/err" "tokcost: $tmp/plain: Not a directory" "unwritable output named"
expect 3 "stdout /dev/full" -- sh -c "\"$bin\" template bid >/dev/full"
has "$tmp/err" "tokcost: cannot write to standard output: No space left on device" "/dev/full"
expect 3 "eval to /dev/full" -- sh -c "\"$bin\" eval \"$sc\" >/dev/full"

# A failed write leaves the previous report as it was, and no temporary.
cp "$tmp/a/small/results.json" "$tmp/prev.json"
# ulimit -f 0 makes every write to a file fail (EFBIG), even root's; the
# messages go through a pipe, which the limit does not bind.
(trap '' XFSZ; ulimit -f 0; "$bin" "$sc" -o "$tmp/a"; echo "exit $?") 2>&1 | cat >"$tmp/pipe"
has "$tmp/pipe" "exit 3" "write fails (file size limit)"
has "$tmp/pipe" "tokcost: $tmp/a/small/results.json: File too large" "failed write named"
same "$tmp/a/small/results.json" "$tmp/prev.json" "previous report intact"
[ "$(ls -A "$tmp/a/small")" = "results.json" ] && ok || ko "failed write left: $(ls -A "$tmp/a/small")"

# An output that is an input (same inode) is refused and the input kept.
mkdir -p "$tmp/e/small"
ln "$sc" "$tmp/e/small/results.json"
cp "$sc" "$tmp/sc_copy.yaml"
expect 3 "output is the input" -- "$bin" "$sc" -o "$tmp/e"
has "$tmp/err" "output path is an input file" "same inode refused"
same "$sc" "$tmp/sc_copy.yaml" "input intact"

if [ "$(id -u)" -ne 0 ]; then          # permissions bind everyone but root
    mkdir "$tmp/ro" && chmod 555 "$tmp/ro"
    expect 3 "read-only output folder" -- "$bin" "$sc" -o "$tmp/ro"
fi

# --- outputs of an earlier run: a render leaves in the folder only what it
# wrote, plus files tokcost does not name; a failed render removes nothing ---
cp -R scenarios "$tmp/st_in"
cp scenarios/committee.yaml "$tmp/st_in/nomc.yaml"
st=$tmp/st/nomc
expect 0 "stale: full render" -- "$bin" "$tmp/st_in/nomc.yaml" -o "$tmp/st"
sed '/^  monte_carlo:/d' scenarios/committee.yaml >"$tmp/st_in/nomc.yaml"
echo "mine" >"$st/notes.txt"; echo "mine" >"$st/charts/notes.txt"
[ -s "$st/charts/monte_carlo.png" ] && [ -s "$st/charts/monte_carlo.svg" ] && ok ||
    ko "stale: the full render drew no Monte Carlo chart"
(trap '' XFSZ; ulimit -f 0; "$bin" "$tmp/st_in/nomc.yaml" -o "$tmp/st"; echo "exit $?") 2>&1 | cat >"$tmp/pipe"
has "$tmp/pipe" "exit 3" "stale: failed render"
[ -s "$st/charts/monte_carlo.png" ] && [ -s "$st/report.pdf" ] && ok ||
    ko "stale: a failed render removed the previous report's files"
expect 0 "stale: render without monte carlo" -- "$bin" "$tmp/st_in/nomc.yaml" -o "$tmp/st"
[ ! -e "$st/charts/monte_carlo.png" ] && [ ! -e "$st/charts/monte_carlo.svg" ] && ok ||
    ko "stale: the dropped analysis left its chart: $(ls "$st/charts")"
[ "$(ls "$st/charts" | grep -c '\.png$')" -eq 8 ] && [ "$(ls "$st/charts" | grep -c '\.svg$')" -eq 8 ] &&
    ok || ko "stale: charts after the render: $(ls "$st/charts")"
expect 0 "stale: json only" -- "$bin" "$tmp/st_in/nomc.yaml" -o "$tmp/st" --formats json
[ "$(cd "$st" && find . | sort | tr '\n' ' ')" = ". ./charts ./charts/notes.txt ./notes.txt ./results.json " ] &&
    ok || ko "stale: after --formats json: $(cd "$st" && find . | sort | tr '\n' ' ')"
rm "$st/charts/notes.txt"
expect 0 "stale: every format again" -- "$bin" "$tmp/st_in/nomc.yaml" -o "$tmp/st"
expect 0 "stale: pdf only" -- "$bin" "$tmp/st_in/nomc.yaml" -o "$tmp/st" --formats pdf
[ "$(cd "$st" && find . | sort | tr '\n' ' ')" = ". ./notes.txt ./report.pdf " ] &&
    ok || ko "stale: after --formats pdf: $(cd "$st" && find . | sort | tr '\n' ' ')"
has "$st/notes.txt" "mine" "stale: a user file kept"

# --- the analyses in the terminal view (committee example: all four) ---
expect 0 "eval committee" -- "$bin" eval scenarios/committee.yaml
has "$tmp/out" "Bid scoring (0-100, weights: levelized_cost_per_m_tokens 60%, cost_per_m_tokens 20%, tco_npv 20%):" "scoring heading"
has "$tmp/out" "Break-even (where year-1 costs per million tokens are equal):" "break-even heading"
has "$tmp/out" "Monte Carlo (2,000 draws, seed 42), LCOT per million tokens:" "monte carlo heading"
has "$tmp/out" "Sensitivity (LCOT per million tokens with the input at -20% / +20%, widest first):" "sensitivity heading"
has "$tmp/out" "  deepseek-api: output_per_m " "api sensitivity row (each api price on its own)"
has "$tmp/out" "Decision: mi355x wins; the runner-up b200 costs 29.5% more per token" "decision line"
has "$tmp/out" "  NVIDIA HGX B200 wins if its price falls 24%, to \$1.49 per GPU-hour" "closest flips"
has "$tmp/out" "  - The performance data of every bid is illustrative, not measured" "caveats"
expect 0 "eval seed" -- "$bin" eval scenarios/seed.yaml
if grep -q "Bid scoring\|Monte Carlo\|Sensitivity" "$tmp/out"; then ko "seed shows analyses it did not ask for"; else ok; fi

# An analysis error in the scenario comes as its one located diagnostic
# (a scoring criterion an api bid has no value for), exit 1, nothing else.
expect 1 "analysis error" -- "$bin" eval scenarios/committee.yaml \
    --set 'analysis.scoring.criteria[0].metric=tokens_per_s_per_mw'
has "$tmp/err" "scenarios/committee.yaml:226:9: analysis.scoring.criteria[0].metric: tokens_per_s_per_mw does not apply to bid deepseek-api (api pricing)" "analysis error"
lines "$tmp/err" 1 "analysis error"
empty "$tmp/out" "analysis error: no table"

# --- vendors: template bid --for, check --against, the bid sheet (issue 17) ---
cm=scenarios/committee.yaml
expect 0 "template bid --for" -- "$bin" template bid --for "$cm"
cp "$tmp/out" "$tmp/for.yaml"
has "$tmp/for.yaml" '      # serves workload chat ("Customer support chat", 50% of the tokens): SLO 50 output tokens/s per user' "--for: workloads of an entry"
has "$tmp/for.yaml" '      # points on both sides of it (one below 50, one above), two or more' "--for: both sides of the SLO"
has "$tmp/for.yaml" '# Check it as the committee will: tokcost check --against scenarios/committee.yaml THIS_FILE.yaml' "--for: the check command"
[ "$(grep -c '^      - model: deepseek-r1$' "$tmp/for.yaml")" -eq 3 ] && ok || ko "--for: one entry per model/isl/osl"
has "$tmp/for.yaml" '        osl: 8192' "--for: the reasoning entry"
has "$tmp/for.yaml" '        #   format: vllm          # inferencex, inferencex-csv, vllm, sglang, aiperf, genai-perf,' "--for: the import: keys"
expect 1 "blank --for template" -- "$bin" check --against "$cm" "$tmp/for.yaml"
has "$tmp/err" "$tmp/for.yaml:19:9: platforms[0].id: still a placeholder (replace FILL with a value)" "placeholder located"
sed 's/FILL\( *#.*e\.g\. \(.*\)\)$/\2\1/' "$tmp/for.yaml" >"$tmp/for_f.yaml"
expect 0 "filled --for template passes check --against" -- "$bin" check --against "$cm" "$tmp/for_f.yaml" -o "$tmp/v"
# chat: points (25, 1200) and (75, 700); at the SLO 50: 1200 + (700 - 1200) * 25/50 = 950
has "$tmp/out" "  h200         chat           SLO 50 tok/s     950 tok/s per GPU (between the points at 25 and 75)" "coverage at the SLO"
has "$tmp/out" "  - h200: The performance data of NVIDIA HGX H200 is the vendor's own, not measured" "flag: evidence"
[ "$(pdfinfo "$tmp/v/for_f/bid_sheet.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')" = 1 ] && ok || ko "bid sheet is one page"
pdftotext "$tmp/v/for_f/bid_sheet.pdf" "$tmp/sheet.txt" 2>/dev/null
has "$tmp/sheet.txt" "What the committee will flag" "bid sheet flags"
has "$tmp/sheet.txt" "Coverage of the RFP" "bid sheet coverage"
expect 0 "check --against an included bid" -- "$bin" check --against "$cm" scenarios/bids/amd_mi355x.yaml
has "$tmp/out" "  - mi355x: AMD Instinct MI355X claims cost per million tokens of \$0.250, 31.6% below the \$0.365 computed from its own figures" "flag: claim off"
if grep -q "h200\|b200\|gb200\|Bid scoring\|Monte Carlo" "$tmp/out"; then ko "check --against shows other bids"; else ok; fi
# a one-point curve where the workload has an SLO warns (exit 0); an uncovered workload is said
cat >"$tmp/onept.yaml" <<'EOF'
platforms:
  - id: onept
    power_kw_per_gpu: 2.0
    pricing: {cloud: {gpu_hour: 2.0}}
    performance:
      - {model: deepseek-r1, isl: 1024, osl: 1024, points: [{interactivity: 60, throughput: 900}]}
      - {model: deepseek-r1, isl: 1024, osl: 8192, points: [{interactivity: 10, throughput: 900}, {interactivity: 20, throughput: 500}]}
EOF
expect 0 "one-point curve: a warning" -- "$bin" check --against "$cm" "$tmp/onept.yaml"
has "$tmp/err" "$tmp/onept.yaml:6:9: platforms[onept].performance[0]: warning: one point only, but workload chat has an SLO of 50 tokens/s per user (expected points on both sides of it)" "one-point warning"
has "$tmp/out" "               reasoning      SLO 30 tok/s     does not cover: slo above the highest measured interactivity" "uncovered: reason"
has "$tmp/out" "  - onept: onept does not serve Agentic reasoning, Document summarization at their service level" "flag: uncovered"
has "$tmp/out" "  - onept: workload chat: one point cannot show the throughput at its SLO of 50 tokens/s per user (performance[0] needs points on both sides of it)" "flag: one point"
expect 1 "check --against a bad bid" -- "$bin" check --against "$cm" tests/data/vendor/bid_mistakes.yaml -o "$tmp/w"
has "$tmp/err" 'tests/data/vendor/bid_mistakes.yaml:9:5: platforms[mi355x]: key "includes_power" belongs under pricing.cloud' "belongs under, against"
if [ -e "$tmp/w" ]; then ko "a bad bid wrote a sheet"; else ok; fi
expect 2 "-o without --against" -- "$bin" check "$sc" -o "$tmp/w"
has "$tmp/err" "tokcost: option '--output' applies to check only with --against; try 'tokcost --help'" "-o without --against"
expect 2 "--for on a scenario template" -- "$bin" template scenario --for "$cm"
has "$tmp/err" "tokcost: template: --for applies to 'bid' only; try 'tokcost --help'" "--for scenario"
expect 2 "--against without bids" -- "$bin" check --against "$cm"
has "$tmp/err" "tokcost: no bid file given; try 'tokcost --help'" "no bid"
expect 1 "--for an invalid scenario" -- "$bin" template bid --for tests/data/err_schema.yaml
expect 3 "bid sheet under a regular file" -- "$bin" check --against "$cm" "$tmp/for_f.yaml" -o "$tmp/plain/x"
# --set reaches a platform of an included bid file, by id; the key is printed whole
expect 0 "--set on an included bid" -- "$bin" eval "$cm" --set 'platforms[mi355x].pricing.cloud.gpu_hour=2.0'
has "$tmp/out" 'mi355x        cloud         $2.00' "--set changed the included bid's figures"
expect 1 "--set on an unknown id" -- "$bin" eval "$cm" --set 'platforms[mi355xx].pricing.cloud.gpu_hour=2.0'
has "$tmp/err" '--set:1:11: platforms[mi355xx].pricing.cloud.gpu_hour: no platform with id "mi355xx" in the scenario or its included bid files' "--set: whole key"
expect 0 "--set with check --against" -- "$bin" check --against "$cm" scenarios/bids/amd_mi355x.yaml --set 'platforms[mi355x].pricing.cloud.gpu_hour=2.0'
has "$tmp/out" 'mi355x    cloud         $2.00' "--set with check --against"

# an SLO below a curve's first point: throughput taken flat from it, flagged
sed 's/points: \[{interactivity: 60, throughput: 900}\]/points: [{interactivity: 60, throughput: 900}, {interactivity: 80, throughput: 500}]/' "$tmp/onept.yaml" >"$tmp/flat.yaml"
expect 0 "SLO below the first point" -- "$bin" check --against "$cm" "$tmp/flat.yaml"
has "$tmp/out" "  - onept: The Customer support chat service level (50 tokens/s per user) is below the first point of the curve of onept (60): its throughput there is assumed flat" "flag: SLO below the first point"
has "$tmp/out" "  onept        chat           SLO 50 tok/s     900 tok/s per GPU (the curve's first point, at 60)" "coverage: flat"
has "$tmp/out" "  - onept: fails a requirement of the RFP: does not cover workload reasoning (slo above the highest measured interactivity)" "flag: requirement"
expect 0 "check --against -q" -- "$bin" check --against "$cm" "$tmp/flat.yaml" -q
empty "$tmp/out" "check --against -q prints nothing"

# the api and owned forms on the bid sheet; template --for without SLO and with two SLOs on one entry
expect 0 "check --against an api bid, sheet" -- "$bin" check --against "$cm" scenarios/bids/deepseek_api.yaml -o "$tmp/v"
has "$tmp/out" "  deepseek-api chat           SLO 50 tok/s     covered (api: tokens are bought, no GPUs)" "api coverage"
has "$tmp/out" "  nothing" "api: nothing flagged"
[ -s "$tmp/v/deepseek_api/bid_sheet.pdf" ] && ok || ko "api bid sheet"
cat >"$tmp/owned.yaml" <<'EOF'
platforms:
  - id: own
    name: "Owned rack"
    gpus_per_node: 72
    power_kw_per_gpu: 2.1
    pricing: {owned: {capex_per_node: 3.4e6}}
    performance:
      - {model: deepseek-r1, isl: 1024, osl: 1024, evidence: measured, points: [{interactivity: 10, throughput: 9000}, {interactivity: 100, throughput: 1400}]}
      - {model: deepseek-r1, isl: 1024, osl: 8192, evidence: measured, points: [{interactivity: 10, throughput: 8000}, {interactivity: 100, throughput: 1200}]}
      - {model: deepseek-r1, isl: 8192, osl: 1024, evidence: measured, points: [{interactivity: 10, throughput: 4000}, {interactivity: 100, throughput: 500}]}
EOF
expect 0 "check --against an owned bid, sheet" -- "$bin" check --against "$cm" "$tmp/owned.yaml" -o "$tmp/v"
has "$tmp/out" "  nothing" "owned, measured, covering: nothing flagged"
pdftotext "$tmp/v/owned/bid_sheet.pdf" "$tmp/owned.txt" 2>/dev/null
has "$tmp/owned.txt" "owned" "bid sheet: pricing form"
expect 0 "template --for a scenario without SLO" -- "$bin" template bid --for "$sc"
has "$tmp/out" '      # serves workload r1 ("R1", 100% of the tokens), no SLO' "--for: no SLO"
has "$tmp/out" '          - interactivity: FILL   # a second point; e.g. 50' "--for: no SLO, second point"
sed 's/  - {id: r1, name: "R1", model: deepseek-r1, isl: 1024, osl: 1024, share: 1.0}/  - {id: r1, model: deepseek-r1, isl: 1024, osl: 1024, share: 0.5, min_interactivity: 20}\n  - {id: r2, model: deepseek-r1, isl: 1024, osl: 1024, share: 0.5, min_interactivity: 60}/' "$sc" >"$tmp/two_slo.yaml"
expect 0 "template --for two SLOs on one entry" -- "$bin" template bid --for "$tmp/two_slo.yaml"
has "$tmp/out" '      # points on both sides of them (below 20 and above 60), two or more' "--for: two SLOs"
[ "$(grep -c '^      - model: deepseek-r1$' "$tmp/out")" -eq 1 ] && ok || ko "--for: one entry for two workloads"

# plain check of a scenario warns of a one-point curve where a workload has an SLO (still exit 0)
sed 's/^      - {model: deepseek-r1, isl: 1024, osl: 1024, throughput: 90}$/      - {model: deepseek-r1, isl: 1024, osl: 1024, points: [{interactivity: 10, throughput: 90}]}/; s/share: 1.0}$/share: 1.0, min_interactivity: 20}/' "$sc" >"$tmp/op.yaml"
expect 0 "check: one-point curve warns" -- "$bin" check "$tmp/op.yaml"
has "$tmp/err" "$tmp/op.yaml:18:9: platforms[h200].performance[0]: warning: one point only, but workload r1 has an SLO of 20 tokens/s per user (expected points on both sides of it)" "check: one-point warning"

# Issue 19, finding 7: inputs at the corners of their ranges render whole
# (exit 0, every output, no "n/a" for a figure that applies); an input
# that makes a figure infinite is an error located at it, exit 1, nothing
# written, for render and for check alike.
for corner in high low; do
    expect 0 "render the $corner corner of every range" -- "$bin" render "tests/data/extreme_$corner.yaml" -o "$tmp/corner" -q
    for f in report.pdf workbook.xlsx results.json charts/tco_by_year.png; do
        exists "$tmp/corner/extreme_$corner/$f" "$corner corner: $f"
    done
done
expect 1 "a zero price under a division" -- "$bin" render scenarios/seed.yaml -o "$tmp/zero" --set 'platforms[h200].pricing.cloud.gpu_hour=0'
has "$tmp/err" "--set:1:40: platforms[h200].pricing.cloud.gpu_hour: 0 makes the PFLOPS per dollar-hour of h200 infinite or undefined (expected a value that keeps every figure finite)" "zero price: located"
absent "$tmp/zero" "zero price: nothing written"
sed 's/    pricing: {cloud: {gpu_hour: 1.41}}/    pricing: {cloud: {gpu_hour: 0}}/' "$sc" >"$tmp/zero.yaml"
expect 1 "check: a zero price under a division" -- "$bin" check "$tmp/zero.yaml"
has "$tmp/err" "$tmp/zero.yaml:16:33: platforms[h200].pricing.cloud.gpu_hour: 0 makes the PFLOPS per dollar-hour of h200" "check: zero price located"
expect 1 "growth 1e300 refused" -- "$bin" eval scenarios/seed.yaml --set demand.growth=1e300
has "$tmp/err" "--set:1:15: demand.growth: 1e300 is out of range (expected a rate in [-0.9, 10])" "growth 1e300"
expect 1 "utilization 4.9e-324 refused" -- "$bin" eval scenarios/seed.yaml --set assumptions.utilization=4.9e-324
has "$tmp/err" "--set:1:25: assumptions.utilization: 4.9e-324 is too small (expected 0 or a magnitude of at least 1e-9)" "utilization 4.9e-324"

finish
