/* The scenario model's own functions: freeing, lookups, claim names. */
#include "tc_model.h"

#include <stdlib.h>
#include <string.h>

const char *const tc_evidence_names[TC_EVIDENCE_COUNT + 1] = {
    "measured", "vendor", "estimated", "illustrative", NULL};

const char *const tc_claim_metric_names[TC_CLAIM_METRIC_COUNT] = {
    [TC_CLAIM_COST_PER_M_TOKENS] = "cost_per_m_tokens",
    [TC_CLAIM_TOKENS_PER_S_PER_MW] = "tokens_per_s_per_mw",
    [TC_CLAIM_TOKENS_PER_S_PER_GPU] = "tokens_per_s_per_gpu",
    [TC_CLAIM_COST_PER_GPU_HOUR] = "cost_per_gpu_hour",
    [TC_CLAIM_PFLOPS_PER_DOLLAR_HOUR] = "pflops_per_dollar_hour",
    [TC_CLAIM_LCOT] = "levelized_cost_per_m_tokens",
};

static void platform_free(tc_platform *p)
{
    free(p->id);
    free(p->name);
    free(p->vendor);
    free(p->source);
    free(p->file);
    for (size_t i = 0; i < p->n_perf; i++) {
        free(p->perf[i].model);
        free(p->perf[i].config);
        free(p->perf[i].source);
        free(p->perf[i].points);
    }
    free(p->perf);
    free(p->claims);
}

static void analysis_free(tc_analysis *a)
{
    for (size_t i = 0; i < a->n_criteria; i++)
        free(a->criteria[i].metric);
    free(a->criteria);
    for (size_t i = 0; i < a->n_requirements; i++)
        free(a->requirements[i].metric);
    free(a->requirements);
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
    analysis_free(&s->analysis);
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
