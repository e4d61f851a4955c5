#!/bin/sh
# Hostile inputs: each one, in its own process, must exit 1 within 1 s with
# a FILE:LINE:COLUMN message and write nothing. $1: the tokcost binary.
suite=hostile; . "$(dirname "$0")/harness.sh"
gen=$tmp/gen
mkdir -p "$gen"

# Inputs too large to keep in the repository are made here.
python3 - "$gen" <<'PY'
import sys, os
d = sys.argv[1]
def w(name, data):
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)
n = 100000
w("deep_flow.yaml", b"scenario: " + b"[" * n + b"]" * n + b"\n")
# "- - - x" nests block sequences without indentation: 100,000 levels.
w("deep_block.yaml", b"scenario:\n  title:\n    " + b"- " * n + b"x\n")
w("deep_block_map.yaml", b"".join(b" " * i + b"k%d:\n" % i for i in range(2000)))
w("big_scalar.yaml", b"scenario:\n  title: \"" + b"x" * (64 << 20) + b"\"\n")
w("million_keys.yaml", b"scenario:\n" + b"".join(b"  k%d: 1\n" % i for i in range(1000000)))
w("long_scalar_small_file.yaml", b"scenario:\n  title: \"" + b"y" * 70000 + b"\"\n")
PY

# fail NAME MESSAGE: this input failed; the loop goes on.
fail() { ko "$1: $2"; }
for f in tests/hostile/*.yaml "$gen"/*.yaml; do
    out=$tmp/out
    rm -rf "$out"; mkdir -p "$out"
    start=$(date +%s%N)
    timeout 10 "$bin" render "$f" -o "$out" -q >"$tmp/stdout" 2>"$tmp/stderr"
    rc=$?
    ms=$(( ($(date +%s%N) - start) / 1000000 ))
    name=${f##*/}
    if [ "$rc" -ne 1 ]; then fail "$name" "exit $rc, expected 1"; continue; fi
    if [ "$ms" -gt 1000 ]; then fail "$name" "took $ms ms"; continue; fi
    if ! grep -q "^$f:[0-9][0-9]*:[0-9][0-9]*: " "$tmp/stderr"; then
        fail "$name" "no FILE:LINE:COLUMN message: $(head -c 300 "$tmp/stderr")"; continue
    fi
    # NAME.expect beside a file: lines the messages must hold, to the letter.
    exp=${f%.yaml}.expect
    if [ -f "$exp" ]; then
        (cd "${f%/*}" && "$bin" check "${f##*/}") >"$tmp/check" 2>&1
        missing=$(grep -vxFf "$tmp/check" "$exp")
        if [ -n "$missing" ]; then fail "$name" "no message: $missing"; continue; fi
    fi
    if [ -n "$(ls -A "$out")" ]; then fail "$name" "wrote $(ls -A "$out")"; continue; fi
    # Echoed input never reaches the terminal raw: no ESC or other C0 byte but newline.
    if LC_ALL=C grep -q "$(printf '[\001-\011\013-\037]')" "$tmp/stderr"; then
        fail "$name" "control character in the message"; continue
    fi
    ok
done
finish
