#!/bin/sh
# tokcost import as a user meets it: the printed performance: block (bytes
# compared with tests/import/expected/), pasted into a bid it checks;
# warnings on stderr; usage errors exit 2, broken artifacts exit 1 with the
# located message and nothing on stdout, a full stdout exit 3; and a
# scenario whose bids import renders with the provenance in results.json,
# the workbook's Inputs sheet and the report.
# $1: the tokcost binary. Run from the repository root.
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0; failed=0
ok() { passed=$((passed + 1)); }
ko() { failed=$((failed + 1)); echo "import: FAIL: $*" >&2; }
expect() {
    code=$1; what=$2; shift 3
    "$@" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    if [ "$rc" -eq "$code" ]; then ok; else ko "$what: exit $rc, expected $code: $(head -c 300 "$tmp/err")"; fi
}
has() { if grep -qF -- "$2" "$1"; then ok; else ko "$3: '$2' not in: $(head -c 300 "$1")"; fi; }
empty() { if [ ! -s "$1" ]; then ok; else ko "$2: not empty: $(head -c 300 "$1")"; fi; }
same() { if cmp -s "$1" "$2"; then ok; else ko "$3: $1 and $2 differ"; fi; }
says() { printf '%s\n' "$2" >"$tmp/want"; same "$1" "$tmp/want" "$3: $(head -c 300 "$1")"; }

d=tests/import
expect 0 "vllm sweep" -- "$bin" import vllm $d/h200-c1.json $d/h200-c4.json $d/h200-c16.json \
    $d/h200-c32.json $d/h200-c64.json --gpus 8 --isl 1024 --osl 1024
same "$tmp/out" $d/expected/vllm-sweep.yaml "vllm sweep output"
empty "$tmp/err" "vllm sweep stderr"

# pasted under a platform of a bid, the block checks
{ printf 'platforms:\n  - id: h200\n    power_kw_per_gpu: 1\n    pricing: {cloud: {gpu_hour: 2}}\n'
  sed -n '/^performance:/,$p' "$tmp/out" | sed 's/^/    /'; } >"$tmp/bid.yaml"
expect 0 "pasted block" -- "$bin" check "$tmp/bid.yaml"

expect 0 "itl fallback" -- "$bin" import sglang $d/sglang-old.jsonl --gpus=1 --model x
says "$tmp/err" "tokcost: warning: interactivity from median_itl_ms (the file has no median_tpot_ms)" \
    "itl warning"
has "$tmp/out" "- {interactivity: 100, throughput: 1000}" "itl point"
expect 0 "disaggregated" -- "$bin" import sglang $d/sglang-disagg.jsonl --prefill-gpus 8 \
    --decode-gpus 16 --model llama
has "$tmp/out" "disaggregated: 8 prefill + 16 decode GPUs" "disaggregated split shown"

expect 0 "inferencex" -- "$bin" import inferencex $d/inferencex.json
has "$tmp/out" "record 3, line 8, sha256 " "inferencex record"
has "$tmp/out" "disaggregated: 4 prefill + 12 decode GPUs, measured 1.1 kW per GPU" "measured power shown"
expect 0 "two workloads" -- "$bin" import sglang $d/sglang-disagg.jsonl $d/sglang-old.jsonl --gpus 2 --model m
if [ "$(grep -c '^  - model: "m"$' "$tmp/out")" -eq 2 ]; then ok; else ko "two workloads: two entries"; fi
has "$tmp/out" "    isl: 2048" "second workload"
expect 2 "fractional gpus" -- "$bin" import vllm a.json --gpus 1.5
says "$tmp/err" "tokcost: --gpus: expected an integer >= 1, got '1.5'; try 'tokcost --help'" "fractional gpus"
expect 2 "bad osl" -- "$bin" import vllm a.json --osl=x --decode-gpus 2
says "$tmp/err" "tokcost: --osl: expected an integer >= 1, got 'x'; try 'tokcost --help'" "bad osl"
expect 0 "help" -- "$bin" import --help
has "$tmp/out" "formats: inferencex inferencex-csv vllm sglang aiperf genai-perf genai-perf-csv mlperf llmperf" "help lists the formats"
expect 2 "no format" -- "$bin" import
says "$tmp/err" "tokcost: import: expected a format and result files; try 'tokcost --help'" "no format"
expect 2 "unknown format" -- "$bin" import vlm a.json
says "$tmp/err" "tokcost: import: unknown format 'vlm' (expected one of: inferencex, inferencex-csv, vllm, sglang, aiperf, genai-perf, genai-perf-csv, mlperf, llmperf); try 'tokcost --help'" "unknown format"
expect 2 "no file" -- "$bin" import vllm --gpus 8
says "$tmp/err" "tokcost: import: no result file given; try 'tokcost --help'" "no file"
expect 2 "bad gpus" -- "$bin" import vllm a.json --gpus 0
says "$tmp/err" "tokcost: --gpus: expected an integer >= 1, got '0'; try 'tokcost --help'" "bad gpus"
expect 2 "missing value" -- "$bin" import vllm a.json --isl
says "$tmp/err" "tokcost: --isl: expected an integer >= 1, got ''; try 'tokcost --help'" "missing value"
expect 2 "prefill alone" -- "$bin" import vllm a.json --prefill-gpus 8
says "$tmp/err" "tokcost: import: --prefill-gpus and --decode-gpus go together; try 'tokcost --help'" "prefill alone"
expect 2 "gpus and split" -- "$bin" import vllm a.json --gpus 8 --prefill-gpus 8 --decode-gpus 8
says "$tmp/err" "tokcost: import: --gpus and --prefill-gpus/--decode-gpus exclude each other; try 'tokcost --help'" "gpus and split"
expect 2 "unknown option" -- "$bin" import vllm a.json --bogus 1
says "$tmp/err" "tokcost: import: unknown option '--bogus'; try 'tokcost --help'" "unknown option"
expect 2 "empty model" -- "$bin" import vllm a.json --model=
says "$tmp/err" "tokcost: --model: expected a name; try 'tokcost --help'" "empty model"

expect 1 "broken artifact" -- "$bin" import vllm $d/bad/vllm-string.json --gpus 8 --isl 1 --osl 1
says "$tmp/err" "$d/bad/vllm-string.json:4:21: median_tpot_ms: expected a number, got a string" "broken artifact"
empty "$tmp/out" "broken artifact stdout"
expect 1 "missing artifact" -- "$bin" import vllm $d/none.json --gpus 8 --isl 1 --osl 1
says "$tmp/err" "$d/none.json:1:1: cannot read the file: no such file or directory" "missing artifact"
if [ -w /dev/full ]; then
    "$bin" import llmperf $d/llmperf_summary.json --gpus 8 >/dev/full 2>"$tmp/err"
    if [ $? -eq 3 ]; then ok; else ko "full stdout: not exit 3"; fi
fi

# A scenario whose bids import: provenance in every output, same bytes twice.
expect 0 "render imported" -- "$bin" render tests/data/import/imported.yaml -o "$tmp/r" -q
o=$tmp/r/imported
sha=$(sha256sum tests/data/import/bids/bench/h200-c1.json | cut -c1-64)
has "$o/results.json" "\"file\": \"bench/h200-c1.json\"" "json file"
has "$o/results.json" "\"sha256\": \"$sha\"" "json sha256"
has "$o/results.json" "\"record\": \"record 1, line 1\"" "json record"
has "$o/results.json" "\"file\": \"bench/h200-c32.json\"" "json dropped point"
ssconvert --export-type=Gnumeric_stf:stf_csv -O "sheet=Inputs" "$o/workbook.xlsx" "$tmp/inputs" \
    >/dev/null 2>&1 || ko "workbook unreadable"
has "$tmp/inputs" "imported (vllm): bench/h200-c1.json, record 1, line 1" "workbook source"
has "$tmp/inputs" "sha256 $sha" "workbook sha256"
has "$tmp/inputs" "measured 1.1 kW per GPU" "workbook measured power"
pdftotext "$o/report.pdf" "$tmp/report.txt" 2>/dev/null
has "$tmp/report.txt" "Imported benchmark results" "report section"
has "$tmp/report.txt" "bench/h200-" "report file"
has "$tmp/report.txt" "$(echo "$sha" | cut -c1-12)" "report sha256"
has "$tmp/report.txt" "Dropped as dominated" "report dropped point"
has "$tmp/report.txt" "19.6% above the stated power_kw_per_gpu" "report power caveat"
expect 0 "render again" -- "$bin" render tests/data/import/imported.yaml -o "$tmp/r2" -q
if diff -r "$tmp/r" "$tmp/r2" >/dev/null; then ok; else ko "two renders differ"; fi

echo "import: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
