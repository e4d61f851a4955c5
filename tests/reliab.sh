#!/bin/sh
# Issue 19 through the command line: a render stopped by SIGTERM or SIGHUP
# (alone or with -j 2) leaves no stage behind and the previous report
# intact; a render killed with SIGKILL is swept by the next; a planted
# charts -> elsewhere link is not followed; the user's files survive; a
# linked scenario folder is refused (exit 3) and nothing is written.
# $1: the tokcost binary. Run from the repository root.
suite=reliab; . "$(dirname "$0")/harness.sh"
same() { if cmp -s "$1" "$2"; then ok; else ko "$3: $1 differs from $2"; fi; }
# no_stage DIR WHAT: no hidden entry (a stage, a temporary) anywhere in DIR
no_stage() {
    left=$(find "$1" -name '.*' ! -name . | head -5)
    if [ -z "$left" ]; then ok; else ko "$2: left behind: $left"; fi
}

out=$tmp/out
"$bin" render scenarios/committee.yaml -o "$out" -q || ko "first render"
cp "$out/committee/report.pdf" "$tmp/report.pdf"
echo mine >"$out/committee/notes.txt"

# stop SIGNAL ARGS...: starts a render, signals it while it renders.
stop() {
    sig=$1; shift
    "$bin" render "$@" >/dev/null 2>&1 &
    pid=$!
    sleep 0.3
    kill -"$sig" "$pid" 2>/dev/null
    wait "$pid"
    echo $?
}
for sig in TERM HUP; do
    # 2 million Monte Carlo draws: seconds of work, so the signal lands
    # mid-render however fast the machine (0.3 s was not always enough)
    rc=$(stop "$sig" scenarios/committee.yaml -o "$out" --set analysis.monte_carlo.samples=2000000)
    [ "$rc" -gt 128 ] && ok || ko "SIG$sig: exit $rc (finished before the signal?)"
    no_stage "$out" "SIG$sig"
    rc=$(stop "$sig" -j 2 scenarios/committee.yaml scenarios/seed.yaml -o "$tmp/outj" \
        --set analysis.monte_carlo.samples=2000000)
    no_stage "$tmp/outj" "SIG$sig -j 2 (exit $rc)"
    no_stage "$out" "SIG$sig -j 2 (exit $rc)"
    same "$out/committee/report.pdf" "$tmp/report.pdf" "SIG$sig"
done

rc=$(stop KILL scenarios/committee.yaml -o "$out")
"$bin" render scenarios/committee.yaml -o "$out" -q || ko "render after SIGKILL"
no_stage "$out" "the render after a SIGKILL"
same "$out/committee/report.pdf" "$tmp/report.pdf" "report after SIGKILL and a render"
[ "$(cat "$out/committee/notes.txt")" = mine ] && ok || ko "the user's notes.txt lost"

# A planted link where tokcost keeps its charts: nothing written through it.
mkdir "$tmp/elsewhere"
echo precious >"$tmp/elsewhere/cost_per_m_tokens.png"
rm -rf "$out/committee/charts"
ln -s "$tmp/elsewhere" "$out/committee/charts"
"$bin" render scenarios/committee.yaml -o "$out" -q || ko "render over a charts link"
[ "$(cat "$tmp/elsewhere/cost_per_m_tokens.png")" = precious ] && ok || ko "wrote through charts link"
[ "$(ls "$tmp/elsewhere" | wc -l)" -eq 1 ] && ok || ko "charts link target changed: $(ls "$tmp/elsewhere")"
[ -d "$out/committee/charts" ] && [ ! -L "$out/committee/charts" ] && ok || ko "charts still a link"

# A scenario folder that is a link: refused, exit 3, nothing written.
mkdir "$tmp/real"
rm -rf "$out/seed"     # a link where the folder would go (none rendered there yet)
ln -s "$tmp/real" "$out/seed"
"$bin" render scenarios/seed.yaml -o "$out" -q 2>"$tmp/err"
rc=$?
[ "$rc" -eq 3 ] && ok || ko "linked folder: exit $rc"
grep -qF "tokcost: $out/seed: a symbolic link: tokcost writes through no link" "$tmp/err" && ok ||
    ko "linked folder message: $(cat "$tmp/err")"
[ -z "$(ls -A "$tmp/real")" ] && ok || ko "wrote into the linked folder"
no_stage "$out" "refused link"

# include: stays in the scenario's folder tree (links resolved first) unless
# --include-anywhere; a file that is no bid is said to be so, unquoted.
scn=$tmp/scn
mkdir -p "$scn/bids"
printf 'hunter2: swordfish\npassword: letmein\n' >"$tmp/secret.txt"
ln -s "$tmp/secret.txt" "$scn/bids/link.yaml"
sed '/^platforms:/,$d' scenarios/seed.yaml >"$tmp/top.yaml"
{ printf 'include: [../secret.txt, bids/*.yaml, "%s", "/*/*/*/*/*"]\n' "$tmp/secret.txt"; cat "$tmp/top.yaml"; } >"$scn/s.yaml"
"$bin" check "$scn/s.yaml" >/dev/null 2>"$tmp/err"
rc=$?
[ "$rc" -eq 1 ] && ok || ko "include outside: exit $rc"
why="is outside the scenario's folder (includes stay in its folder tree; --include-anywhere lifts this)"
for want in "include[0]: \"../secret.txt\" $why" "include[1]: \"$scn/bids/link.yaml\" $why" \
            "include[2]: \"$tmp/secret.txt\" $why" "include[3]: \"/*/*/*/*/*\" $why"; do
    grep -qF -- "$want" "$tmp/err" && ok || ko "include outside: no '$want' in $(cat "$tmp/err")"
done
{ printf 'include: [../secret.txt]\n'; cat "$tmp/top.yaml"; } >"$scn/t.yaml"
"$bin" check --include-anywhere "$scn/t.yaml" >/dev/null 2>"$tmp/err2"
grep -qF "$scn/../secret.txt:1:1: not a bid file (expected a mapping with a platforms: list)" "$tmp/err2" &&
    ok || ko "--include-anywhere: $(head -c 600 "$tmp/err2")"
if grep -q "hunter2\|password" "$tmp/err" "$tmp/err2"; then ko "an error quoted the file's content"; else ok; fi

# A bid file name with an ESC reaches the terminal escaped; a bidi
# control in a name is refused where it stands.
esc=$(printf '\033')
mkdir -p "$tmp/g/bids"
printf 'platforms: 3\n' >"$tmp/g/bids/x${esc}[31m.yaml"
{ printf 'include: [bids/*.yaml]\n'; cat "$tmp/top.yaml"; } >"$tmp/g/s.yaml"
"$bin" check "$tmp/g/s.yaml" >/dev/null 2>"$tmp/err"
if grep -q "$esc" "$tmp/err"; then ko "an ESC reached the terminal raw"; else ok; fi
grep -qF "$tmp/g/bids/x\\x1b[31m.yaml:1:12: platforms: expected a list" "$tmp/err" && ok ||
    ko "escaped file name: $(cat -v "$tmp/err")"
sed "s/name: \"DeepSeek-R1 reasoning\"/name: \"Deep$(printf '\342\200\256')Seek\"/" scenarios/seed.yaml >"$tmp/bidi.yaml"
line=$(grep -n 'name: "Deep' "$tmp/bidi.yaml" | cut -d: -f1)
"$bin" check "$tmp/bidi.yaml" >/dev/null 2>"$tmp/err"
grep -qF "$tmp/bidi.yaml:$line:11: workloads[r1].name: text contains the bidirectional control U+202E (it can make a name read other than it is; expected plain text)" "$tmp/err" &&
    ok || ko "bidi: $(cat "$tmp/err")"

# A what-if folder cannot be another scenario's: a stem's '+' is renamed.
mkdir -p "$tmp/w"
cp scenarios/seed.yaml "$tmp/w/a.yaml"
cp scenarios/seed.yaml "$tmp/w/a+assumptions.utilization=0.5.yaml"
"$bin" render "$tmp/w/a.yaml" --set assumptions.utilization=0.5 -o "$tmp/wo" -q --formats json || ko "what-if"
cp "$tmp/wo/a+assumptions.utilization=0.5/results.json" "$tmp/whatif.json"
"$bin" render "$tmp/w/a+assumptions.utilization=0.5.yaml" -o "$tmp/wo" -q --formats json || ko "plain"
same "$tmp/wo/a+assumptions.utilization=0.5/results.json" "$tmp/whatif.json" "the what-if's folder"
[ "$(ls "$tmp/wo" | wc -l)" -eq 2 ] && ok || ko "what-if and plain share a folder: $(ls "$tmp/wo")"

# A bid file met twice is "included twice", not a duplicate id.
cp -R scenarios "$tmp/tw"
sed 's|  - bids/deepseek_api.yaml|  - bids/deepseek_api.yaml\n  - bids/*.yaml|' scenarios/committee.yaml >"$tmp/tw/committee.yaml"
"$bin" check "$tmp/tw/committee.yaml" >/dev/null 2>"$tmp/err"
line=$(grep -n '  - bids/\*.yaml' "$tmp/tw/committee.yaml" | cut -d: -f1)
grep -qxF "$tmp/tw/committee.yaml:$line:5: include[2]: \"$tmp/tw/bids/amd_mi355x.yaml\" is included twice (include[0] included it first)" "$tmp/err" &&
    ok || ko "included twice: $(cat "$tmp/err")"
if grep -q "duplicate id" "$tmp/err"; then ko "included twice told as a duplicate id"; else ok; fi

finish
