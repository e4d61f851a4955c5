#!/bin/sh
# Fault injection on the outputs of every renderer in the build: a write
# that fails at any size (file size limit, full file system), a read-only
# folder, a path under /dev/full, an output that is an input (hard link,
# symbolic link), an interrupted run. Each failure must exit 3 with a
# message naming the path, leave the previous report byte for byte, and no
# temporary file; a run that succeeds must write the complete new report.
# Inputs that are not files (folder, FIFO, device) must exit 1 promptly.
# The full file system is a small tmpfs when this runs as root and mount is
# permitted; otherwise those cases are skipped (the size limit still runs).
# $1: the tokcost binary. Run from the repository root.
suite=faults; . "$(dirname "$0")/harness.sh"
mnt=$tmp/mnt
harness_cleanup() { if [ -n "$mounted" ]; then umount "$mnt" 2>/dev/null; fi; }

# The committee example and its bid files, copied (hard links need one file system).
cp -R scenarios "$tmp/in"
sc=$tmp/in/committee.yaml
# The "new" report differs from the old in every file that shows the title
# and has the same files (a what-if that drops an analysis would drop charts).
# A what-if renders beside the original (DIR/<stem>+key=value), so the new
# report comes from an edited copy of the scenario with the same file name.
cp -R scenarios "$tmp/in2"
sed 's/^  title: .*/  title: "A changed title"/' scenarios/committee.yaml >"$tmp/in2/committee.yaml"
sc2=$tmp/in2/committee.yaml
"$bin" "$sc" -o "$tmp/old" -q || ko "reference render failed"
"$bin" "$sc2" -o "$tmp/new" -q || ko "reference changed render failed"
old=$tmp/old/committee
new=$tmp/new/committee
[ -n "$(ls -A "$old")" ] || ko "reference render wrote nothing"
if diff -r "$old" "$new" >/dev/null; then ko "the what-if does not change the report"; fi

# verdict DIR RC ERRFILE WHAT: after a render of the what-if into DIR (which
# held the old report): exit 0 and the new report, or exit 3, one message
# naming a path, and the old report; never a temporary, never anything else.
verdict() {
    d=$1/committee; rc=$2; err=$3; what=$4
    left=$(ls -A "$d" | grep '\.tmp' ; find "$d" -name '.*.tmp*' 2>/dev/null)
    if [ -n "$left" ]; then ko "$what: temporary left: $left"; return; fi
    case $rc in
    0) if diff -r "$d" "$new" >/dev/null; then ok; else ko "$what: exit 0 but not the new report"; fi ;;
    3) if ! diff -r "$d" "$old" >/dev/null; then ko "$what: exit 3 and the previous report changed"
       elif ! grep -q "^tokcost: $1/committee/[^:]*: " "$err"; then ko "$what: message: $(head -c 300 "$err")"
       # one message, naming the output (not the stage), in our words (issue 19)
       elif [ "$(grep -vc '^exit ' "$err")" -ne 1 ] || grep -q '\.tokcost-\|\[ERROR\]\|libharu\|Zip' "$err"
       then ko "$what: not one plain message: $(head -c 600 "$err")"
       else ok; fi ;;
    *) ko "$what: exit $rc: $(head -c 300 "$err")" ;;
    esac
}

# --- a write that fails at every size: the file size limit (binds root too;
# SIGXFSZ ignored so that write() fails with EFBIG instead of killing) ---
outcomes=""
for blocks in 0 1 2 4 8 16 32 64 128 256 1024 65536; do
    rm -rf "$tmp/lim"; mkdir "$tmp/lim"; cp -R "$old" "$tmp/lim/"
    # the limit binds the messages' file too: they go through a pipe. It
    # would also cut a coverage build's counter files: those go elsewhere.
    (trap '' XFSZ; ulimit -f "$blocks"; GCOV_PREFIX=$tmp/gcov "$bin" "$sc2" -o "$tmp/lim" -q >/dev/null
     echo "exit $?" >&2) 2>&1 | grep -v '^libgcov profiling error' >"$tmp/err"
    # (a coverage build's counters, thrown away here, cannot be written
    # under the limit either, and libgcov says so on stderr: not tokcost's)
    rc=$(sed -n 's/^exit //p' "$tmp/err")
    verdict "$tmp/lim" "$rc" "$tmp/err" "file size limit $blocks"
    outcomes="$outcomes $rc"
done
# The sweep must have seen both a failure and a success, or it tested nothing.
case "$outcomes" in *3*) ok ;; *) ko "file size limit: never failed ($outcomes)" ;; esac
case "$outcomes" in *0*) ok ;; *) ko "file size limit: never succeeded ($outcomes)" ;; esac

# --- under /dev/full: not a folder ---
"$bin" "$sc" -o /dev/full/out -q >/dev/null 2>"$tmp/err"
rc=$?
[ "$rc" -eq 3 ] && ok || ko "/dev/full/out: exit $rc"
grep -q "^tokcost: /dev/full: Not a directory$" "$tmp/err" && ok || ko "/dev/full message: $(cat "$tmp/err")"

# --- a full file system: a tmpfs filled to leave FREE bytes ---
need=$(du -sk "$old" | cut -f1)
if mkdir -p "$mnt" && mount -t tmpfs -o size=$(( (need * 3 + 256) ))k tmpfs "$mnt" 2>/dev/null; then
    mounted=1
    outcomes=""
    for free in 0 4096 8192 16384 32768 65536 131072 262144 $(( need * 2048 + 65536 )); do
        rm -rf "${mnt:?}"/*; cp -R "$old" "$mnt/"
        avail=$(df -B1 --output=avail "$mnt" | tail -1)
        [ "$avail" -gt "$free" ] && head -c $(( avail - free )) /dev/zero >"$mnt/filler" 2>/dev/null
        "$bin" "$sc2" -o "$mnt" -q >/dev/null 2>"$tmp/err"
        rc=$?
        rm -f "$mnt/filler"
        verdict "$mnt" "$rc" "$tmp/err" "full file system, $free bytes free"
        outcomes="$outcomes $rc"
    done
    case "$outcomes" in *3*) ok ;; *) ko "full file system: never failed ($outcomes)" ;; esac
    case "$outcomes" in *0*) ok ;; *) ko "full file system: never succeeded ($outcomes)" ;; esac
    grep -q "No space left on device" "$tmp/err" || true
    # --- read-only: the same tmpfs remounted ---
    rm -rf "${mnt:?}"/*; cp -R "$old" "$mnt/"
    mount -o remount,ro "$mnt"
    "$bin" "$sc2" -o "$mnt" -q >/dev/null 2>"$tmp/err"
    rc=$?
    [ "$rc" -eq 3 ] && ok || ko "read-only folder: exit $rc: $(head -c 2000 "$tmp/err")"
    grep -q "Read-only file system" "$tmp/err" && ok || ko "read-only message: $(cat "$tmp/err")"
    diff -r "$mnt/committee" "$old" >/dev/null && ok || ko "read-only: previous report changed"
    umount "$mnt" && mounted=
else
    echo "faults: mount not permitted here; full and read-only file system cases skipped" >&2
    if [ "$(id -u)" -ne 0 ]; then    # permissions bind everyone but root
        mkdir -p "$tmp/ro"; cp -R "$old" "$tmp/ro/"; chmod -R a-w "$tmp/ro"
        "$bin" "$sc2" -o "$tmp/ro" -q >/dev/null 2>"$tmp/err"
        verdict "$tmp/ro" "$?" "$tmp/err" "read-only folder"
    fi
fi

# --- an output that is an input: each output name in turn, as a hard link
# to a bid file, then as a symbolic link to the scenario ---
bid=$tmp/in/bids/amd_mi355x.yaml
cp "$bid" "$tmp/bid_copy"; cp "$sc" "$tmp/sc_copy"
for rel in $(cd "$old" && find . -type f | sed 's|^\./||'); do
    for how in hard sym; do
        o=$tmp/same; rm -rf "$o"; mkdir -p "$o/committee/$(dirname "$rel")"
        if [ $how = hard ]; then ln "$bid" "$o/committee/$rel"; else ln -s "$sc" "$o/committee/$rel"; fi
        "$bin" "$sc" -o "$o" -q >/dev/null 2>"$tmp/err"
        rc=$?
        [ "$rc" -eq 3 ] && ok || ko "$rel is an input ($how link): exit $rc"
        grep -qF "$o/committee/$rel: output path is an input file" "$tmp/err" && ok ||
            ko "$rel ($how link) message: $(cat "$tmp/err")"
        n=$(find "$o/committee" -type f ! -path "$o/committee/$rel" | wc -l)
        [ "$n" -eq 0 ] && ok || ko "$rel ($how link): $n files written"
        [ -L "$o/committee/$rel" ] || cmp -s "$o/committee/$rel" "$tmp/bid_copy" && ok ||
            ko "$rel ($how link): the linked input changed"
    done
done
cmp -s "$bid" "$tmp/bid_copy" && cmp -s "$sc" "$tmp/sc_copy" && ok || ko "an input was changed"

# --- an interrupted run (SIGKILL at several moments): each final file is
# the old one or the complete new one, never a part of either ---
for delay in 0.001 0.005 0.01 0.02 0.05 0.1; do
    rm -rf "$tmp/int"; mkdir "$tmp/int"; cp -R "$old" "$tmp/int/"
    "$bin" "$sc2" -o "$tmp/int" -q >/dev/null 2>&1 &
    pid=$!
    sleep "$delay"; kill -KILL "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
    for rel in $(cd "$old" && find . -type f | sed 's|^\./||'); do
        f=$tmp/int/committee/$rel
        if cmp -s "$f" "$old/$rel" || cmp -s "$f" "$new/$rel"; then ok
        else ko "killed after ${delay}s: $rel is neither the old nor the new file"; fi
    done
done

# --- inputs that are not regular files: exit 1 (never a hang, never 3) ---
mkfifo "$tmp/fifo.yaml"
printf 'scenario: {title: t}\ninclude: [%s]\n' "$tmp/fifo.yaml" >"$tmp/inc_fifo.yaml"
printf 'scenario: {title: t}\ninclude: [/dev/zero]\n' >"$tmp/inc_zero.yaml"
printf 'scenario: {title: t}\ninclude: [%s]\n' "$tmp/in/bids" >"$tmp/inc_dir.yaml"
for f in "$tmp/fifo.yaml" "$tmp/inc_fifo.yaml" "$tmp/inc_zero.yaml" "$tmp/inc_dir.yaml" \
         "$tmp/missing.yaml"; do
    timeout 5 "$bin" check "$f" >/dev/null 2>"$tmp/err"
    rc=$?
    [ "$rc" -eq 1 ] && ok || ko "input $f: exit $rc, expected 1: $(head -c 300 "$tmp/err")"
    grep -q "^$tmp/[^:]*:1:1: \|^/dev/zero:1:1: " "$tmp/err" && ok ||
        ko "input $f: no located message: $(head -c 300 "$tmp/err")"
done

finish
