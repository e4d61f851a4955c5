/* Scoring metrics: the results figures a criterion or requirement may name,
 * and the METHOD.md rule for which direction is better. */
#include <math.h>
#include <stddef.h>
#include <string.h>
#include "tc_analysis.h"

typedef struct {
    const char *name;
    size_t offset;
} metric_field;

#define PF(f) {#f, offsetof(tc_platform_result, f)}
static const metric_field platform_fields[] = {
    PF(cost_per_gpu_hour), PF(energy_per_gpu_hour), PF(facility_per_gpu_hour),
    PF(capital_per_gpu_hour), PF(pflops_per_dollar_hour), PF(tokens_per_s_per_gpu),
    PF(tokens_per_s_per_mw), PF(cost_per_m_tokens), PF(tco_nominal), PF(tco_npv),
    PF(npv_tokens), PF(levelized_cost_per_m_tokens), PF(pnl_total), PF(revenue_npv),
    PF(margin_total), PF(payback_years), PF(peak_facility_mw),
    PF(site_max_tokens_per_day),
    {"lcot", offsetof(tc_platform_result, levelized_cost_per_m_tokens)},
};
#undef PF

#define YF(f) {#f, offsetof(tc_year, f)}
static const metric_field year_fields[] = {
    YF(nodes), YF(gpus), YF(nodes_installed), YF(gpus_installed), YF(nodes_bought),
    YF(capex), YF(rent), YF(api), YF(energy), YF(facility), YF(maintenance),
    YF(software), YF(other), YF(opex), YF(credit), YF(cash), YF(depreciation),
    YF(pnl_cost), YF(revenue), YF(gross_margin), YF(facility_mw),
};
#undef YF

static const metric_field *find(const metric_field *t, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(t[i].name, name) == 0)
            return &t[i];
    return NULL;
}

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

double tc_scoring_metric(const tc_results *r, size_t i, const char *metric,
                         int worst_is_max, int *known)
{
    const tc_platform_result *p = &r->platforms[i];
    const size_t np = sizeof platform_fields / sizeof *platform_fields;
    const size_t ny = sizeof year_fields / sizeof *year_fields;
    const metric_field *f = find(platform_fields, np, metric);
    *known = 1;
    if (f)
        return *(const double *)((const char *)p + f->offset);
    f = find(year_fields, ny, metric);
    if (f)
        return worst_year(p, r->scenario->horizon_years, f->offset, worst_is_max);
    *known = 0;
    return NAN;
}

/* A quantity *per* something costly (tokens_per_s_per_mw) is a yield, so
 * only the part before the first "_per_" is searched for cost words. */
int tc_scoring_lower_is_better(const char *metric)
{
    static const char *const costly[] = {
        "cost", "tco", "lcot", "levelized", "capex", "opex", "mw", "payback",
    };
    const char *per = strstr(metric, "_per_");
    size_t len = per ? (size_t)(per - metric) : strlen(metric);
    for (size_t k = 0; k < sizeof costly / sizeof *costly; k++) {
        size_t kl = strlen(costly[k]);
        for (size_t j = 0; j + kl <= len; j++)
            if (strncmp(metric + j, costly[k], kl) == 0)
                return 1;
    }
    return 0;
}
