#!/bin/sh
# make bench: the benchmarks of build folder $1 (default build). Every
# timing is reported as the median wall time and the median CPU time (user
# + system, steadier on a shared machine) of several runs:
#   1. tc_eval of a 10 platforms x 10 workloads x 15-year scenario (bench_eval)
#   2. Monte Carlo, 100,000 draws x 10 platforms x 5 workloads x 10 years,
#      on two lanes (bench_analysis); 10 million draws of the committee
#      example, peak RSS
#   3. robustness of the committee example, when the build has it
#   4. the full render of each example (every format this build writes),
#      then where the time goes: each format alone in one process
#      (bench_render); with BASE=/path/to/other/tokcost the committee render
#      alternates between the two programs run by run (interleaved, so both
#      see the same machine) and the change is a target; BASE_SC names the
#      committee example as BASE reads it (default: this tree's; a tool
#      older than the curves' evidence keys needs its own tree's copy)
#   5. 1,000 generated scenarios (variants of the examples) with -j 2
#   6. scale: 1,000 platforms x 10 workloads and 25 x 400 (SCALE=0 skips)
# Targets (issue 18): Monte Carlo median wall <= 0.12 s; 10 million draws
# under 100 MB; committee report.pdf <= 120 KB; with BASE, committee render
# wall and CPU medians at least 15% below BASE's; committee peak RSS <= 30
# MB; scale (issue 19) each within 5 s wall. A miss is printed and the
# exit status is 1. The batch is reported, not a target: issue 8's 60 s
# for 1,000 scenarios assumed 1x PNGs or fewer formats, and issue 18's
# ruling kept 2x PNGs and every format (its list of benchmarks names the
# batch without a target). RUNS (default 21), BATCH (default 1000) and MC10M=0 (skip the 10
# million draws, a minute of CPU) change the sizes.
set -e
build=${1:-build}
bin=$(pwd)/$build/tokcost
runs=${RUNS:-21}
batch=${BATCH:-1000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
missed=0

command -v python3 >/dev/null || { echo "bench: python3 missing: make test-deps" >&2; exit 2; }

# target WHAT VALUE LIMIT UNIT
target() {
    if python3 -c 'import sys; sys.exit(0 if float(sys.argv[1]) <= float(sys.argv[2]) else 1)' "$2" "$3"; then
        echo "  target $1 <= $3 $4: ok ($2${4:+ $4})"
    else
        echo "  target $1 <= $3 $4: MISSED ($2${4:+ $4})"; missed=1
    fi
}

# timed TAG COMMAND...: one run, appending "TAG wall user system maxrss_kb"
# to $tmp/times, the times to the microsecond (tests/bench/timed.py: GNU
# time's 10 ms steps are too coarse for a 15% target on a 250 ms render).
timed() {
    python3 tests/bench/timed.py "$tmp/times" "$@"
}

# medians TAG: "wall_ms cpu_ms peak_kb" over the runs tagged TAG.
medians() {
    python3 - "$tmp/times" "$1" <<'EOF'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1]) if l.split()[0] == sys.argv[2]]
wall = statistics.median(float(r[1]) for r in rows) * 1000
cpu = statistics.median(float(r[2]) + float(r[3]) for r in rows) * 1000
print("%.1f %.1f %d" % (wall, cpu, max(int(r[4]) for r in rows)))
EOF
}

echo "load average $(cut -d' ' -f1 /proc/loadavg) on $(nproc) cores; outputs on $(df -P "$tmp" | awk 'NR==2 {print $1}')"
"$build/bench/bench_eval"
"$build/bench/bench_analysis" 2 7 || missed=1

if [ "${MC10M:-1}" != 0 ]; then
    timed mc10m "$bin" eval scenarios/committee.yaml --set analysis.monte_carlo.samples=10000000
    set -- $(medians mc10m)
    echo "monte carlo, 10,000,000 draws of scenarios/committee.yaml (tokcost eval): $(echo "$1" | awk '{printf "%.1f", $1 / 1000}') s wall, $(echo "$2" | awk '{printf "%.1f", $1 / 1000}') s CPU, peak RSS $(echo "$3" | awk '{printf "%.1f", $1 / 1024}') MB"
    target "10 million draws peak RSS" "$(echo "$3" | awk '{print $1 / 1024}')" 100 MB
fi

if [ -x "$build/bench/bench_robust" ]; then
    "$build/bench/bench_robust" scenarios/committee.yaml || missed=1
else
    echo "robustness of the committee example: not in this build (issue 13)"
fi

echo "full render of each example (median of $runs runs after 2 warm-ups; against BASE, ${BASE_RUNS:-41} interleaved pairs)"
for sc in scenarios/*.yaml; do
    name=$(basename "$sc" .yaml)
    for i in 1 2; do "$bin" render "$sc" -o "$tmp/out" -q; done
    i=0
    n=$runs
    # against BASE: 41 pairs, each pair's order alternating (which program
    # runs first sees the other's page cache and the host's minute alike)
    [ -n "$BASE" ] && [ "$name" = committee ] && n=${BASE_RUNS:-41}
    while [ "$i" -lt "$n" ]; do
        if [ -n "$BASE" ] && [ "$name" = committee ] && [ $((i % 2)) -eq 1 ]; then
            timed base "$BASE" render "${BASE_SC:-$sc}" -o "$tmp/base" -q
            timed "$name" "$bin" render "$sc" -o "$tmp/out" -q
        else
            timed "$name" "$bin" render "$sc" -o "$tmp/out" -q
            if [ -n "$BASE" ] && [ "$name" = committee ]; then
                timed base "$BASE" render "${BASE_SC:-$sc}" -o "$tmp/base" -q
            fi
        fi
        i=$((i + 1))
    done
    files=$(cd "$tmp/out/$name" && find . -type f | sed 's|^\./||' | sort)
    formats=$(echo "$files" | sed 's/.*\.//' | sort -u | tr '\n' ' ')
    set -- $(medians "$name")
    printf '  %-10s wall %6.1f ms  CPU %6.1f ms  peak RSS %5.1f MB  (%d files: %s)\n' "$name" "$1" "$2" \
        "$(echo "$3" | awk '{print $1 / 1024}')" "$(echo "$files" | wc -l)" "$formats"
    "$build/bench/bench_render" "$sc" "$tmp/inproc" 21 | sed 's/^  /    where: /'
    if [ "$name" = committee ]; then
        wall=$1; cpu=$2
        target "committee render peak RSS" "$(echo "$3" | awk '{print $1 / 1024}')" 30 MB
        kb=$(wc -c <"$tmp/out/committee/report.pdf" | awk '{print $1 / 1024}')
        target "committee report.pdf" "$kb" 120 KB
        if [ -n "$BASE" ]; then
            set -- $(medians base)
            echo "  interleaved with BASE=$BASE: wall $1 ms, CPU $2 ms"
            target "committee render wall median / BASE's" "$(echo "$wall $1" | awk '{print $1 / $2}')" 0.85 ""
            target "committee render CPU median / BASE's" "$(echo "$cpu $2" | awk '{print $1 / $2}')" 0.85 ""
        fi
    fi
done

# The batch: variants of the examples (other prices and tariffs), the bids
# the committee includes beside them (a folder's sub-folders are not read).
mkdir -p "$tmp/gen"
cp -r scenarios/bids "$tmp/gen/"
i=0
while [ "$i" -lt "$batch" ]; do
    if [ $((i % 2)) -eq 0 ]; then
        sed "s/price_per_kwh: 0.08 /price_per_kwh: 0.0$((5 + i % 5))$((i % 10)) /; s/gpu_hour: 1.41/gpu_hour: 1.$((30 + i % 70))/" \
            scenarios/committee.yaml >"$tmp/gen/c$i.yaml"
    else
        sed "s/gpu_hour: 1.41/gpu_hour: 1.$((30 + i % 70))/" scenarios/seed.yaml >"$tmp/gen/s$i.yaml"
    fi
    i=$((i + 1))
done
timed batch "$bin" render -j 2 "$tmp/gen" -o "$tmp/bout"
set -- $(medians batch)
n=$(find "$tmp/bout" -name results.json | wc -l)
echo "$batch generated scenarios, -j 2 on $(nproc) cores"
printf '  %s rendered: wall %.1f s (%.1f ms each), CPU %.1f s, peak RSS of a process %.1f MB\n' "$n" \
    "$(echo "$1" | awk '{print $1 / 1000}')" "$(echo "$1 $n" | awk '{print $1 / $2}')" \
    "$(echo "$2" | awk '{print $1 / 1000}')" "$(echo "$3" | awk '{print $1 / 1024}')"
[ "$n" -eq "$batch" ] || { echo "  only $n of $batch rendered"; missed=1; }
echo "  (reported, no target: see the top of this file)"

# 6. Scale (issue 19): generated scenarios at the limits, 1,000 platforms x
# 10 workloads and 25 x 400 (10,000 bid-workload pairs each, the most the
# loader accepts; tests/scale_gen.py), one render each (SCALE=0 skips
# them). Target: each within 5 s wall ("a few seconds").
if [ "${SCALE:-1}" != 0 ]; then
    for size in "1000 10" "25 400"; do
        set -- $size
        python3 tests/scale_gen.py "$tmp/scale$1x$2" "$1" "$2"
        timed "scale$1x$2" "$bin" render "$tmp/scale$1x$2/scale.yaml" -o "$tmp/sout" -q
        set -- $(medians "scale$1x$2")
        printf '  scale %s: wall %.1f s, CPU %.1f s, peak RSS %.0f MB\n' "$size" \
            "$(echo "$1" | awk '{print $1 / 1000}')" "$(echo "$2" | awk '{print $1 / 1000}')" \
            "$(echo "$3" | awk '{print $1 / 1024}')"
        target "scale $size wall" "$(echo "$1" | awk '{print $1 / 1000}')" 5 s
    done
fi
# The host's minute, again: on this kind of shared VM the same work takes
# from one to two times as long from one minute to the next (the tc_eval
# line's microseconds show which: 7.6 at its quiet best here). Targets in
# wall time (the Monte Carlo's) move with it; the BASE ratios, interleaved,
# less so.
printf 'host at the end: '
"$build/bench/bench_eval"
exit "$missed"
