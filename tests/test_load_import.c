/* Benchmark artifacts into performance points (issue 16): every format
 * from its fixture in tests/import/ (written from the formats' documented
 * fields), with the points computed by hand from README "Importing
 * benchmark results"; the Pareto frontier and its dropped points; a
 * disaggregated run; measured power; the CSV reader; every broken file
 * with its exact located message; and bids that import (provenance,
 * input_sha256, the bid-side errors, the warnings). */
#include "tc_test.h"

#include <nettle/sha2.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../gen/load/import_internal.h"
#include "tc_import.h"
#include "tc_json.h"
#include "tc_load.h"
#include "tc_results.h"

#define DIR "tests/import/"
#define REL 1e-12

static tc_import_result read_ok(tc_import_format f, const char *const *paths, size_t n,
                                const tc_import_opts *o)
{
    tc_diags d;
    tc_diags_init(&d);
    tc_import_result r;
    tc_status st = tc_import_read(f, paths, NULL, n, o, NULL, &r, &d);
    if (st != TC_OK || d.count) {
        tc_diags_print(&d, stderr);
        fail_msg("import failed: status %d", st);
    }
    tc_diags_free(&d);
    return r;
}

/* The one message of importing path, exactly. */
static void expect_error(tc_import_format f, const char *path, const tc_import_opts *o,
                         tc_status want, const char *msg)
{
    tc_diags d;
    tc_diags_init(&d);
    tc_import_result r;
    tc_status st = tc_import_read(f, &path, NULL, 1, o, NULL, &r, &d);
    assert_int_equal(st, want);
    assert_int_equal(r.n_entries, 0);
    assert_int_equal(d.count, 1);
    char got[1200];
    snprintf(got, sizeof got, "%s:%d:%d: %s%s%s", d.items[0].file, d.items[0].line,
             d.items[0].col, d.items[0].path, d.items[0].path[0] ? ": " : "", d.items[0].message);
    assert_string_equal(got, msg);
    tc_diags_free(&d);
}

static void point_is(const tc_perf *e, size_t j, double x, double y, int file, const char *rec)
{
    assert_true(j < e->n_points);
    assert_double_rel(e->points[j].interactivity.value, x, REL);
    assert_double_rel(e->points[j].throughput.value, y, REL);
    assert_int_equal(e->points[j].file, file);
    assert_string_equal(e->points[j].record, rec);
}

static void sha_of(const char *path, char out[65])
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char buf[8192];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    struct sha256_ctx c;
    uint8_t dig[SHA256_DIGEST_SIZE];
    sha256_init(&c);
    sha256_update(&c, n, (const uint8_t *)buf);
    sha256_digest(&c, sizeof dig, dig);
    for (size_t i = 0; i < sizeof dig; i++)
        snprintf(out + 2 * i, 3, "%02x", dig[i]);
}

/* vLLM, 8 GPUs: interactivity = 1000 / median_tpot_ms, throughput =
 * output_throughput / 8. c1: 1000/12.5 = 80, 400/8 = 50; c4: 1000/16 =
 * 62.5, 1400/8 = 175; c16: 1000/25 = 40, 4000/8 = 500; c32: 1000/40 = 25,
 * 3600/8 = 450 (dominated by c16: 40 >= 25 and 500 >= 450); c64:
 * 1000/50 = 20, 9600/8 = 1200. */
static void vllm_sweep_keeps_the_frontier(void **state)
{
    (void)state;
    const char *files[] = {DIR "h200-c1.json", DIR "h200-c4.json", DIR "h200-c16.json",
                           DIR "h200-c32.json", DIR "h200-c64.json"};
    tc_import_opts o = {.gpus = 8, .isl = 1024, .osl = 1024};
    tc_import_result r = read_ok(TC_IMPORT_VLLM, files, 5, &o);
    assert_int_equal(r.n_entries, 1);
    const tc_perf *e = &r.entries[0];
    assert_string_equal(e->model, "meta-llama/Llama-3.1-70B-Instruct");
    assert_double_rel(e->isl, 1024, 0);
    assert_double_rel(e->osl, 1024, 0);
    assert_int_equal(e->basis, TC_BASIS_OUTPUT);
    assert_int_equal(e->evidence, TC_EVIDENCE_MEASURED);
    assert_string_equal(e->import_format, "vllm");
    assert_int_equal(e->n_points, 4);
    point_is(e, 0, 20, 1200, 5, "record 1, line 1");
    point_is(e, 1, 40, 500, 3, "record 1, line 1");
    point_is(e, 2, 62.5, 175, 2, "record 1, line 1");
    point_is(e, 3, 80, 50, 1, "record 1, line 1");
    assert_int_equal(e->n_dropped, 1);
    assert_double_rel(e->dropped[0].interactivity, 25, REL);
    assert_double_rel(e->dropped[0].throughput, 450, REL);
    assert_int_equal(e->dropped[0].file, 4);
    assert_int_equal(e->n_files, 5);
    assert_string_equal(e->files[3].name, DIR "h200-c32.json");
    char sha[65];
    sha_of(files[0], sha);
    assert_string_equal(e->files[0].sha256, sha);
    assert_int_equal(e->n_notes, 0);
    tc_import_result_free(&r);
}

/* Equal points: the later one is dropped; equal interactivity with less
 * throughput is dominated. */
static void equal_points_keep_the_first(void **state)
{
    (void)state;
    const char *files[] = {DIR "h200-c16.json", DIR "h200-c16.json", DIR "h200-c1.json"};
    tc_import_opts o = {.gpus = 8, .isl = 1, .osl = 1, .model = "m"};
    tc_import_result r = read_ok(TC_IMPORT_VLLM, files, 3, &o);
    const tc_perf *e = &r.entries[0];
    assert_int_equal(e->n_points, 2);
    point_is(e, 0, 40, 500, 1, "record 1, line 1");
    assert_int_equal(e->n_dropped, 1);
    assert_int_equal(e->dropped[0].file, 2);
    /* the file says meta-llama/..., the label says m */
    assert_int_equal(e->n_notes, 1);
    assert_string_equal(e->notes[0], "the files record model \"meta-llama/Llama-3.1-70B-Instruct\", "
                        "labelled \"m\"");
    tc_import_result_free(&r);
}

/* SGLang JSON lines, disaggregated 8 prefill + 16 decode = 24 GPUs:
 * line 1: 1000/20 = 50, 6000/24 = 250; line 2: 1000/40 = 25, 12000/24 = 500.
 * isl and osl from random_input_len / random_output_len. */
static void sglang_disaggregated_over_all_gpus(void **state)
{
    (void)state;
    const char *f = DIR "sglang-disagg.jsonl";
    tc_import_opts o = {.prefill_gpus = 8, .decode_gpus = 16, .model = "llama"};
    tc_import_result r = read_ok(TC_IMPORT_SGLANG, &f, 1, &o);
    const tc_perf *e = &r.entries[0];
    assert_string_equal(e->model, "llama");
    assert_double_rel(e->isl, 1024, 0);
    assert_double_rel(e->osl, 1024, 0);
    point_is(e, 0, 25, 500, 1, "record 2, line 2");
    point_is(e, 1, 50, 250, 1, "record 1, line 1");
    assert_int_equal(e->points[0].prefill_gpus, 8);
    assert_int_equal(e->points[0].decode_gpus, 16);
    assert_int_equal(e->n_notes, 0);
    tc_import_result_free(&r);
}

/* Older SGLang: no TPOT, ITL 10 ms -> 100 tokens/s per user; 1000 / 1 GPU. */
static void sglang_falls_back_to_itl_with_a_note(void **state)
{
    (void)state;
    const char *f = DIR "sglang-old.jsonl";
    tc_import_opts o = {.gpus = 1, .model = "x", .isl = 2048};
    tc_import_result r = read_ok(TC_IMPORT_SGLANG, &f, 1, &o);
    const tc_perf *e = &r.entries[0];
    point_is(e, 0, 100, 1000, 1, "record 1, line 1");
    assert_double_rel(e->osl, 256, 0);
    assert_int_equal(e->n_notes, 1);
    assert_string_equal(e->notes[0], "interactivity from median_itl_ms (the file has no median_tpot_ms)");
    tc_import_result_free(&r);
}

/* AIPerf, 4 GPUs: 1000 / ITL p50 20 ms = 50; 2400 / 4 = 600. genai-perf
 * JSON: 1000/25 = 40, 1600/4 = 400. genai-perf CSV, 8 GPUs: ITL p50 16.00
 * -> 62.5; "12,500.00" / 8 = 1562.5. */
static void aiperf_and_genai_perf(void **state)
{
    (void)state;
    tc_import_opts o = {.gpus = 4, .isl = 1000, .osl = 200};
    const char *a = DIR "profile_export_aiperf.json";
    tc_import_result r = read_ok(TC_IMPORT_AIPERF, &a, 1, &o);
    assert_string_equal(r.entries[0].model, "Qwen/Qwen3-32B");
    point_is(&r.entries[0], 0, 50, 600, 1, "record 1, line 1");
    assert_string_equal(r.entries[0].notes[0],
                        "interactivity from inter_token_latency p50 (the format has no TPOT)");
    tc_import_result_free(&r);
    const char *g = DIR "profile_export_genai_perf.json";
    r = read_ok(TC_IMPORT_GENAI_PERF, &g, 1, &o);
    assert_string_equal(r.entries[0].model, "llama-3.1-8b");
    point_is(&r.entries[0], 0, 40, 400, 1, "record 1, line 1");
    tc_import_result_free(&r);
    const char *c = DIR "profile_export_genai_perf.csv";
    o.gpus = 8;
    o.model = "llama-3.1-8b";
    r = read_ok(TC_IMPORT_GENAI_PERF_CSV, &c, 1, &o);
    point_is(&r.entries[0], 0, 62.5, 1562.5, 1, "tables");
    tc_import_result_free(&r);
}

/* LLMPerf, 8 GPUs: 1 / 0.04 s = 25 tokens/s per user; 3000 / 8 = 375;
 * model, isl 2000 and osl 500 from the file. */
static void llmperf_in_seconds(void **state)
{
    (void)state;
    const char *f = DIR "llmperf_summary.json";
    tc_import_opts o = {.gpus = 8};
    tc_import_result r = read_ok(TC_IMPORT_LLMPERF, &f, 1, &o);
    const tc_perf *e = &r.entries[0];
    assert_string_equal(e->model, "mistralai/Mixtral-8x7B-Instruct-v0.1");
    assert_double_rel(e->isl, 2000, 0);
    assert_double_rel(e->osl, 500, 0);
    point_is(e, 0, 25, 375, 1, "record 1, line 1");
    tc_import_result_free(&r);
}

/* MLPerf llama2-70b: Server at the 200 ms TPOT bound = 5 tokens/s per
 * user, "51,200.00" / (8 per node x 1 node) = 6400; Interactive at 40 ms =
 * 25, 20480 / 8 = 2560; Offline gives no point (a note). With --gpus 16:
 * 51200 / 16 = 3200 and a note that the file says 8. */
static void mlperf_points_at_the_tpot_bounds(void **state)
{
    (void)state;
    const char *f = DIR "mlperf_summary.csv";
    tc_import_opts o = {.isl = 1024, .osl = 1024};
    tc_import_result r = read_ok(TC_IMPORT_MLPERF, &f, 1, &o);
    const tc_perf *e = &r.entries[0];
    assert_string_equal(e->model, "llama2-70b-99");
    assert_int_equal(e->n_points, 2);
    point_is(e, 0, 5, 6400, 1, "line 2");
    point_is(e, 1, 25, 2560, 1, "line 3");
    assert_int_equal(e->n_notes, 1);
    assert_string_equal(e->notes[0], DIR "mlperf_summary.csv line 4: llama2-70b-99 Offline gives "
                        "no point (no TPOT bound: only Server and Interactive results of "
                        "llama2-70b, llama3.1-405b, mixtral-8x7b)");
    tc_import_result_free(&r);
    o.gpus = 16;
    r = read_ok(TC_IMPORT_MLPERF, &f, 1, &o);
    point_is(&r.entries[0], 0, 5, 3200, 1, "line 2");
    assert_string_equal(r.entries[0].notes[1], "the files record 8 GPUs, labelled 16");
    tc_import_result_free(&r);
}

/* InferenceX rows are per GPU already; measured power: 950 W / 300
 * tokens/s per GPU = 3.1666 J per token; a disaggregated row (fields under
 * metrics) keeps its split 4 + 12. */
static void inferencex_rows_with_power(void **state)
{
    (void)state;
    const char *f = DIR "inferencex.json";
    tc_import_result r = read_ok(TC_IMPORT_INFERENCEX, &f, 1, NULL);
    const tc_perf *e = &r.entries[0];
    assert_string_equal(e->model, "dsr1");
    assert_int_equal(e->n_points, 3);
    point_is(e, 0, 15, 2400, 1, "record 3, line 8");
    point_is(e, 1, 30, 1500, 1, "record 2, line 5");
    point_is(e, 2, 90, 300, 1, "record 1, line 2");
    assert_int_equal(e->points[0].prefill_gpus, 4);
    assert_int_equal(e->points[0].decode_gpus, 12);
    assert_double_rel(e->points[0].kw_per_gpu, 1.1, REL);
    assert_double_rel(e->points[0].joules_per_token, 1100.0 / 2400, REL);
    assert_double_rel(e->points[2].joules_per_token, 950.0 / 300, REL);
    assert_int_equal(e->points[2].prefill_gpus, 0);
    tc_import_result_free(&r);
    /* the dashboard CSV: the same fields as columns, thousands quoted */
    const char *c = DIR "inferencex.csv";
    tc_import_opts g = {.gpus = 8};
    r = read_ok(TC_IMPORT_INFERENCEX_CSV, &c, 1, &g);
    e = &r.entries[0];
    assert_double_rel(e->isl, 8192, 0);
    point_is(e, 0, 20, 2000, 1, "line 3");
    point_is(e, 1, 60.5, 1210, 1, "line 2");
    assert_int_equal(e->points[0].prefill_gpus, 8);
    assert_double_rel(e->points[1].kw_per_gpu, 1.4, REL);
    assert_string_equal(e->notes[0],
                        "the GPUs given are not used (inferencex-csv throughput is per GPU already)");
    tc_import_result_free(&r);
}

/* Two workloads in one import: two entries, in the order first seen. */
static void one_entry_per_workload(void **state)
{
    (void)state;
    const char *files[] = {DIR "sglang-disagg.jsonl", DIR "sglang-old.jsonl"};
    tc_import_opts o = {.gpus = 2, .model = "m"};
    tc_import_result r = read_ok(TC_IMPORT_SGLANG, files, 2, &o);
    assert_int_equal(r.n_entries, 2);
    assert_double_rel(r.entries[0].isl, 1024, 0);
    assert_double_rel(r.entries[1].isl, 2048, 0);
    assert_int_equal(r.entries[1].n_points, 1);
    point_is(&r.entries[1], 0, 100, 500, 2, "record 1, line 1");
    tc_import_result_free(&r);
}

static void broken_files_are_located(void **state)
{
    (void)state;
    tc_import_opts o = {.gpus = 8, .isl = 1, .osl = 1, .model = "m"};
    static const struct { tc_import_format f; const char *file, *msg; } cases[] = {
        {TC_IMPORT_VLLM, "vllm-syntax.json", ":3:18: invalid json: '}' expected near '\"median_tpot_ms\"'"},
        {TC_IMPORT_VLLM, "vllm-missing.json",
         ":1:1: output_throughput: missing field \"output_throughput\" (vllm files have it)"},
        {TC_IMPORT_VLLM, "vllm-string.json", ":4:21: median_tpot_ms: expected a number, got a string"},
        {TC_IMPORT_VLLM, "vllm-zero.json",
         ":2:24: output_throughput: 0 is not a throughput (expected a number > 0)"},
        {TC_IMPORT_VLLM, "empty.json", ":1:1: the file is empty (expected result records)"},
        {TC_IMPORT_VLLM, "empty-array.json", ":1:1: an empty array (expected result records)"},
        {TC_IMPORT_VLLM, "not-object.json", ":2:3: expected an object of results, got a number"},
        {TC_IMPORT_INFERENCEX, "inferencex-disagg.json",
         ":2:3: num_decode_gpu: missing field \"num_decode_gpu\" (inferencex files have it)"},
        {TC_IMPORT_INFERENCEX, "inferencex-flag.json",
         ":2:40: disagg: expected true or false, got a string"},
        {TC_IMPORT_INFERENCEX, "inferencex-power.json",
         ":2:45: avg_power_w: -5 is not a power (expected watts > 0)"},
        /* issue 19: an imported point obeys the ranges of a bid's own */
        {TC_IMPORT_VLLM, "vllm-range.json",
         ":1:1: throughput: 1.25e+10 tokens/s per GPU is out of range (expected a number in [0.001, 1e9])"},
        {TC_IMPORT_VLLM, "vllm-fast.json",
         ":1:1: interactivity: 1e+10 tokens/s per user is out of range (expected a number in [0.001, 1e6])"},
        {TC_IMPORT_LLMPERF, "llmperf-zero.json",
         ":3:49: results_inter_token_latency_s_quantiles_p50: 0 is not a latency (expected a number > 0)"},
        {TC_IMPORT_MLPERF, "mlperf-quote.csv", ":2:22: unterminated quoted field"},
        {TC_IMPORT_MLPERF, "mlperf-number.csv", ":2:22: Result: \"12,34\" is not a number"},
        {TC_IMPORT_MLPERF, "mlperf-gpus.csv",
         ":2:28: accelerators_per_node: 2.5 is not a number of GPUs (expected an integer in 1..100000)"},
        {TC_IMPORT_MLPERF, "mlperf-quote-inside.csv",
         ":2:18: a quote inside an unquoted field (quote the whole field)"},
        {TC_IMPORT_MLPERF, "mlperf-after-quote.csv",
         ":2:16: unexpected character after a quoted field (expected a comma or the end of the line)"},
        {TC_IMPORT_MLPERF, "mlperf-header.csv",
         ":1:1: expected a header row and at least one row of results"},
        {TC_IMPORT_MLPERF, "mlperf-noscenario.csv",
         ":2:1: Scenario: missing field \"Scenario\" (mlperf files have it)"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char path[200], msg[600];
        snprintf(path, sizeof path, DIR "bad/%s", cases[i].file);
        snprintf(msg, sizeof msg, "%s%s", path, cases[i].msg);
        expect_error(cases[i].f, path, &o, TC_ERR_INVALID, msg);
    }
    expect_error(TC_IMPORT_VLLM, DIR "bad/none.json", &o, TC_ERR_READ,
                 DIR "bad/none.json:1:1: cannot read the file: no such file or directory");
}

/* Labels the file lacks: each named once, with the flag and the bid key. */
static void missing_labels_say_which_flag(void **state)
{
    (void)state;
    const char *f = DIR "h200-c1.json";
    tc_diags d;
    tc_diags_init(&d);
    tc_import_result r;
    tc_import_opts o = {0};
    assert_int_equal(tc_import_read(TC_IMPORT_VLLM, &f, NULL, 1, &o, NULL, &r, &d), TC_ERR_INVALID);
    assert_int_equal(d.count, 3);
    assert_string_equal(d.items[0].message, "the input length is not recorded in vllm files (give "
                        "--isl N on the command line, or isl: N in the bid)");
    assert_string_equal(d.items[2].message, "the number of GPUs is not recorded in vllm files (give "
                        "--gpus N on the command line, or import: {gpus: N} in the bid)");
    tc_diags_free(&d);
    const char *m = DIR "mlperf_summary.csv";
    tc_diags_init(&d);
    assert_int_equal(tc_import_read(TC_IMPORT_MLPERF, &m, NULL, 1, NULL, NULL, &r, &d), TC_ERR_INVALID);
    assert_string_equal(d.items[0].message, "the input length is not recorded in mlperf files (give "
                        "--isl N on the command line, or isl: N in the bid)");
    tc_diags_free(&d);
}

static void csv_numbers_with_thousands(void **state)
{
    (void)state;
    static const struct { const char *s; double v; } good[] = {
        {"1,234.5", 1234.5}, {"12,345,678", 12345678}, {"1234", 1234}, {"-1,000", -1000},
        {"1.5e3", 1500}, {" 7 ", 7}, {"999", 999}, {"0.25", 0.25}};
    static const char *const bad[] = {"12,34", "1,2345", ",123", "abc", "", "inf", "1,234.5,6",
                                      "1234,567", "1e", "1,,234"};
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        double v = 0;
        assert_true(tc_csv_number(good[i].s, &v));
        assert_double_rel(v, good[i].v, 0);
    }
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        double v;
        if (tc_csv_number(bad[i], &v))
            fail_msg("\"%s\" read as %g", bad[i], v);
    }
}

static void csv_reader_quotes_and_lines(void **state)
{
    (void)state;
    const char text[] = "\xef\xbb\xbf" "a,\"b,\"\"c\"\"\",\r\n\r\n\"multi\nline\",x\n";
    tc_csv c;
    tc_diags d;
    tc_diags_init(&d);
    assert_int_equal(tc_csv_read("t.csv", text, sizeof text - 1, &c, &d), TC_OK);
    assert_int_equal(c.n, 2);
    assert_int_equal(c.rows[0].n, 3);
    assert_string_equal(c.rows[0].f[1].text, "b,\"c\"");
    assert_int_equal(c.rows[0].f[1].col, 3);
    assert_string_equal(c.rows[0].f[2].text, "");
    assert_int_equal(c.rows[1].line, 3);
    assert_string_equal(c.rows[1].f[0].text, "multi\nline");
    assert_int_equal(c.rows[1].f[1].line, 4);
    tc_csv_free(&c);
    tc_csv_free(NULL);
    tc_diags_free(&d);
}

static void format_names_and_keys(void **state)
{
    (void)state;
    assert_int_equal(tc_import_format_index("genai-perf-csv"), TC_IMPORT_GENAI_PERF_CSV);
    assert_int_equal(tc_import_format_index("vLLM"), -1);
    assert_null(tc_import_format_names[TC_IMPORT_COUNT]);
    size_t n = 0;
    while (tc_import_keys[n])
        assert_non_null(tc_import_key_help[n++]);
    assert_int_equal(n, 5);
    tc_import_result_free(NULL);
}

/* ---- bids that import ---------------------------------------------------- */

static tc_scenario *load_ok(const char *path)
{
    tc_diags d;
    tc_diags_init(&d);
    tc_scenario *s = NULL;
    tc_status st = tc_load_scenario(path, NULL, &s, &d);
    if (st != TC_OK) {
        tc_diags_print(&d, stderr);
        fail_msg("%s: status %d", path, st);
    }
    tc_diags_free(&d);
    return s;
}

static const tc_platform *platform(const tc_scenario *s, const char *id)
{
    int i = tc_scenario_platform_index(s, id);
    assert_true(i >= 0);
    return &s->platforms[i];
}

static void bid_imports_a_vllm_sweep(void **state)
{
    (void)state;
    tc_scenario *s = load_ok("tests/data/import/imported.yaml");
    const tc_platform *p = platform(s, "h200-vllm");
    assert_int_equal(p->n_perf, 2);
    const tc_perf *e = &p->perf[0];
    assert_string_equal(e->model, "llama-3.1-70b");   /* the entry's label */
    assert_int_equal(e->evidence, TC_EVIDENCE_MEASURED);
    assert_int_equal(e->n_points, 4);
    assert_int_equal(e->n_files, 5);
    /* sorted by the glob, named relative to the bid's folder */
    assert_string_equal(e->files[0].name, "bench/h200-c1.json");
    assert_string_equal(e->files[1].name, "bench/h200-c16.json");
    point_is(e, 0, 20, 1200, 5, "record 1, line 1");
    assert_int_equal(e->points[0].interactivity.line, 12);   /* the import: key */
    assert_int_equal(e->n_dropped, 1);
    assert_string_equal(e->files[e->dropped[0].file - 1].name, "bench/h200-c32.json");
    assert_int_equal(p->perf[1].evidence, TC_EVIDENCE_VENDOR);
    assert_null(p->perf[1].import_format);
    /* the B200 entry without model/isl/osl takes the file's */
    const tc_platform *b = platform(s, "b200-ix");
    assert_string_equal(b->perf[1].model, "dsr1");
    tc_results *r = NULL;
    assert_int_equal(tc_eval(s, &r), TC_OK);
    int caveat = 0;
    for (size_t i = 0; i < r->n_warnings; i++)
        caveat += strcmp(r->warnings[i], "platform b200-ix: measured power 1.02 kW per GPU on "
                         "average (6 imported points; 1.43 J per output token), 19.6% above the "
                         "stated power_kw_per_gpu 0.85 kW; the figures use the stated power") == 0;
    /* (0.95 + 1.0 + 1.1) / 3 = 1.01667 kW, twice (two entries): +19.6% over 0.85;
     * J/token: (950/300 + 1000/1500 + 1100/2400) / 3 = 1.43 */
    assert_int_equal(caveat, 1);
    char *json = tc_results_json(r);
    assert_non_null(strstr(json, "\"file\": \"bench/h200-c32.json\""));
    assert_non_null(strstr(json, "\"record\": \"record 3, line 8\""));
    assert_non_null(strstr(json, "\"measured_kw_per_gpu\": 1.1"));
    free(json);
    tc_results_free(r);
    tc_scenario_free(s);
}

/* Every imported file's bytes enter input_sha256. */
static void imported_bytes_enter_the_hash(void **state)
{
    (void)state;
    char dir[] = "/tmp/tc_import_XXXXXX", cmd[600], path[300];
    assert_non_null(mkdtemp(dir));
    snprintf(cmd, sizeof cmd, "cp -r tests/data/import/. %s/", dir);
    assert_int_equal(system(cmd), 0);
    snprintf(path, sizeof path, "%s/imported.yaml", dir);
    tc_scenario *a = load_ok(path);
    snprintf(cmd, sizeof cmd, "printf ' ' >> %s/bids/bench/h200-c4.json", dir);
    assert_int_equal(system(cmd), 0);
    tc_scenario *b = load_ok(path);
    assert_string_not_equal(a->input_sha256, b->input_sha256);
    /* the points are the same: only the bytes differ */
    assert_double_rel(b->platforms[1].perf[0].points[2].interactivity.value, 62.5, 0);
    tc_scenario_free(a);
    tc_scenario_free(b);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    assert_int_equal(system(cmd), 0);
}

/* The bid-side errors, each exactly, in a bid written here. */
static void bid_import_errors(void **state)
{
    (void)state;
    static const struct { const char *entry, *msg; } cases[] = {
        {"{model: m, isl: 1, osl: 1, import: {format: vllm, files: [h.json], gpus: 8}, "
         "points: [{interactivity: 1, throughput: 1}]}",
         "b.yaml:3:20: platforms[x].performance[0]: \"import\" and \"points\" cannot both be "
         "given (expected one of them)"},
        {"{model: m, isl: 1, osl: 1, import: {files: [h.json]}}",
         "b.yaml:3:55: platforms[x].performance[0].import: missing required key \"format\""},
        {"{model: m, isl: 1, osl: 1, import: {format: vlm, files: [h.json]}}",
         "b.yaml:3:64: platforms[x].performance[0].import.format: invalid value \"vlm\" (expected "
         "one of: inferencex, inferencex-csv, vllm, sglang, aiperf, genai-perf, genai-perf-csv, "
         "mlperf, llmperf)"},
        {"{model: m, isl: 1, osl: 1, import: {format: vllm, files: [nope-*.json]}}",
         "b.yaml:3:78: platforms[x].performance[0].import.files[0]: no file matches \"nope-*.json\""},
        {"{model: m, isl: 1, osl: 1, import: {format: vllm, files: [h.json], prefill_gpus: 8}}",
         "b.yaml:3:55: platforms[x].performance[0].import: prefill_gpus and decode_gpus go "
         "together (a disaggregated run has both)"},
        {"{model: m, isl: 1, osl: 1, import: {format: vllm, files: [], gpus: 8}}",
         "b.yaml:3:77: platforms[x].performance[0].import.files: expected at least one file"},
        {"{import: {format: sglang, files: [a.jsonl, b.jsonl], gpus: 2}}",
         "b.yaml:3:29: platforms[x].performance[0].import: the files hold 2 workloads (m isl 1024 "
         "osl 1024; m isl 2048 osl 256): give model, isl and osl, or one entry per workload"},
    };
    char dir[] = "/tmp/tc_import_XXXXXX", cmd[600], path[300];
    assert_non_null(mkdtemp(dir));
    snprintf(cmd, sizeof cmd, "cp " DIR "h200-c1.json %s/h.json && cp " DIR "sglang-disagg.jsonl "
             "%s/a.jsonl && sed 's/^{/{\"model_id\": \"m\", /' " DIR "sglang-old.jsonl > %s/b.jsonl "
             "&& sed -i 's/^{/{\"model_id\": \"m\", /' %s/a.jsonl", dir, dir, dir, dir);
    assert_int_equal(system(cmd), 0);
    snprintf(path, sizeof path, "%s/b.yaml", dir);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        FILE *f = fopen(path, "w");
        assert_non_null(f);
        fprintf(f, "platforms:\n  - {id: x, power_kw_per_gpu: 1, pricing: {cloud: {gpu_hour: 1}},\n"
                "     performance: [%s]}\n", cases[i].entry);
        fclose(f);
        tc_diags d;
        tc_diags_init(&d);
        assert_int_equal(tc_check_file(path, &d), TC_ERR_INVALID);
        char got[1200];
        const char *file = strrchr(d.items[0].file, '/') + 1;
        snprintf(got, sizeof got, "%s:%d:%d: %s: %s", file, d.items[0].line, d.items[0].col,
                 d.items[0].path, d.items[0].message);
        assert_string_equal(got, cases[i].msg);
        tc_diags_free(&d);
    }
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    assert_int_equal(system(cmd), 0);
}


/* ---- edges, each from a small file written here -------------------------- */

static char tmpdir[] = "/tmp/tc_import_edges_XXXXXX";

static int make_tmpdir(void **state)
{
    (void)state;
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int remove_tmpdir(void **state)
{
    (void)state;
    char cmd[200];
    snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

/* Writes text to tmpdir/name; returns the path (static storage, 8 in turn). */
static const char *put_file(const char *name, const char *text)
{
    static char paths[8][300];
    static int next;
    char *p = paths[next++ % 8];
    snprintf(p, 300, "%s/%s", tmpdir, name);
    FILE *f = fopen(p, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    return p;
}

static void expect_in(tc_import_format f, const char *name, const char *text,
                      const tc_import_opts *o, const char *msg)
{
    const char *path = put_file(name, text);
    char want[800];
    snprintf(want, sizeof want, "%s%s", path, msg);
    expect_error(f, path, o, TC_ERR_INVALID, want);
}

/* A short row (no split columns), flags written 0 / FALSE / 1: (5, 200)
 * split 2 + 6, (10, 100), (20, 50), none dominated. */
static void csv_rows_short_and_flags(void **state)
{
    (void)state;
    const char *f = put_file("ix.csv",
        "hardware,model,isl,osl,median_intvty,output_tput_per_gpu,disagg,num_prefill_gpu,num_decode_gpu,avg_power_w\n"
        "h,m,1024,1024,10,100,0\n"
        "h,m,1024,1024,20,50,FALSE\n"
        "h,m,1024,1024,5,200,1,2,6\n");
    tc_import_result r = read_ok(TC_IMPORT_INFERENCEX_CSV, &f, 1, NULL);
    const tc_perf *e = &r.entries[0];
    assert_int_equal(e->n_points, 3);
    point_is(e, 0, 5, 200, 1, "line 4");
    assert_int_equal(e->points[0].decode_gpus, 6);
    point_is(e, 1, 10, 100, 1, "line 2");
    point_is(e, 2, 20, 50, 1, "line 3");
    assert_int_equal(e->n_dropped, 0);
    tc_import_result_free(&r);
    tc_import_opts none = {0};
    expect_in(TC_IMPORT_INFERENCEX_CSV, "flag.csv",
              "model,isl,osl,median_intvty,output_tput_per_gpu,disagg\nm,1,1,10,100,maybe\n", &none,
              ":2:14: disagg: \"maybe\" is not true or false");
    expect_in(TC_IMPORT_INFERENCEX_CSV, "num.csv",
              "model,isl,osl,median_intvty,output_tput_per_gpu\nm,1,1,abc,100\n", &none,
              ":2:7: median_intvty: \"abc\" is not a number");
    expect_in(TC_IMPORT_INFERENCEX_CSV, "name.csv",
              "model,isl,osl,median_intvty,output_tput_per_gpu\n\"a\tb\",1,1,10,100\n", &none,
              ":2:1: model: expected a name, got an empty text or one with control characters");
    expect_in(TC_IMPORT_INFERENCEX_CSV, "len.csv",
              "model,isl,osl,median_intvty,output_tput_per_gpu\nm,0,1,10,100\n", &none,
              ":2:3: isl: 0 is not a number of tokens (expected 1 to 100000000)");
}

static void genai_csv_edges(void **state)
{
    (void)state;
    tc_import_opts o = {.gpus = 1, .isl = 1, .osl = 1, .model = "m"};
    /* "Inter Token Latency Extra" is another metric: not taken for ITL */
    expect_in(TC_IMPORT_GENAI_PERF_CSV, "g1.csv",
              "Metric,avg,p50\nInter Token LatencyX (ms),1,2\n\nMetric,Value\n"
              "Output Token Throughput (tokens/sec),10\n", &o,
              ":1:1: inter_token_latency.p50: missing field \"inter_token_latency.p50\" "
              "(genai-perf-csv files have it)");
    expect_in(TC_IMPORT_GENAI_PERF_CSV, "g2.csv",
              "Metric,avg,p50\nInter Token Latency (ms),1,x\n\nMetric,Value\n"
              "Output Token Throughput (tokens/sec),10\n", &o,
              ":2:28: inter_token_latency.p50: \"x\" is not a number");
    /* a metric row before any header row is not read */
    expect_in(TC_IMPORT_GENAI_PERF_CSV, "g3.csv",
              "Output Token Throughput (tokens/sec),10\nMetric,avg,p50\n"
              "Inter Token Latency (ms),1,2\n", &o,
              ":1:1: output_token_throughput.avg: missing field \"output_token_throughput.avg\" "
              "(genai-perf-csv files have it)");
}

static void json_edges(void **state)
{
    (void)state;
    tc_import_opts o = {.gpus = 1, .isl = 1, .osl = 1, .model = "m"};
    expect_in(TC_IMPORT_VLLM, "dup.json", "{\"a\": 1, \"a\": 2}\n", &o,
              ":1:12: invalid json: duplicate object key near '\"a\"'");
    expect_in(TC_IMPORT_SGLANG, "l2.jsonl", "{\"output_throughput\": 1, \"median_tpot_ms\": 1}\n"
              "{\"output_throughput\": 1,, \"median_tpot_ms\": 1}\n", &o,
              ":2:25: invalid json: string or '}' expected near ','");
    expect_in(TC_IMPORT_VLLM, "null.json", "{\"output_throughput\": null, \"median_tpot_ms\": 1}\n",
              &o, ":1:23: output_throughput: expected a number, got null");
    expect_in(TC_IMPORT_VLLM, "tiny.json", "{\"output_throughput\": 1, \"median_tpot_ms\": 1e-320}\n",
              &o, ":1:44: median_tpot_ms: 9.999888672e-321 is not a latency (expected a number > 0)");
    expect_in(TC_IMPORT_AIPERF, "flat.json", "{\"output_token_throughput\": 5,\n"
              " \"inter_token_latency\": {\"p50\": 20}}\n", &o,
              ":1:1: output_token_throughput.avg: missing field \"output_token_throughput.avg\" "
              "(aiperf files have it)");
    expect_in(TC_IMPORT_AIPERF, "names.json", "{\"output_token_throughput\": {\"avg\": 5},\n"
              " \"inter_token_latency\": {\"p50\": 20},\n"
              " \"input_config\": {\"endpoint\": {\"model_names\": [7]}}}\n", &o,
              ":3:47: input_config.endpoint.model_names: expected a name, got a number");
    expect_in(TC_IMPORT_INFERENCEX, "empty-name.json", "[{\"model\": \"\", \"median_intvty\": 1,"
              " \"output_tput_per_gpu\": 1}]\n", &o,
              ":1:12: model: expected a name, got an empty text or one with control characters");
    expect_in(TC_IMPORT_INFERENCEX, "array-obj.json", "[{\"median_intvty\": 1,"
              " \"output_tput_per_gpu\": 1, \"isl\": 1, \"osl\": 1},\n \"x\"]\n", &o,
              ":2:2: expected an object of results, got a string");
    /* an empty model_names list is no model: the label applies */
    const char *f = put_file("nonames.json", "{\"output_token_throughput\": {\"avg\": 40},\n"
                             " \"inter_token_latency\": {\"p50\": 20},\n"
                             " \"input_config\": {\"endpoint\": {\"model_names\": []}}}\n");
    tc_import_result r = read_ok(TC_IMPORT_AIPERF, &f, 1, &o);
    point_is(&r.entries[0], 0, 50, 40, 1, "record 1, line 1");
    assert_string_equal(r.entries[0].model, "m");
    tc_import_result_free(&r);
}

/* Each format's missing and wrong fields; the scanner finds a field past
 * strings with escaped quotes, nested lists and objects. */
static void format_edges(void **state)
{
    (void)state;
    tc_import_opts o = {.gpus = 2, .isl = 1, .osl = 1, .model = "m"};
    tc_import_opts no_gpus = {.isl = 1, .osl = 1};
    static const struct { tc_import_format f; const char *name, *text, *msg; int gpus; } cases[] = {
        {TC_IMPORT_VLLM, "scan.json", "{\"backend\": \"a \\\"quoted\\\" name\", \"ignored\": [1, "
         "{\"x\": [true, null]}, \"s\"], \"n\": -1.5e3,\n \"output_throughput\": 400, "
         "\"median_tpot_ms\": false}\n",
         ":2:46: median_tpot_ms: expected a number, got a boolean", 1},
        {TC_IMPORT_VLLM, "notpot.json", "{\"output_throughput\": 1}\n",
         ":1:1: median_tpot_ms: missing field \"median_tpot_ms\" (vllm files have it)", 1},
        {TC_IMPORT_INFERENCEX, "obj.json", "[{\"median_intvty\": {}, \"output_tput_per_gpu\": 1}]\n",
         ":1:20: median_intvty: expected a number, got an object", 1},
        {TC_IMPORT_INFERENCEX, "arr.json", "[{\"median_intvty\": 1, \"output_tput_per_gpu\": 1, "
         "\"disagg\": [1]}]\n", ":1:59: disagg: expected true or false, got an array", 1},
        {TC_IMPORT_INFERENCEX, "negi.json", "{\"median_intvty\": -1, \"output_tput_per_gpu\": 1}\n",
         ":1:19: median_intvty: -1 is not an interactivity (expected tokens/s per user > 0)", 1},
        {TC_IMPORT_AIPERF, "noitl.json", "{\"output_token_throughput\": {\"avg\": 1}}\n",
         ":1:1: inter_token_latency.p50: missing field \"inter_token_latency.p50\" (aiperf files "
         "have it)", 1},
        {TC_IMPORT_LLMPERF, "nollm.json", "{\"results_mean_output_throughput_token_per_s\": 1}\n",
         ":1:1: results_inter_token_latency_s_quantiles_p50: missing field "
         "\"results_inter_token_latency_s_quantiles_p50\" (llmperf files have it)", 1},
        {TC_IMPORT_MLPERF, "nomodel.csv", "Scenario,Result\nServer,10\n",
         ":2:1: Model: missing field \"Model\" (mlperf files have it)", 1},
        {TC_IMPORT_MLPERF, "bigg.csv", "Model,Scenario,Result,accelerators_per_node\n"
         "llama2-70b,Server,10,200000\n", ":2:22: accelerators_per_node: 200000 is not a number of "
         "GPUs (expected an integer in 1..100000)", 1},
        {TC_IMPORT_MLPERF, "nogpus.csv", "Model,Scenario,Result\nllama2-70b,Server,10\n",
         ":2:1: the number of GPUs is not recorded in mlperf files (give --gpus N on the command "
         "line, or import: {gpus: N} in the bid)", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        expect_in(cases[i].f, cases[i].name, cases[i].text, cases[i].gpus ? &o : &no_gpus,
                  cases[i].msg);
    /* "llama2-70bx" is not llama2-70b: no point, a note; JSON values one after another */
    const char *f = put_file("prefix.csv", "Model,Scenario,Result\nllama2-70bx,Server,10\n"
                             "llama2-70b,Server,10\n");
    tc_import_result r = read_ok(TC_IMPORT_MLPERF, &f, 1, &o);
    assert_int_equal(r.entries[0].n_points, 1);
    point_is(&r.entries[0], 0, 5, 5, 1, "line 3");
    tc_import_result_free(&r);
    f = put_file("mixed.json", "[{\"median_intvty\": 1, \"output_tput_per_gpu\": 1}]\n"
                 "{\"median_intvty\": 2, \"output_tput_per_gpu\": 0.5, \"joules_per_output_token\": "
                 "2.5, \"avg_power_w\": 500}\n");
    r = read_ok(TC_IMPORT_INFERENCEX, &f, 1, &o);
    point_is(&r.entries[0], 1, 2, 0.5, 1, "record 2, line 2");
    /* the recorded energy per token wins over 500 W / 0.5 tokens/s = 1000 J */
    assert_double_rel(r.entries[0].points[1].joules_per_token, 2.5, REL);
    assert_double_rel(r.entries[0].points[1].kw_per_gpu, 0.5, REL);
    tc_import_result_free(&r);
}

/* Labels that differ from the files, fractional lengths, more notes than
 * the first allocation holds. */
static void labels_and_notes(void **state)
{
    (void)state;
    const char *f = put_file("two.jsonl",
        "{\"model_id\": \"a\", \"random_input_len\": 10, \"random_output_len\": 5,"
        " \"output_throughput\": 100, \"median_itl_ms\": 10}\n"
        "{\"model_id\": \"b\", \"random_input_len\": 10, \"random_output_len\": 5,"
        " \"output_throughput\": 50, \"median_itl_ms\": 20}\n");
    tc_import_opts o = {.gpus = 2, .model = "m", .isl = 20, .osl = 6};
    tc_import_result r = read_ok(TC_IMPORT_SGLANG, &f, 1, &o);
    const tc_perf *e = &r.entries[0];
    /* 1000/10 = 100, 100/2 = 50; 1000/20 = 50, 50/2 = 25 (dominated: 50 <= 100, 25 <= 50) */
    assert_int_equal(e->n_points, 1);
    point_is(e, 0, 100, 50, 1, "record 1, line 1");
    assert_int_equal(e->n_dropped, 1);
    assert_int_equal(e->n_notes, 5);
    assert_string_equal(e->notes[1], "the files record model \"a\", labelled \"m\"");
    assert_string_equal(e->notes[2], "the files record isl 10, labelled 20");
    assert_string_equal(e->notes[3], "the files record osl 5, labelled 6");
    assert_string_equal(e->notes[4], "the files record model \"b\", labelled \"m\"");
    tc_import_result_free(&r);
    const char *g = put_file("frac.json", "{\"model\": \"x\", \"mean_input_tokens\": 2000.4,"
                             " \"mean_output_tokens\": 499.5,"
                             " \"results_mean_output_throughput_token_per_s\": 80,"
                             " \"results_inter_token_latency_s_quantiles_p50\": 0.05}\n");
    tc_import_opts h = {.gpus = 8};
    r = read_ok(TC_IMPORT_LLMPERF, &g, 1, &h);
    assert_double_rel(r.entries[0].isl, 2000, 0);
    assert_double_rel(r.entries[0].osl, 500, 0);
    assert_string_equal(r.entries[0].notes[1], "the files record isl 2000.4, rounded to 2000 tokens");
    /* 1 / 0.05 s = 20 tokens/s per user; 80 / 8 = 10 */
    point_is(&r.entries[0], 0, 20, 10, 1, "record 1, line 1");
    tc_import_result_free(&r);
}

/* Equal interactivity with less throughput, and less interactivity with
 * equal throughput, are both dominated by (10, 100); (20, 10) stays. */
static void frontier_ties(void **state)
{
    (void)state;
    const char *f = put_file("ties.jsonl",
        "{\"output_throughput\": 100, \"median_tpot_ms\": 100}\n"
        "{\"output_throughput\": 80, \"median_tpot_ms\": 100}\n"
        "{\"output_throughput\": 100, \"median_tpot_ms\": 200}\n"
        "{\"output_throughput\": 10, \"median_tpot_ms\": 50}\n");
    tc_import_opts o = {.gpus = 1, .model = "m", .isl = 1, .osl = 1};
    tc_import_result r = read_ok(TC_IMPORT_SGLANG, &f, 1, &o);
    const tc_perf *e = &r.entries[0];
    assert_int_equal(e->n_points, 2);
    point_is(e, 0, 10, 100, 1, "record 1, line 1");
    point_is(e, 1, 20, 10, 1, "record 4, line 4");
    assert_int_equal(e->n_dropped, 2);
    assert_string_equal(e->dropped[0].record, "record 2, line 2");
    assert_double_rel(e->dropped[1].interactivity, 5, REL);
    tc_import_result_free(&r);
}

/* The power caveat only beyond 10%, and below as well as above. */
static void power_caveat_both_ways(void **state)
{
    (void)state;
    static const struct { const char *set, *want; } cases[] = {
        {"platforms[b200-ix].power_kw_per_gpu=1.0", NULL},
        {"platforms[b200-ix].power_kw_per_gpu=1.2", "platform b200-ix: measured power 1.02 kW per "
         "GPU on average (6 imported points; 1.43 J per output token), 15.3% below the stated "
         "power_kw_per_gpu 1.2 kW; the figures use the stated power"},
    };
    /* --set reaches the scenario's own platforms: the bid is inline here */
    char cmd[600];
    snprintf(cmd, sizeof cmd, "cp tests/data/import/bids/bench/b200-inferencex.json %s/ix.json",
             tmpdir);
    assert_int_equal(system(cmd), 0);
    const char *path = put_file("power.yaml", "scenario: {title: t}\ndemand: {tokens_per_day: 1e9}\n"
             "workloads: [{id: w, model: dsr1, isl: 1024, osl: 1024, share: 1}]\n"
             "platforms:\n  - id: b200-ix\n    power_kw_per_gpu: 0.85\n"
             "    pricing: {cloud: {gpu_hour: 3.4}}\n    performance:\n"
             "      - import: {format: inferencex, files: [ix.json]}\n"
             "      - {model: x, isl: 1024, osl: 1024, import: {format: inferencex, files: [ix.json]}}\n");
    for (size_t i = 0; i < 2; i++) {
        const char *sets[] = {cases[i].set};
        tc_load_opts lo = {sets, 1};
        tc_diags d;
        tc_diags_init(&d);
        tc_scenario *s = NULL;
        assert_int_equal(tc_load_scenario(path, &lo, &s, &d), TC_OK);
        tc_results *r = NULL;
        assert_int_equal(tc_eval(s, &r), TC_OK);
        int found = 0, power = 0;
        for (size_t k = 0; k < r->n_warnings; k++) {
            power += strstr(r->warnings[k], "measured power") != NULL;
            found += cases[i].want && strcmp(r->warnings[k], cases[i].want) == 0;
        }
        assert_int_equal(power, cases[i].want ? 1 : 0);
        assert_int_equal(found, cases[i].want ? 1 : 0);
        tc_results_free(r);
        tc_scenario_free(s);
        tc_diags_free(&d);
    }
}

/* Nine files (more than the first allocation), an absolute pattern, and a
 * hand-typed entry beside the imported one in results.json. */
static void bid_with_many_files(void **state)
{
    (void)state;
    char cmd[1200], bid[1000];
    snprintf(cmd, sizeof cmd, "mkdir -p %s/many && for i in 1 2 3 4 5 6 7 8 9; do "
             "sed \"s/\\\"output_throughput\\\": 400/\\\"output_throughput\\\": $((400 + i))/\" "
             DIR "h200-c1.json > %s/many/r$i.json; done", tmpdir, tmpdir);
    assert_int_equal(system(cmd), 0);
    snprintf(bid, sizeof bid,
             "scenario: {title: t}\ndemand: {tokens_per_day: 1e9}\n"
             "workloads: [{id: w, model: m, isl: 1, osl: 1, share: 1}]\n"
             "platforms:\n  - id: p\n    power_kw_per_gpu: 1\n    pricing: {cloud: {gpu_hour: 1}}\n"
             "    performance:\n"
             "      - {model: m, isl: 1, osl: 1, import: {format: vllm, files: [many/r*.json, %s/many/r1.json], gpus: 1}}\n"
             "      - {model: other, isl: 1, osl: 1, basis: total, throughput: 900}\n", tmpdir);
    const char *path = put_file("many.yaml", bid);
    tc_scenario *s = load_ok(path);
    const tc_perf *e = &s->platforms[0].perf[0];
    assert_int_equal(e->n_files, 10);
    assert_string_equal(e->files[0].name, "many/r1.json");
    char abs[400];
    snprintf(abs, sizeof abs, "%s/many/r1.json", tmpdir);
    assert_string_equal(e->files[9].name, abs);
    /* all at 1000/12.5 = 80: r9 (409 tokens/s) dominates the other eight and the repeat */
    assert_int_equal(e->n_points, 1);
    point_is(e, 0, 80, 409, 9, "record 1, line 1");
    assert_int_equal(e->n_dropped, 9);
    tc_results *r = NULL;
    assert_int_equal(tc_eval(s, &r), TC_OK);
    char *json = tc_results_json(r);
    assert_non_null(strstr(json, "\"basis\": \"total\""));
    assert_non_null(strstr(json, "\"import\": null"));
    free(json);
    tc_results_free(r);
    tc_scenario_free(s);
}

static void bid_gpus_conflict(void **state)
{
    (void)state;
    const char *path = put_file("gpus.yaml", "platforms:\n  - {id: x, power_kw_per_gpu: 1, "
                                "pricing: {cloud: {gpu_hour: 1}}, performance: [{model: m, isl: 1, "
                                "osl: 1, import: {format: vllm, files: [x.json], gpus: 8, "
                                "prefill_gpus: 1, decode_gpus: 1}}]}\n");
    tc_diags d;
    tc_diags_init(&d);
    assert_int_equal(tc_check_file(path, &d), TC_ERR_INVALID);
    assert_string_equal(d.items[0].message, "gpus and prefill_gpus/decode_gpus cannot both be "
                        "given (expected one of them)");
    tc_diags_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(vllm_sweep_keeps_the_frontier),
        cmocka_unit_test(equal_points_keep_the_first),
        cmocka_unit_test(sglang_disaggregated_over_all_gpus),
        cmocka_unit_test(sglang_falls_back_to_itl_with_a_note),
        cmocka_unit_test(aiperf_and_genai_perf),
        cmocka_unit_test(llmperf_in_seconds),
        cmocka_unit_test(mlperf_points_at_the_tpot_bounds),
        cmocka_unit_test(inferencex_rows_with_power),
        cmocka_unit_test(one_entry_per_workload),
        cmocka_unit_test(broken_files_are_located),
        cmocka_unit_test(missing_labels_say_which_flag),
        cmocka_unit_test(csv_numbers_with_thousands),
        cmocka_unit_test(csv_reader_quotes_and_lines),
        cmocka_unit_test(format_names_and_keys),
        cmocka_unit_test(bid_imports_a_vllm_sweep),
        cmocka_unit_test(imported_bytes_enter_the_hash),
        cmocka_unit_test(bid_import_errors),
        cmocka_unit_test(csv_rows_short_and_flags),
        cmocka_unit_test(genai_csv_edges),
        cmocka_unit_test(json_edges),
        cmocka_unit_test(format_edges),
        cmocka_unit_test(labels_and_notes),
        cmocka_unit_test(frontier_ties),
        cmocka_unit_test(power_caveat_both_ways),
        cmocka_unit_test(bid_with_many_files),
        cmocka_unit_test(bid_gpus_conflict),
    };
    return cmocka_run_group_tests(tests, make_tmpdir, remove_tmpdir);
}
