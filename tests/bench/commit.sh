#!/bin/sh
# The render's commit before and after (issue 18, item 4): committee renders
# by two tokcost binaries, interleaved, N each; prints each one's median in
# ms. With DISK=1 a dd loop writing 64 MiB with conv=fsync runs beside them.
# sh tests/bench/commit.sh OLD_TOKCOST NEW_TOKCOST [N]
old=$1; new=$2; n=${3:-15}
tmp=$(mktemp -d)
trap 'kill "$ddp" 2>/dev/null; rm -rf "$tmp"' EXIT
if [ "${DISK:-0}" = 1 ]; then
    (while :; do dd if=/dev/zero of="$tmp/dd" bs=1M count=64 conv=fsync 2>/dev/null; done) &
    ddp=$!
fi
for i in $(seq "$n"); do
    for b in old new; do
        eval bin=\$$b
        s=$(date +%s%N)
        "$bin" render scenarios/committee.yaml -o "$tmp/$b" -q
        e=$(date +%s%N)
        echo $(( (e - s) / 1000000 )) >>"$tmp/$b.ms"
    done
done
for b in old new; do
    printf '%s: median %s ms of %s\n' "$b" "$(sort -n "$tmp/$b.ms" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')" "$n"
done
