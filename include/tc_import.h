/* Performance from benchmark artifacts (issue 16): the result files of
 * InferenceX, vLLM, SGLang, AIPerf, genai-perf, MLPerf and LLMPerf read into
 * performance entries with the file, SHA-256 and record of every point.
 * Part of the loader; `tokcost import` and the bid key `import:` use it. */
#ifndef TC_IMPORT_H
#define TC_IMPORT_H

#include <stddef.h>
#include "tc_diag.h"
#include "tc_model.h"
#include "tc_status.h"

typedef enum {
    TC_IMPORT_INFERENCEX = 0,   /* per-run result rows (JSON object or array) */
    TC_IMPORT_INFERENCEX_CSV,   /* the dashboard's CSV export */
    TC_IMPORT_VLLM,             /* vllm bench serve --save-result */
    TC_IMPORT_SGLANG,           /* sglang.bench_serving --output-file (JSON lines) */
    TC_IMPORT_AIPERF,           /* profile_export_aiperf.json */
    TC_IMPORT_GENAI_PERF,       /* profile_export_genai_perf.json */
    TC_IMPORT_GENAI_PERF_CSV,   /* profile_export_genai_perf.csv */
    TC_IMPORT_MLPERF,           /* MLPerf Inference results summary CSV */
    TC_IMPORT_LLMPERF,          /* LLMPerf *_summary.json */
    TC_IMPORT_COUNT
} tc_import_format;

/* Names of the formats ("inferencex", ...), NULL-terminated. */
extern const char *const tc_import_format_names[TC_IMPORT_COUNT + 1];

/* The keys of a performance entry's `import:` mapping, NULL-terminated, and
 * what each holds (for templates and messages). */
extern const char *const tc_import_keys[];
extern const char *const tc_import_key_help[];

/* What labels the points; 0 / NULL: taken from the files. */
typedef struct {
    int gpus;                   /* GPUs of the run (aggregated serving) */
    int prefill_gpus, decode_gpus;  /* a disaggregated run: both, instead of gpus */
    const char *model;
    double isl, osl;
} tc_import_opts;

/* The entries read: one per distinct model / isl / osl, each reduced to
 * its Pareto frontier, with basis output and evidence measured. */
typedef struct {
    tc_perf *entries;
    size_t n_entries;
} tc_import_result;

/* Reads the files paths[0..n) of format fmt. names: how outputs name each
 * file (NULL: the path). sha (a struct sha256_ctx *, may be NULL) is fed
 * every file's bytes in order. Errors go to d, located in the files. */
tc_status tc_import_read(tc_import_format fmt, const char *const *paths,
                         const char *const *names, size_t n, const tc_import_opts *o,
                         void *sha, tc_import_result *out, tc_diags *d);
void tc_import_result_free(tc_import_result *r);   /* accepts NULL */

/* Index of a format name, or -1. */
int tc_import_format_index(const char *name);

#endif
