/* The scenario model's own functions: the vocabularies, freeing, lookups. */
#include "tc_model.h"

#include <stdlib.h>
#include <string.h>

const char *const tc_evidence_names[TC_EVIDENCE_COUNT + 1] = {
    "measured", "vendor", "estimated", "illustrative", NULL};

/* Labels are the ones the report shows (claims table: label; scoring
 * column heads: short_label). */
const tc_term tc_metric_terms[TC_METRIC_COUNT] = {
    [TC_METRIC_COST_PER_M_TOKENS] = {"cost_per_m_tokens", "Cost per million tokens",
                                     "Cost per M tokens", "CUR/M tokens", TC_BETTER_LOWER},
    [TC_METRIC_TOKENS_PER_S_PER_MW] = {"tokens_per_s_per_mw", "Tokens/s per MW",
                                       "Tokens/s per MW", "tokens/s/MW", TC_BETTER_HIGHER},
    [TC_METRIC_TOKENS_PER_S_PER_GPU] = {"tokens_per_s_per_gpu", "Tokens/s per GPU",
                                        "Tokens/s per GPU", "tokens/s/GPU", TC_BETTER_HIGHER},
    [TC_METRIC_COST_PER_GPU_HOUR] = {"cost_per_gpu_hour", "Cost per GPU-hour",
                                     "Cost per GPU-hour", "CUR/GPU-hour", TC_BETTER_LOWER},
    [TC_METRIC_PFLOPS_PER_DOLLAR_HOUR] = {"pflops_per_dollar_hour", "PFLOPS per dollar-hour",
                                          "PFLOPS per $-hour", "PFLOPS/(CUR/h)", TC_BETTER_HIGHER},
    [TC_METRIC_LCOT] = {"levelized_cost_per_m_tokens", "LCOT per million tokens",
                        "LCOT per M tokens", "CUR/M tokens", TC_BETTER_LOWER},
    [TC_METRIC_TCO_NPV] = {"tco_npv", "TCO, present value", "TCO, present value", "CUR",
                           TC_BETTER_LOWER},
    [TC_METRIC_TCO_NOMINAL] = {"tco_nominal", "TCO, nominal", "TCO, nominal", "CUR",
                               TC_BETTER_LOWER},
    [TC_METRIC_FACILITY_MW] = {"facility_mw", "Facility MW", "Facility MW", "MW",
                               TC_BETTER_LOWER},
    [TC_METRIC_MEETS_SLO] = {"meets_slo", "Meets every SLO", "Meets SLO", NULL,
                             TC_BETTER_DEFAULT},
};

const tc_term tc_basis_terms[TC_BASIS_COUNT] = {
    [TC_BASIS_OUTPUT] = {"output", "output", "output", "tokens", TC_BETTER_DEFAULT},
    [TC_BASIS_TOTAL] = {"total", "input and output", "input + output", "tokens",
                        TC_BETTER_DEFAULT},
};

const tc_term tc_pricing_terms[TC_PRICING_COUNT] = {
    [TC_PRICING_CLOUD] = {"cloud", "Cloud GPU-hours", "Cloud", NULL, TC_BETTER_DEFAULT},
    [TC_PRICING_OWNED] = {"owned", "Owned nodes", "Owned", NULL, TC_BETTER_DEFAULT},
    [TC_PRICING_API] = {"api", "API tokens", "API", NULL, TC_BETTER_DEFAULT},
};

const tc_term tc_chart_terms[TC_CHART_KIND_COUNT] = {
    [TC_CHART_COST_PER_M] = {"cost_per_m_tokens", "Cost per million tokens", "Cost per M",
                             NULL, TC_BETTER_DEFAULT},
    [TC_CHART_TOKENS_PER_MW] = {"tokens_per_s_per_mw", "Tokens/s per MW", "Tokens/s per MW",
                                NULL, TC_BETTER_DEFAULT},
    [TC_CHART_ICEBERG] = {"flops_vs_cost_advantage", "FLOPS per dollar against cost per token",
                          "FLOPS vs cost", NULL, TC_BETTER_DEFAULT},
    [TC_CHART_CURVES] = {"throughput_vs_interactivity", "Throughput against interactivity",
                         "Curves", NULL, TC_BETTER_DEFAULT},
    [TC_CHART_TCO_STACK] = {"tco_by_year", "TCO by year", "TCO by year", NULL,
                            TC_BETTER_DEFAULT},
    [TC_CHART_CUMULATIVE] = {"cumulative_cost", "Cumulative cost", "Cumulative cost", NULL,
                             TC_BETTER_DEFAULT},
    [TC_CHART_SITE_POWER] = {"site_power", "Site power by year", "Site power", NULL,
                             TC_BETTER_DEFAULT},
    [TC_CHART_TORNADO] = {"tornado", "Sensitivity of LCOT", "Sensitivity", NULL,
                          TC_BETTER_DEFAULT},
    [TC_CHART_MONTE_CARLO] = {"monte_carlo", "LCOT distribution", "Monte Carlo", NULL,
                              TC_BETTER_DEFAULT},
};

const tc_term tc_format_terms[TC_FORMAT_COUNT] = {
    [TC_FORMAT_PDF] = {"pdf", "PDF board report", "PDF", NULL, TC_BETTER_DEFAULT},
    [TC_FORMAT_XLSX] = {"xlsx", "XLSX workbook", "XLSX", NULL, TC_BETTER_DEFAULT},
    [TC_FORMAT_PNG] = {"png", "PNG charts", "PNG", NULL, TC_BETTER_DEFAULT},
    [TC_FORMAT_SVG] = {"svg", "SVG charts", "SVG", NULL, TC_BETTER_DEFAULT},
    [TC_FORMAT_JSON] = {"json", "results.json", "JSON", NULL, TC_BETTER_DEFAULT},
};

int tc_term_find(const tc_term *t, size_t n, const char *text, size_t len)
{
    for (size_t i = 0; text && i < n; i++)
        if (strlen(t[i].name) == len && memcmp(t[i].name, text, len) == 0)
            return (int)i;
    return -1;
}

void tc_perf_free(tc_perf *e)
{
    if (!e)
        return;
    free(e->model);
    free(e->config);
    free(e->source);
    free(e->points);
    free(e->import_format);
    for (size_t i = 0; i < e->n_files; i++)
        free(e->files[i].name);
    free(e->files);
    free(e->dropped);
    for (size_t i = 0; i < e->n_notes; i++)
        free(e->notes[i]);
    free(e->notes);
}

static void platform_free(tc_platform *p)
{
    free(p->id);
    free(p->name);
    free(p->vendor);
    free(p->source);
    free(p->file);
    for (size_t i = 0; i < p->n_perf; i++)
        tc_perf_free(&p->perf[i]);
    free(p->perf);
    free(p->claims);
}


void tc_scenario_free(tc_scenario *s)
{
    if (!s)
        return;
    free(s->title);
    free(s->subtitle);
    free(s->prepared_for);
    free(s->prepared_by);
    free(s->date);
    free(s->baseline);
    for (size_t i = 0; i < s->n_workloads; i++) {
        free(s->workloads[i].id);
        free(s->workloads[i].name);
        free(s->workloads[i].model);
    }
    free(s->workloads);
    for (size_t i = 0; i < s->n_platforms; i++)
        platform_free(&s->platforms[i]);
    free(s->platforms);
    free(s->analysis.criteria);
    free(s->analysis.requirements);
    free(s->file);
    for (size_t i = 0; i < s->n_overrides; i++)
        free(s->overrides[i]);
    free(s->overrides);
    free(s);
}

int tc_scenario_platform_index(const tc_scenario *s, const char *id)
{
    if (!s || !id)
        return -1;
    for (size_t i = 0; i < s->n_platforms; i++)
        if (s->platforms[i].id && strcmp(s->platforms[i].id, id) == 0)
            return (int)i;
    return -1;
}
