/* Each format's record into a point, by the format's own field names and
 * units (README "Importing benchmark results" states every conversion). */
#include "import_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static imp_rec rec_of(const imp_row *r)
{
    imp_rec e = {0};
    e.file = r->x->file;
    e.line = r->line;
    e.col = r->col;
    memcpy(e.record, r->record, sizeof e.record);
    return e;
}

/* A latency in the format's unit (ms per 1000, s per 1) as tokens/s per user. */
static int per_user(const imp_row *r, const char *key, double v, double per_s, double *out)
{
    if (!(v > 0) || !isfinite(per_s / v)) {
        imp_bad(r, key, "%.10g is not a latency (expected a number > 0)", v);
        return 0;
    }
    *out = per_s / v;
    return 1;
}

static int positive(const imp_row *r, const char *key, double v)
{
    if (v > 0)
        return 1;
    imp_bad(r, key, "%.10g is not a throughput (expected a number > 0)", v);
    return 0;
}

/* An interactivity as recorded (InferenceX): tokens/s per user. */
static int rate(const imp_row *r, const char *key, double v)
{
    if (v > 0)
        return 1;
    imp_bad(r, key, "%.10g is not an interactivity (expected tokens/s per user > 0)", v);
    return 0;
}

/* A count of GPUs: an integer in 1..100000. */
static int gpu_count(const imp_row *r, const char *key, int need, int *out)
{
    double v;
    int rc = need ? imp_need(r, key, &v) : imp_opt(r, key, &v);
    if (rc != 1)
        return rc == 0 && !need;
    if (v < 1 || v > 100000 || v != floor(v)) {
        imp_bad(r, key, "%.10g is not a number of GPUs (expected an integer in 1..100000)", v);
        return 0;
    }
    *out = (int)v;
    return 1;
}

/* A nominal length in tokens, where the file records one. */
static void length(const imp_row *r, const char *key, double *out)
{
    double v;
    if (imp_opt(r, key, &v) != 1)
        return;
    if (v < 1 || v > 1e8)
        imp_bad(r, key, "%.10g is not a number of tokens (expected 1 to 100000000)", v);
    else
        *out = v;
}

static void lengths(const imp_row *r, imp_rec *e, const char *isl, const char *osl)
{
    length(r, isl, &e->isl);
    length(r, osl, &e->osl);
}

static void push(const imp_row *r, imp_rec *e, int ok)
{
    if (ok)
        imp_push(r->x, e);
    else
        free(e->model);
}

/* InferenceX: fields of the row, or of its `metrics` object (database rows). */
static int ix_num(const imp_row *r, const char *key, double *v, int need)
{
    char nested[80];
    int rc = imp_opt(r, key, v);
    if (rc == 0) {
        snprintf(nested, sizeof nested, "metrics.%s", key);
        rc = imp_opt(r, nested, v);
    }
    if (rc == 0 && need)
        imp_need(r, key, v);
    return rc;
}

static int ix_disagg(const imp_row *r, imp_rec *e)
{
    int on = 0;
    if (r->flag(r, "disagg", &on) < 0)
        return 0;
    if (!on)
        return 1;
    int ok = gpu_count(r, "num_prefill_gpu", 1, &e->prefill_gpus);
    ok &= gpu_count(r, "num_decode_gpu", 1, &e->decode_gpus);
    return ok;
}

static void conv_inferencex(const imp_row *r)
{
    imp_rec e = rec_of(r);
    double w;
    int ok = ix_num(r, "median_intvty", &e.interactivity, 1) == 1
             && rate(r, "median_intvty", e.interactivity);
    ok &= ix_num(r, "output_tput_per_gpu", &e.output_tps, 1) == 1
          && positive(r, "output_tput_per_gpu", e.output_tps);
    e.per_gpu = 1;
    ok &= r->text(r, "model", &e.model) >= 0;
    lengths(r, &e, "isl", "osl");
    ok &= ix_disagg(r, &e);
    int rc = ix_num(r, "avg_power_w", &w, 0);
    if (rc == 1 && !(w > 0)) {
        imp_bad(r, "avg_power_w", "%.10g is not a power (expected watts > 0)", w);
        ok = 0;
    } else if (rc == 1 && ok) {
        /* W per GPU over output tokens/s per GPU: joules per output token */
        e.kw_per_gpu = w / 1000;
        e.joules_per_token = w / e.output_tps;
    }
    double j;
    if (ix_num(r, "joules_per_output_token", &j, 0) == 1 && j > 0)
        e.joules_per_token = j;
    push(r, &e, ok && rc >= 0);
}

/* vLLM and SGLang: TPOT, else ITL (older SGLang files), in ms. */
static void conv_serving(const imp_row *r)
{
    imp_rec e = rec_of(r);
    double ms;
    int ok = imp_need(r, "output_throughput", &e.output_tps) == 1
             && positive(r, "output_throughput", e.output_tps);
    const char *key = "median_tpot_ms";
    int rc = imp_opt(r, key, &ms);
    if (rc == 0 && imp_opt(r, "median_itl_ms", &ms) == 1) {
        key = "median_itl_ms";
        rc = 1;
        imp_note(r->x, "interactivity from median_itl_ms (the file has no median_tpot_ms)");
    } else if (rc == 0) {
        imp_need(r, key, &ms);
    }
    ok &= rc == 1 && per_user(r, key, ms, 1000, &e.interactivity);
    ok &= r->text(r, "model_id", &e.model) >= 0;
    if (r->x->fmt == TC_IMPORT_SGLANG)
        lengths(r, &e, "random_input_len", "random_output_len");
    push(r, &e, ok);
}

/* AIPerf and genai-perf: stats blocks; ITL p50 in ms (no TPOT field). */
static void conv_aiperf(const imp_row *r)
{
    imp_rec e = rec_of(r);
    double ms;
    int ok = imp_need(r, "output_token_throughput.avg", &e.output_tps) == 1
             && positive(r, "output_token_throughput.avg", e.output_tps);
    ok &= imp_need(r, "inter_token_latency.p50", &ms) == 1
          && per_user(r, "inter_token_latency.p50", ms, 1000, &e.interactivity);
    imp_note(r->x, "interactivity from inter_token_latency p50 (the format has no TPOT)");
    const char *model = r->x->fmt == TC_IMPORT_AIPERF ? "input_config.endpoint.model_names"
                                                      : "input_config.model";
    ok &= r->text(r, model, &e.model) >= 0;
    push(r, &e, ok);
}

/* LLMPerf: seconds. */
static void conv_llmperf(const imp_row *r)
{
    imp_rec e = rec_of(r);
    double s;
    const char *tk = "results_mean_output_throughput_token_per_s";
    const char *lk = "results_inter_token_latency_s_quantiles_p50";
    int ok = imp_need(r, tk, &e.output_tps) == 1 && positive(r, tk, e.output_tps);
    ok &= imp_need(r, lk, &s) == 1 && per_user(r, lk, s, 1, &e.interactivity);
    imp_note(r->x, "interactivity from %s (the format has no TPOT)", lk);
    ok &= r->text(r, "model", &e.model) >= 0;
    lengths(r, &e, "mean_input_tokens", "mean_output_tokens");
    push(r, &e, ok);
}

/* MLPerf reports no TPOT: a Server or Interactive result meets its
 * scenario's TPOT bound (ms), so it is a point at that bound. */
static const struct {
    const char *model, *scenario;
    double tpot_ms;
} mlperf_bounds[] = {
    {"llama2-70b", "Server", 200},   {"llama2-70b", "Interactive", 40},
    {"llama3.1-405b", "Server", 175}, {"llama3.1-405b", "Interactive", 80},
    {"mixtral-8x7b", "Server", 200},
};

static double mlperf_bound(const char *model, const char *scenario)
{
    for (size_t i = 0; i < sizeof mlperf_bounds / sizeof mlperf_bounds[0]; i++) {
        size_t n = strlen(mlperf_bounds[i].model);
        /* "llama2-70b-99" and "llama2-70b-99.9" are accuracy targets of one benchmark */
        if (strncmp(model, mlperf_bounds[i].model, n) == 0 && (model[n] == '\0' || model[n] == '-')
            && strcmp(scenario, mlperf_bounds[i].scenario) == 0)
            return mlperf_bounds[i].tpot_ms;
    }
    return 0;
}

static void conv_mlperf(const imp_row *r)
{
    imp_rec e = rec_of(r);
    char *scenario = NULL;
    int ok = r->text(r, "Model", &e.model) > 0;
    ok &= r->text(r, "Scenario", &scenario) > 0;
    if (!e.model || !scenario) {
        if (!e.model)
            imp_need(r, "Model", &(double){0});
        if (!scenario)
            imp_need(r, "Scenario", &(double){0});
        ok = 0;
    }
    double bound = ok ? mlperf_bound(e.model, scenario) : 0;
    if (ok && bound == 0) {
        imp_note(r->x, "%s %s: %s %s gives no point (no TPOT bound: only Server and "
                 "Interactive results of llama2-70b, llama3.1-405b, mixtral-8x7b)",
                 r->x->name, r->record, e.model, scenario);
        ok = 0;
    }
    free(scenario);
    if (ok) {
        e.interactivity = 1000 / bound;
        ok = imp_need(r, "Result", &e.output_tps) == 1 && positive(r, "Result", e.output_tps);
        int per_node = 0, nodes = 0;
        ok &= gpu_count(r, "accelerators_per_node", 0, &per_node);
        ok &= gpu_count(r, "number_of_nodes", 0, &nodes);
        e.gpus = per_node * (nodes ? nodes : 1);
    }
    push(r, &e, ok);
}

void imp_convert(const imp_row *r)
{
    switch (r->x->fmt) {
    case TC_IMPORT_INFERENCEX:
    case TC_IMPORT_INFERENCEX_CSV: conv_inferencex(r); break;
    case TC_IMPORT_VLLM:
    case TC_IMPORT_SGLANG: conv_serving(r); break;
    case TC_IMPORT_AIPERF:
    case TC_IMPORT_GENAI_PERF:
    case TC_IMPORT_GENAI_PERF_CSV: conv_aiperf(r); break;
    case TC_IMPORT_MLPERF: conv_mlperf(r); break;
    default: conv_llmperf(r); break;
    }
}
