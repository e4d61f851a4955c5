/* The Monte Carlo benchmark's scenario, built in C: 10 platforms (cloud,
 * owned, api in turn) x 5 workloads (every other one with an SLO)
 * x 10 years, three points per curve, distributions on the scenario's
 * discount rate, utilization, power price and growth, and on every bid's
 * prices, capex and throughputs. Shared by tests/bench/bench_analysis.c and
 * tests/test_eval_plan.c. One scenario per process (static storage). */
#ifndef TC_MC_FIXTURE_H
#define TC_MC_FIXTURE_H

#include <stdio.h>
#include <string.h>

#include "tc_model.h"

#define NP 10
#define NW 5
#define NPTS 3

static tc_workload mc_workloads[NW];
static tc_platform mc_platforms[NP];
static tc_perf mc_perf[NP][NW];
static tc_point mc_points[NP][NW][NPTS];
static char mc_ids[NP + NW][16];
static char mc_model[] = "model";

static inline tc_num mc_num(double v, double lo, double hi)
{
    return (tc_num){.value = v, .lo = lo, .hi = hi, .given = 1};
}

static inline tc_num mc_dist(tc_dist_kind k, double p1, double p2, double p3, double lo, double hi)
{
    double mode = k == TC_DIST_TRIANGULAR ? p2 : k == TC_DIST_UNIFORM ? (p1 + p2) / 2 : p1;
    return (tc_num){.value = mode, .dist = k, .p1 = p1, .p2 = p2, .p3 = p3, .lo = lo,
                    .hi = hi, .given = 1};
}

static inline void mc_build_pricing(tc_pricing *pp, int i)
{
    pp->kind = i % 3 == 0 ? TC_PRICING_CLOUD : i % 3 == 1 ? TC_PRICING_OWNED : TC_PRICING_API;
    pp->gpu_hour = mc_dist(TC_DIST_TRIANGULAR, 1.2 + 0.2 * i, 1.5 + 0.2 * i, 2.2 + 0.2 * i, 0, 1e6);
    pp->includes_power = i % 2;
    pp->annual_change = mc_num(-0.05, -1, 10);
    pp->capex_per_node = mc_dist(TC_DIST_NORMAL, 3.0e5 + 1e4 * i, 3e4, 0, 0, 1e12);
    pp->network_capex_per_node = mc_num(2e4, 0, 1e12);
    pp->amortization_years = 4;
    pp->residual_value = mc_num(0.1, 0, 1);
    pp->maintenance_rate = mc_num(0.05, 0, 1);
    pp->software_per_gpu_year = mc_num(2000, 0, 1e9);
    pp->input_per_m = mc_dist(TC_DIST_UNIFORM, 0.4, 0.6, 0, 0, 1e6);
    pp->output_per_m = mc_dist(TC_DIST_LOGNORMAL, 2.0, 2.6, 0, 0, 1e6);
    pp->other_per_year = mc_num(1e5, 0, 1e12);
    pp->one_time = mc_num(5e5, 0, 1e12);
}

static inline void mc_build_platform(int i)
{
    tc_platform *p = &mc_platforms[i];
    snprintf(mc_ids[i], sizeof mc_ids[0], "p%d", i);
    *p = (tc_platform){.id = mc_ids[i], .name = mc_ids[i], .gpus_per_node = 8,
                       .peak_pflops = mc_num(4 + i, 0, 1e6),
                       .power_kw_per_gpu = mc_num(1.2 + 0.1 * i, 0, 100),
                       .idle_power_fraction = mc_num(0.4, 0, 1),
                       .software_uplift = mc_num(0.05, 0, 10), .perf = mc_perf[i], .n_perf = NW};
    mc_build_pricing(&p->pricing, i);
    for (int k = 0; k < NW; k++) {
        mc_perf[i][k] = (tc_perf){.model = mc_model, .isl = mc_workloads[k].isl, .osl = 1024,
                               .points = mc_points[i][k], .n_points = NPTS,
                               .has_interactivity = 1};
        for (int j = 0; j < NPTS; j++) {
            double t = 500.0 * (j + 1) * (i + 1);
            mc_points[i][k][j] = (tc_point){.interactivity = mc_num(150.0 / (j + 1), 0, 1e6),
                                         .throughput = mc_dist(TC_DIST_UNIFORM, 0.8 * t, 1.2 * t,
                                                            0, 0, 1e9)};
        }
    }
}

static inline void mc_build(tc_scenario *s)
{
    memset(s, 0, sizeof *s);
    for (int i = 0; i < NW; i++) {
        snprintf(mc_ids[NP + i], sizeof mc_ids[0], "w%d", i);
        mc_workloads[i] = (tc_workload){.id = mc_ids[NP + i], .name = mc_ids[NP + i], .model = mc_model,
                                     .isl = 512.0 * (i + 1), .osl = 1024,
                                     .share = mc_num(1.0 / NW, 0, 1)};
        if (i % 2)
            mc_workloads[i].min_interactivity = mc_num(20 + 10 * i, 0, 1e6);
    }
    for (int i = 0; i < NP; i++)
        mc_build_platform(i);
    strcpy(s->currency, "USD");
    s->horizon_years = 10;
    s->discount_rate = mc_dist(TC_DIST_TRIANGULAR, 0.06, 0.08, 0.12, 0, 1);
    s->utilization = mc_dist(TC_DIST_NORMAL, 0.7, 0.1, 0, 0, 1);
    s->price_per_kwh = mc_dist(TC_DIST_LOGNORMAL, 0.08, 0.11, 0, 0, 100);
    s->escalation = mc_num(0.03, -1, 1);
    s->pue = mc_num(1.3, 1, 10);
    s->facility_per_kw_month = mc_num(150, 0, 1e6);
    s->tokens_per_day = mc_num(5e10, 0, 1e18);
    s->growth = mc_dist(TC_DIST_UNIFORM, 0.2, 0.5, 0, -1, 10);
    s->workloads = mc_workloads;
    s->n_workloads = NW;
    s->platforms = mc_platforms;
    s->n_platforms = NP;
    s->analysis = (tc_analysis){.has_monte_carlo = 1, .samples = 100000, .seed = 42};
}

#endif
