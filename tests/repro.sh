#!/bin/sh
# Same inputs, same bytes: every example (and an undated copy of the seed)
# is rendered in every format this build writes, from different folders
# (relative and absolute paths, the scenario copied elsewhere), at different
# seconds, in different time zones, with SOURCE_DATE_EPOCH unset and set;
# every pair of renders must be byte-identical. No output may hold a path
# of the machine: the outputs are searched as written, inside the workbook's
# zip and inside the PDF's uncompressed streams.
# $1: the tokcost binary. Run from the repository root.
suite=repro; . "$(dirname "$0")/harness.sh"
root=$(pwd)

# Copies of the examples in two folders of different names and depths.
mkdir -p "$tmp/first" "$tmp/second/deeper/folder"
cp -R scenarios/. "$tmp/first/"
cp -R scenarios/. "$tmp/second/deeper/folder/"
for d in "$tmp/first" "$tmp/second/deeper/folder"; do
    sed '/^  date:/d' "$d/seed.yaml" >"$d/undated.yaml"
done
grep -q "^  date:" "$tmp/first/undated.yaml" && ko "undated copy still has a date"
names="seed committee undated"

# render OUT TZ SDE CWD PATH_PREFIX: renders every example into OUT.
render() {
    out=$1; zone=$2; sde=$3; cwd=$4; prefix=$5
    for n in $names; do
        (cd "$cwd" && if [ -n "$sde" ]; then export SOURCE_DATE_EPOCH="$sde"; else unset SOURCE_DATE_EPOCH; fi
         TZ=$zone "$bin" render "$prefix$n.yaml" -o "$out" -q) 2>"$tmp/err" ||
            ko "render $n ($zone, SOURCE_DATE_EPOCH=${sde:-unset}, in $cwd): $(head -c 300 "$tmp/err")"
    done
}

# Run a: relative path from the first copy; run b: absolute path, run from
# elsewhere, a second later, another zone; c and d: SOURCE_DATE_EPOCH set.
render "$tmp/a" UTC "" "$tmp/first" ""
sleep 1
render "$tmp/b" Pacific/Chatham "" / "$tmp/second/deeper/folder/"
render "$tmp/c" America/St_Johns 1700000000 "$tmp/second/deeper/folder" "./"
sleep 1
render "$tmp/d" Asia/Kathmandu 1700000000 "$tmp" "first/"

# same A B WHAT: identical trees, file for file.
same() {
    if diff -r "$1" "$2" >"$tmp/diff" 2>&1; then ok
    else ko "$3: $(head -c 400 "$tmp/diff")"; fi
}
same "$tmp/a" "$tmp/b" "two renders, SOURCE_DATE_EPOCH unset"
same "$tmp/c" "$tmp/d" "two renders, SOURCE_DATE_EPOCH set"
for n in seed committee; do      # dated: SOURCE_DATE_EPOCH changes nothing
    same "$tmp/a/$n" "$tmp/c/$n" "$n (dated), SOURCE_DATE_EPOCH unset and set"
done
count=$(find "$tmp/a" -type f | wc -l)
[ "$count" -ge 3 ] && ok || ko "only $count outputs rendered"

# Every output as text: as written, the workbook's zip members, the PDF
# with its streams uncompressed.
expand() {
    case $1 in
    *.xlsx) python3 -c 'import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
for i in z.infolist():
    sys.stdout.buffer.write(i.filename.encode() + b"\n" + z.read(i))' "$1" ;;
    *.pdf) qpdf --qdf --object-streams=disable --stream-data=uncompress "$1" - 2>/dev/null ;;
    *) cat "$1" ;;
    esac
}
# Paths of this machine that must never appear in an output.
for f in $(find "$tmp/a" "$tmp/b" -type f); do
    expand "$f" >"$tmp/text"
    [ -s "$tmp/text" ] || { ko "${f#$tmp/}: nothing to search"; continue; }
    for p in "$tmp" "$root" "${HOME:-/root}" /tmp/ /work/ /home/ /root/ /usr/; do
        if LC_ALL=C grep -qaF -- "$p" "$tmp/text"; then ko "${f#$tmp/} holds the path $p"; else ok; fi
    done
done

finish
