#!/bin/sh
# Output folder names and the terminal lines of render and check: a file
# without a .yaml suffix keeps its name, one whose stem is "." or ".." is a
# usage error, a long or unusual what-if is cut and hashed exactly as
# gen/cli/cli_render.c says, and the summary line reads right for one file,
# for -j 1 and when nothing failed; check says "ok" per file on a terminal.
# $1: the tokcost binary. Run from the repository root.
suite=render_names; . "$(dirname "$0")/harness.sh"

same() { if [ "$1" = "$2" ]; then ok; else ko "$3: got '$1', expected '$2'"; fi; }
# tty OUT command...: stdout and stderr on a terminal (script's pty), \r removed,
# the times replaced by T.
tty() {
    out=$1; shift
    script -qec "$*" /dev/null >"$out.raw" 2>&1
    tr -d '\r' <"$out.raw" | sed 's/([0-9.]* s)/(T s)/; s/in [0-9.]* s/in T s/' >"$out"
}

in=$tmp/in
mkdir -p "$in"
cp scenarios/seed.yaml "$in/plain.txt"
cp scenarios/seed.yaml "$in/..yaml"
cp scenarios/seed.yaml "$in/...yaml"
cp scenarios/seed.yaml "$in/a.yaml"
cp scenarios/seed.yaml "$in/b.yaml"

# Any other suffix is part of the folder name.
expect 0 "no .yaml suffix" -- "$bin" "$in/plain.txt" -o "$tmp/o" --formats json
exists "$tmp/o/plain.txt/results.json" "folder named after the whole file name"

# "..yaml" and "...yaml" would render into DIR/. and DIR/..
expect 2 "stem '.'" -- "$bin" "$in/a.yaml" "$in/..yaml" -o "$tmp/dot" --formats json
same "$(cat "$tmp/err")" "tokcost: '$in/..yaml': no file name to name its output folder after; try 'tokcost --help'" "stem '.'"
absent "$tmp/dot" "usage error wrote"
expect 2 "stem '..'" -- "$bin" "$in/...yaml" -o "$tmp/dot" --formats json
same "$(cat "$tmp/err")" "tokcost: '$in/...yaml': no file name to name its output folder after; try 'tokcost --help'" "stem '..'"

# A what-if of 120 bytes or more: the first 119 kept (unsafe characters as
# '_'), then '-' and the FNV-1a hash of the exact overrides.
title='Quarterly Review 2025: GPU Fleet (draft #3) with a much longer title that goes on and on past the folder name limit'
set1="scenario.title=$title"
expect 0 "long what-if" -- "$bin" "$in/a.yaml" -o "$tmp/w" --formats json --set "$set1" --set assumptions.utilization=0.5
want=$(python3 - "$set1" assumptions.utilization=0.5 <<'EOF'
import sys
raw = b"".join(b"+" + a.encode() for a in sys.argv[1:])
h = 2166136261
for c in raw:
    h = ((h ^ c) * 16777619) & 0xffffffff
keep = lambda c: (c < 128 and chr(c).isalnum()) or chr(c) in "._=-"
safe = b"".join(b"+" + bytes(c if keep(c) else ord("_") for c in a.encode()) for a in sys.argv[1:])
print("a" + safe[:119].decode() + "-%08x" % h)
EOF
)
same "$(ls "$tmp/w")" "$want" "long what-if folder"
exists "$tmp/w/$want/results.json" "long what-if rendered"
# One character more changes the hash, so the two never share a folder.
expect 0 "another long what-if" -- "$bin" "$in/a.yaml" -o "$tmp/w" --formats json --set "$set1." --set assumptions.utilization=0.5
same "$(ls "$tmp/w" | wc -l)" "2" "two long what-ifs, two folders"

if command -v script >/dev/null; then
    tty "$tmp/t1" "\"$bin\" \"$in/a.yaml\" -o \"$tmp/p1\" --formats json"
    printf '[1/1] %s -> %s/a/ (T s)\n1 of 1 scenario rendered into %s/ in T s\n' \
        "$in/a.yaml" "$tmp/p1" "$tmp/p1" >"$tmp/t1.want"
    if cmp -s "$tmp/t1" "$tmp/t1.want"; then ok; else ko "one file on a terminal: $(cat "$tmp/t1")"; fi
    tty "$tmp/t2" "\"$bin\" -j 1 \"$in/a.yaml\" \"$in/b.yaml\" -o \"$tmp/p2\" --formats json"
    printf '[1/2] %s -> %s/a/ (T s)\n[2/2] %s -> %s/b/ (T s)\n2 of 2 scenarios rendered into %s/ in T s\n' \
        "$in/a.yaml" "$tmp/p2" "$in/b.yaml" "$tmp/p2" "$tmp/p2" >"$tmp/t2.want"
    if cmp -s "$tmp/t2" "$tmp/t2.want"; then ok; else ko "-j 1 on a terminal: $(cat "$tmp/t2")"; fi
    tty "$tmp/t3" "\"$bin\" check \"$in/a.yaml\" \"$in/b.yaml\""
    printf '%s: ok\n%s: ok\n' "$in/a.yaml" "$in/b.yaml" >"$tmp/t3.want"
    if cmp -s "$tmp/t3" "$tmp/t3.want"; then ok; else ko "check on a terminal: $(cat "$tmp/t3")"; fi
    tty "$tmp/t4" "\"$bin\" check -q \"$in/a.yaml\""
    same "$(cat "$tmp/t4")" "" "check -q on a terminal"
    # A folder of 20 files (more than the first 16 the list holds), named
    # with trailing slashes: each file once, in order, without "//".
    mkdir "$tmp/many"
    for i in 01 02 03 04 05 06 07 08 09 10 11 12 13 14 15 16 17 18 19 20; do
        cp scenarios/seed.yaml "$tmp/many/s$i.yaml"
        echo "$tmp/many/s$i.yaml: ok" >>"$tmp/t5.want"
    done
    tty "$tmp/t5" "\"$bin\" check \"$tmp/many//\""
    if cmp -s "$tmp/t5" "$tmp/t5.want"; then ok; else ko "check of a folder/: $(head -3 "$tmp/t5")"; fi
else
    echo "render_names: script(1) missing: terminal lines not tested" >&2
fi

finish
