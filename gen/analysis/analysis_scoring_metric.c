/* Scoring metrics: where each tc_metric is found in the results. */
#include <math.h>
#include <stddef.h>
#include "tc_analysis.h"

/* Offset of the figure in tc_platform_result, or (yearly) in tc_year. */
static const struct {
    size_t offset;
    int yearly;
} fields[TC_METRIC_COUNT] = {
    [TC_METRIC_COST_PER_M_TOKENS] = {offsetof(tc_platform_result, cost_per_m_tokens), 0},
    [TC_METRIC_TOKENS_PER_S_PER_MW] = {offsetof(tc_platform_result, tokens_per_s_per_mw), 0},
    [TC_METRIC_TOKENS_PER_S_PER_GPU] = {offsetof(tc_platform_result, tokens_per_s_per_gpu), 0},
    [TC_METRIC_COST_PER_GPU_HOUR] = {offsetof(tc_platform_result, cost_per_gpu_hour), 0},
    [TC_METRIC_PFLOPS_PER_DOLLAR_HOUR] = {offsetof(tc_platform_result, pflops_per_dollar_hour), 0},
    [TC_METRIC_LCOT] = {offsetof(tc_platform_result, levelized_cost_per_m_tokens), 0},
    [TC_METRIC_TCO_NPV] = {offsetof(tc_platform_result, tco_npv), 0},
    [TC_METRIC_TCO_NOMINAL] = {offsetof(tc_platform_result, tco_nominal), 0},
    [TC_METRIC_FACILITY_MW] = {offsetof(tc_year, facility_mw), 1},
};

/* The worst year of a yearly figure; NAN when no year has a value. */
static double worst_year(const tc_platform_result *p, int years, size_t off, int worst_is_max)
{
    double w = NAN;
    for (int y = 0; p->years && y < years; y++) {
        double v = *(const double *)((const char *)&p->years[y] + off);
        if (!isnan(v) && (isnan(w) || (worst_is_max ? v > w : v < w)))
            w = v;
    }
    return w;
}

double tc_scoring_metric(const tc_results *r, size_t i, tc_metric m, int worst_is_max)
{
    const tc_platform_result *p = &r->platforms[i];
    if ((unsigned)m >= TC_METRIC_MEETS_SLO)
        return NAN;     /* meets_slo is coverage, not a figure */
    if (fields[m].yearly)
        return worst_year(p, r->scenario->horizon_years, fields[m].offset, worst_is_max);
    return *(const double *)((const char *)p + fields[m].offset);
}
