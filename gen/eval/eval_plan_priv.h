/* The lean path's plan (eval_plan.c), shared with its four-draw form
 * (eval_plan4.c), which runs the same expressions on four draws at once. */
#ifndef TC_EVAL_PLAN_PRIV_H
#define TC_EVAL_PLAN_PRIV_H

#include "eval_priv.h"
#include "tc_plan.h"

enum { MAX_YEARS = 64 };    /* tc_eval_usable's bound on the horizon */

typedef struct {
    int perf;               /* entry index, -1: not covered */
    int fixed;              /* bracket (or best point) resolved at build */
    int at_max;             /* not fixed and no SLO: resolve's best point */
    tc_tput_how how;        /* when fixed: FLAT, INTERP, MAX, NONE (above) */
    size_t lo, hi;
    const int *slot;        /* tc_plan_pack: per point, its throughput's packed
                             * slot, -1 none; NULL before */
} plan_wl;

struct tc_plan {
    const tc_scenario *s;
    plan_wl *wl;            /* [platform * n_workloads + workload] */
    int years_fixed;        /* demand, discounting and power price do not vary */
    double demand[MAX_YEARS], tokens[MAX_YEARS], power_price[MAX_YEARS];
    double demand_s[MAX_YEARS]; /* demand / 86400: nodes_needed's first quotient */
    double df_start[MAX_YEARS], df_end[MAX_YEARS];
    double npv_tokens;
    /* the last pow(1 + r, life) taken: bids of one life share it per draw */
    double pow_base, pow_value;
    int pow_life, pow_known;
    int *slots;             /* the block plan_wl.slot points into */
};

/* Demand, tokens delivered, power price and discount factors of each year,
 * as eval_fleet.c's running products, and sum tokens_y df_end_y. */
void tc_plan_shared_years(tc_plan *p);

/* Throughput per GPU of one workload on the scenario basis (eval_tput.c);
 * 0 when not covered. */
int tc_plan_throughput(const tc_plan *p, const tc_platform *pl, const tc_workload *w,
                       const plan_wl *q, double *t);

/* pow(base, life), again only when base or life changed since the last
 * call (pow is a function: the same arguments give the same double). */
double tc_plan_life_pow(tc_plan *p, double base, int life);

#endif
