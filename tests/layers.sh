#!/bin/sh
# The layer check: data flows YAML -> model -> evaluation -> results ->
# renderers, and the #include lines must say so. README "Source map" states
# the rules; each is a grep over the tree, so a planted violation fails.
# $1 (the tokcost binary) is not used. TC_LAYERS_ROOT: the tree to check
# (default: this checkout), so the test of this test can plant a violation
# in a copy.
suite=layers; . "$(dirname "$0")/harness.sh"
root=${TC_LAYERS_ROOT:-.}

# includes FILE...: every #include target of the files, as "file: target".
includes() {
    for f in "$@"; do
        [ -f "$f" ] || continue
        sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*\([<"][^>"]*[>"]\).*/\1/p' "$f" |
            sed "s|^|$f: |"
    done
}

# rule NAME PATTERN FILE...: no file may include a header matching PATTERN.
rule() {
    name=$1; pat=$2; shift 2
    bad=$(includes "$@" | grep -E ": [<\"]([^>\"]*/)?($pat)[>\"]$")
    if [ -n "$bad" ]; then ko "$(printf '%s:\n%s' "$name" "$bad")"; else ok; fi
}

# calls NAME PATTERN FILE...: no file may call a function matching PATTERN.
calls() {
    name=$1; pat=$2; shift 2
    bad=$(grep -nE "(^|[^a-z_])($pat)[[:space:]]*\(" "$@" 2>/dev/null)
    if [ -n "$bad" ]; then ko "$(printf '%s:\n%s' "$name" "$bad")"; else ok; fi
}

cd "$root" || exit 1
all=$(find gen charts include -name '*.[ch]' | LC_ALL=C sort)
notload=$(echo "$all" | grep -v '^gen/load/')
core=$(find gen/core -name '*.[ch]')
math=$(find gen/eval gen/analysis -name '*.[ch]')
render=$(find gen/render charts -name '*.[ch]')
load=$(find gen/load -name '*.[ch]')
modelh="include/tc_status.h include/tc_diag.h include/tc_format.h include/tc_style.h include/tc_model.h include/tc_results.h"

THIRD='yaml\.h|xlsxwriter\.h|hpdf[a-z_]*\.h|cairo[a-z_-]*\.h|jansson\.h|png\.h|zlib\.h|ft2build\.h|nettle/[a-z0-9_]*\.h|harfbuzz/[a-z_-]*\.h|hb[a-z_-]*\.h'
UPPER='tc_cli\.h|cli\.h|tc_render\.h|tc_json\.h|tc_table\.h|tc_charts[a-z_]*\.h|tc_png\.h|tc_template\.h|pdf\.h|xlsx\.h|table_grid\.h'

rule "only the loader includes <yaml.h>" 'yaml\.h' $notload
rule "core includes no loader, evaluation, analysis, renderer or CLI header" \
    "$UPPER|tc_load\.h|load_internal\.h|eval_priv\.h|tc_analysis\.h" $core $modelh
rule "core, model and results headers include no third-party header" "$THIRD" $core $modelh
rule "evaluation and analysis include no renderer, CLI or loader header" \
    "$UPPER|tc_load\.h|load_internal\.h" $math
rule "the finance math includes no third-party header" "$THIRD" $math
calls "the finance math does no I/O" \
    'fopen|fclose|fread|fwrite|fprintf|printf|puts|fputs|fputc|putchar|open|write|read|opendir|rename|unlink|mkdir' $math
rule "the evaluation's internals stay in gen/eval" 'eval_priv\.h' \
    $(echo "$all" | grep -v '^gen/eval/')
rule "the loader's internals stay in gen/load" 'load_internal\.h' $notload
rule "the loader includes no renderer or CLI header" "$UPPER" $load
rule "renderers include no loader, analysis or evaluation internals, no CLI" \
    'tc_load\.h|load_internal\.h|tc_analysis\.h|eval_priv\.h|tc_cli\.h|cli\.h|yaml\.h' $render
# Each renderer's private header (pdf.h, xlsx.h, table_grid.h) is its own.
for d in json xlsx pdf table; do
    others=$(printf 'xlsx\\.h\npdf\\.h\ntable_grid\\.h\n' | grep -v "^$d" | paste -sd'|')
    rule "the $d renderer includes no other renderer's private header" "$others" \
        $(find "gen/render/$d" -name '*.[ch]')
done
rule "charts include no renderer's private header" 'xlsx\.h|pdf\.h|table_grid\.h' \
    $(find charts -name '*.[ch]')

# The check itself must fail on planted violations (once, on a copy).
if [ -z "$TC_LAYERS_ROOT" ]; then
    plant() { # plant FILE LINE: the check of a copy with LINE added must fail
        rm -rf "$tmp/t"; mkdir -p "$tmp/t"; cp -r gen charts include "$tmp/t/"
        printf '%s\n' "$2" >>"$tmp/t/$1"
        if TC_LAYERS_ROOT=$tmp/t sh "$0" >/dev/null 2>&1; then
            ko "planted '$2' in $1 was not caught"
        else
            ok
        fi
    }
    plant gen/eval/eval.c '#include <yaml.h>'
    plant gen/analysis/analysis_mc.c '#include "tc_render.h"'
    plant gen/analysis/analysis_mc.c 'static void f(void) { printf ("x"); }'
    plant gen/core/results.c '#include "tc_cli.h"'
    plant gen/render/pdf/pdf_doc.c '#include "tc_analysis.h"'
    plant gen/render/json/json.c '#include "../xlsx/xlsx.h"'
    plant charts/layout.c '#include "../gen/load/load_internal.h"'
fi

finish
