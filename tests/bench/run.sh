#!/bin/sh
# make bench: the benchmarks of build folder $1 (default build), with public
# tools: hyperfine (median wall time) and GNU time (peak RSS).
#   1. tc_eval of a 10 platforms x 10 workloads x 15-year scenario, and the
#      analyses (bench_eval, bench_analysis: in-process timers)
#   2. the full render of each example in scenarios/ (every format this
#      build writes), median of hyperfine runs and peak RSS, then where the
#      time goes: each format rendered alone in one process (bench_render)
#   3. 1,000 generated scenarios (variants of the examples) with -j 2
# Targets (the committee's render: median <= 50 ms and peak RSS <= 30 MB;
# 1,000 scenarios within 60 s): a miss is printed and the exit status is 1.
# RUNS (default 30) and BATCH (default 1000) change the sizes.
set -e
build=${1:-build}
bin=$(pwd)/$build/tokcost
runs=${RUNS:-30}
batch=${BATCH:-1000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
missed=0

for tool in hyperfine /usr/bin/time python3; do
    command -v "$tool" >/dev/null || { echo "bench: $tool missing: make test-deps" >&2; exit 2; }
done

"$build/bench/bench_eval"
"$build/bench/bench_analysis"

# peak_kb COMMAND...: the largest max RSS (KB) of 5 runs.
peak_kb() {
    peak=0
    for i in 1 2 3 4 5; do
        /usr/bin/time -f %M -o "$tmp/rss" "$@" >/dev/null
        kb=$(tail -n 1 "$tmp/rss")
        [ "$kb" -gt "$peak" ] && peak=$kb
    done
    echo "$peak"
}

# median_ms FILE.json: the median of a hyperfine export, in ms.
median_ms() {
    python3 -c 'import json,sys; print("%.1f" % (1000 * json.load(open(sys.argv[1]))["results"][0]["median"]))' "$1"
}

# target WHAT VALUE LIMIT UNIT
target() {
    if python3 -c 'import sys; sys.exit(0 if float(sys.argv[1]) <= float(sys.argv[2]) else 1)' "$2" "$3"; then
        echo "  target $1 <= $3 $4: ok"
    else
        echo "  target $1 <= $3 $4: MISSED ($2 $4)"; missed=1
    fi
}

echo "full render of each example ($runs runs after 3 warm-ups; outputs on $(df -P "$tmp" | awk 'NR==2 {print $1}'); load average $(cut -d' ' -f1 /proc/loadavg))"
for sc in scenarios/*.yaml; do
    name=$(basename "$sc" .yaml)
    hyperfine -N -w 3 -r "$runs" --export-json "$tmp/$name.json" \
        "$bin render $sc -o $tmp/out" >/dev/null 2>"$tmp/err" || { cat "$tmp/err" >&2; exit 1; }
    files=$(cd "$tmp/out/$name" && find . -type f | sed 's|^\./||' | sort)
    formats=$(echo "$files" | sed 's/.*\.//' | sort -u | tr '\n' ' ')
    ms=$(median_ms "$tmp/$name.json")
    kb=$(peak_kb "$bin" render "$sc" -o "$tmp/out")
    printf '  %-10s median %6.1f ms  peak RSS %5.1f MB  (%d files: %s)\n' "$name" "$ms" \
        "$(echo "$kb" | awk '{print $1 / 1024}')" "$(echo "$files" | wc -l)" "$formats"
    "$build/bench/bench_render" "$sc" "$tmp/inproc" 21 | sed 's/^  /    where: /'
    if [ "$name" = committee ]; then
        target "committee render median" "$ms" 50 ms
        target "committee render peak RSS" "$(echo "$kb" | awk '{print $1 / 1024}')" 30 MB
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
/usr/bin/time -f '%e %M' -o "$tmp/batch" "$bin" render -j 2 "$tmp/gen" -o "$tmp/bout"
read -r secs kb <"$tmp/batch"
n=$(find "$tmp/bout" -name results.json | wc -l)
echo "$batch generated scenarios, -j 2 on $(nproc) cores"
printf '  %s rendered in %.1f s (%.1f ms each), peak RSS of a process %.1f MB\n' "$n" "$secs" \
    "$(echo "$secs $n" | awk '{print 1000 * $1 / $2}')" "$(echo "$kb" | awk '{print $1 / 1024}')"
[ "$n" -eq "$batch" ] || { echo "  only $n of $batch rendered"; missed=1; }
target "$batch scenarios with -j 2" "$secs" "$(echo "$batch" | awk '{print 60 * $1 / 1000}')" s
exit "$missed"
