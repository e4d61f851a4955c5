#!/bin/sh
# Bounded cost (issue 19, finding 9): scenarios at the documented maxima,
# 1,000 platforms (in ten bid files) x 10 workloads and 25 platforms x 400
# workloads (both 10,000 bid-workload pairs, the most accepted), generated
# here (tests/scale_gen.py), render every format within a generous CPU
# bound; one more platform, workload or pair is refused, located; a
# duplicate id at the end is found; an include pattern stops its walk at
# 20,000 folder entries; a Monte Carlo past its budget is skipped with the
# reason. Before the fixes the render ran for hours (robustness, every bid
# re-evaluated for each probe) or exited 3 (a 72 KB note past libharu's
# limit). Under a sanitizer or coverage build (not build/tokcost) the
# scenarios are 250 x 10 and 10 x 100. $1: the tokcost binary. Run from
# the repository root.
suite=scale; . "$(dirname "$0")/harness.sh"
case "$bin" in
    */build/tokcost) sizes="1000x10 25x400" ;;
    *) sizes="250x10 10x100" ;;
esac

# cpu_of COMMAND...: runs it (killed after 600 s); prints its exit status
# and user + system seconds of CPU, from the shell's times of its children.
cpu_of() {
    ( timeout 600 "$@" >"$tmp/out" 2>"$tmp/err"; echo "rc=$?" >"$tmp/rc"; times >"$tmp/times" )
    cpu=$(sed -n 2p "$tmp/times" | awk '{ s = 0; for (i = 1; i <= 2; i++) {
        split($i, t, "m"); s += t[1] * 60 + t[2] } printf "%d", s }')
    echo "$(cat "$tmp/rc") $cpu"
}

# render_at NPxNW: renders the generated scenario; every bid and workload
# in results.json, every format written.
render_at() {
    np=${1%x*}; nw=${1#*x}; gen=$tmp/gen$1
    python3 tests/scale_gen.py "$gen" "$np" "$nw" || fail "generator"
    start=$(date +%s)
    set -- $(cpu_of "$bin" render "$gen/scale.yaml" -o "$tmp/out$np" -q)
    wall=$(( $(date +%s) - start ))
    [ "$1" = rc=0 ] && ok || ko "render ${np}x$nw: $1: $(head -c 300 "$tmp/err")"
    # 5.5 s of CPU measured for 1,000 x 10 on a loaded 2-core VM; the
    # bound is generous (sanitizers, a busy machine)
    [ "$2" -le 30 ] && ok || ko "render ${np}x$nw: $2 s of CPU (bound 30)"
    echo "scale: render of $np platforms x $nw workloads: $2 s CPU, $wall s wall"
    d=$tmp/out$np/scale
    for f in results.json workbook.xlsx report.pdf charts/throughput_vs_interactivity.png \
             charts/cost_per_m_tokens.svg; do
        exists "$d/$f" "render ${np}x$nw"
    done
    python3 - "$d/results.json" "$np" "$nw" <<'PY' && ok || ko "results.json: not every bid and workload"
import json, sys
r = json.load(open(sys.argv[1]))
p = r["platforms"]
assert len(p) == int(sys.argv[2]), len(p)
assert all(len(x["workloads"]) == int(sys.argv[3]) for x in p)
PY
    pdfinfo "$d/report.pdf" >/dev/null 2>&1 && ok || ko "report.pdf does not open"
}
for size in $sizes; do
    render_at "$size"
done
# A chart of many bids draws 12 and says so (in the report's text too).
np=${sizes%%x*}
pdftotext "$tmp/out$np/scale/report.pdf" - 2>/dev/null | tr -s ' \n' '  ' >"$tmp/report.txt"
case $np in 1000) of=1,000 ;; *) of=$np ;; esac
has "$tmp/report.txt" "Shown: 12 of $of bids (the baseline and the lowest LCOT)" "charts of $np bids"

# Monte Carlo past 1e9 bid-workload evaluations: skipped, with the reason.
python3 tests/scale_gen.py "$tmp/mc" 100 100 || fail "generator"
sed -i 's/  utilization: 0.6/  utilization: {dist: triangular, low: 0.5, mode: 0.6, high: 0.7}/' \
    "$tmp/mc/scale.yaml"
expect 0 "monte carlo budget" -- "$bin" eval "$tmp/mc/scale.yaml" --set analysis.monte_carlo.samples=100001
has "$tmp/out" "warning: monte carlo skipped: 100001 samples x 100 bids x 100 workloads is over 1e9 evaluations (set analysis.monte_carlo.samples to at most 100000)" "monte carlo budget"

# One more platform or workload: refused at the list that passes the bound.
python3 tests/scale_gen.py "$tmp/more" 1001 4 || fail "generator"
expect 1 "1,001 platforms" -- "$bin" check "$tmp/more/scale.yaml"
has "$tmp/err" "$tmp/more/bids/b0010.yaml:2:3: platforms: more than 1000 platforms (expected at most 1000, with the bid files)" "1,001 platforms"
python3 tests/scale_gen.py "$tmp/wl" 2 401 || fail "generator"
expect 1 "401 workloads" -- "$bin" check "$tmp/wl/scale.yaml"
has "$tmp/err" "$tmp/wl/scale.yaml:14:3: workloads: more than 400 workloads (expected at most 400)" "401 workloads"
python3 tests/scale_gen.py "$tmp/cells" 1000 11 || fail "generator"
expect 1 "10,001 pairs" -- "$bin" check "$tmp/cells/scale.yaml"
has "$tmp/err" "$tmp/cells/scale.yaml:14:3: workloads: 1000 platforms x 11 workloads make 11000 bid-workload pairs (expected at most 10000)" "10,001 pairs"

# A duplicate id after 999 others, in another file: found, named, located.
printf 'platforms:\n  - id: p3\n    name: "again"\n    pricing:\n      api: {input_per_m: 1, output_per_m: 2}\n' \
    >"$tmp/wl/bids/b9999.yaml"
python3 tests/scale_gen.py "$tmp/dup" 999 2 || fail "generator"
cp "$tmp/wl/bids/b9999.yaml" "$tmp/dup/bids/"
expect 1 "duplicate id" -- "$bin" check "$tmp/dup/scale.yaml"
has "$tmp/err" "$tmp/dup/bids/b9999.yaml:2:9: platforms[p3].id: duplicate id \"p3\" (first at $tmp/dup/bids/b0000.yaml:" "duplicate id"

# An include pattern reads at most 20,000 folder entries, then says so.
python3 - "$tmp/walk" <<'PY'
import os, sys
for i in range(210):
    d = os.path.join(sys.argv[1], "tree", "d%03d" % i)
    os.makedirs(d)
    for j in range(100):
        open(os.path.join(d, "f%03d.txt" % j), "w").close()
PY
sed 's#  - bids/\*.yaml#  - "*/*/*.yaml"#' "$tmp/dup/scale.yaml" >"$tmp/walk/s.yaml"
expect 1 "include walk" -- "$bin" check "$tmp/walk/s.yaml"
has "$tmp/err" "include[0]: \"*/*/*.yaml\" reads more than 20000 folder entries (a pattern must name the bid files' folder: at most 256 files are included)" "include walk"
finish
