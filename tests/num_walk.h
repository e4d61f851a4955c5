/* The tc_num inputs of a scenario in the Monte Carlo's documented draw
 * order (the head of gen/analysis/analysis_mc.c), written out here rather
 * than taken from the engine, so that the tests check its order instead of
 * reusing it. For test_analysis_mc and test_eval_plan. */
#ifndef TC_TEST_NUM_WALK_H
#define TC_TEST_NUM_WALK_H

#include <stddef.h>
#include "tc_model.h"

static void walk_add(tc_num **v, size_t cap, size_t *n, tc_num *x, int dist_only)
{
    if (dist_only && x->dist == TC_DIST_NONE)
        return;
    if (*n < cap)
        v[*n] = x;
    (*n)++;
}

/* Every input (dist_only: the distributions) into v; the count, which may
 * pass cap (only cap are written: the caller asserts). */
static size_t walk_nums(tc_scenario *c, tc_num **v, size_t cap, int dist_only)
{
    size_t n = 0;
    tc_num *top[] = {&c->discount_rate, &c->utilization, &c->price_per_kwh, &c->escalation,
                     &c->pue, &c->facility_per_kw_month, &c->site_power_mw,
                     &c->token_price_per_m, &c->tokens_per_day, &c->growth};
    for (size_t i = 0; i < sizeof top / sizeof *top; i++)
        walk_add(v, cap, &n, top[i], dist_only);
    for (size_t i = 0; i < c->n_workloads; i++) {
        walk_add(v, cap, &n, &c->workloads[i].share, dist_only);
        walk_add(v, cap, &n, &c->workloads[i].min_interactivity, dist_only);
    }
    for (size_t i = 0; i < c->n_platforms; i++) {
        tc_platform *p = &c->platforms[i];
        tc_pricing *pr = &p->pricing;
        tc_num *f[] = {&p->peak_pflops, &p->power_kw_per_gpu, &p->idle_power_fraction,
                       &p->software_uplift, &pr->gpu_hour, &pr->annual_change,
                       &pr->capex_per_node, &pr->network_capex_per_node, &pr->residual_value,
                       &pr->maintenance_rate, &pr->software_per_gpu_year, &pr->input_per_m,
                       &pr->output_per_m, &pr->other_per_year, &pr->one_time};
        for (size_t k = 0; k < sizeof f / sizeof *f; k++)
            walk_add(v, cap, &n, f[k], dist_only);
        for (size_t k = 0; k < p->n_perf; k++)
            for (size_t j = 0; j < p->perf[k].n_points; j++) {
                walk_add(v, cap, &n, &p->perf[k].points[j].interactivity, dist_only);
                walk_add(v, cap, &n, &p->perf[k].points[j].throughput, dist_only);
            }
    }
    return n;
}

#endif
