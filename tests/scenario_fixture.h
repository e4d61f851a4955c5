/* Scenarios built in C, for the tests that bypass the loader (tc_eval, the
 * workbook): a fixture holds a scenario and the arrays it points at, filled
 * with SCENARIO.md's defaults by scenario_defaults; each test adds its
 * workloads and platforms and overrides what it exercises. */
#ifndef TC_SCENARIO_FIXTURE_H
#define TC_SCENARIO_FIXTURE_H

#include <string.h>

#include "tc_results.h"

/* A value written in the file (line 7 stands for where: the workbook shows it). */
static inline tc_num given(double v)
{
    return (tc_num){ .value = v, .given = 1, .line = 7 };
}

/* A default: not written in the file. */
static inline tc_num dflt(double v)
{
    return (tc_num){ .value = v };
}

typedef struct {
    tc_scenario s;
    tc_workload w[3];
    tc_platform p[6];
    tc_perf perf[6][2];
    tc_point pts[6][2][4];
    tc_claim claims[6][4];
} fixture;

/* SCENARIO.md defaults; tokens_per_day 1e9; no site, no token price. */
static inline void scenario_defaults(fixture *f)
{
    memset(f, 0, sizeof *f);
    tc_scenario *s = &f->s;
    strcpy(s->currency, "USD");
    s->title = "test";
    s->horizon_years = 5;
    s->discount_rate = dflt(0.08);
    s->utilization = dflt(0.70);
    s->price_per_kwh = dflt(0.10);
    s->escalation = dflt(0);
    s->pue = dflt(1.3);
    s->facility_per_kw_month = dflt(0);
    s->tokens_per_day = given(1e9);
    s->growth = dflt(0);
    s->workloads = f->w;
    s->platforms = f->p;
}

static inline tc_workload *add_workload(fixture *f, char *id, char *model, double isl,
                                        double osl, double share)
{
    tc_workload *w = &f->w[f->s.n_workloads++];
    *w = (tc_workload){ .id = id, .name = id, .model = model, .isl = isl, .osl = osl,
                        .share = given(share) };
    return w;
}

/* 8 GPUs of 1 kW per node, drawing full power when idle, no uplift. */
static inline tc_platform *add_platform(fixture *f, char *id, tc_pricing_kind kind)
{
    size_t i = f->s.n_platforms++;
    tc_platform *p = &f->p[i];
    *p = (tc_platform){ .id = id, .name = id, .gpus_per_node = 8,
                        .power_kw_per_gpu = given(1.0), .idle_power_fraction = dflt(1.0),
                        .software_uplift = dflt(0), .perf = f->perf[i], .claims = f->claims[i] };
    p->pricing.kind = kind;
    p->pricing.includes_power = 1;
    p->pricing.amortization_years = 4;
    return p;
}

/* One more performance entry of platform i; xs NULL: the one-point form. */
static inline tc_perf *add_perf(fixture *f, size_t i, char *model, double isl, double osl,
                                tc_basis basis, const double *xs, const double *ys, size_t n)
{
    tc_platform *p = &f->p[i];
    tc_perf *e = &f->perf[i][p->n_perf];
    *e = (tc_perf){ .model = model, .isl = isl, .osl = osl, .basis = basis,
                    .points = f->pts[i][p->n_perf], .n_points = n,
                    .has_interactivity = xs != NULL };
    for (size_t j = 0; j < n; j++)
        e->points[j] = (tc_point){ .interactivity = xs ? given(xs[j]) : dflt(0),
                                   .throughput = given(ys[j]) };
    p->n_perf++;
    return e;
}

/* One throughput without interactivity, output basis. */
static inline void single(fixture *f, size_t i, char *model, double isl, double osl,
                          double tput)
{
    add_perf(f, i, model, isl, osl, TC_BASIS_OUTPUT, NULL, &tput, 1);
}

static inline void add_claim(fixture *f, size_t i, tc_claim_metric m, double v, double quantum)
{
    tc_platform *p = &f->p[i];
    p->claims[p->n_claims++] = (tc_claim){ .metric = m, .value = v, .quantum = quantum };
}

#endif
