/* Internal steps of tc_eval (gen/eval*.c), in the order tc_eval runs them.
 * Each fills part of one tc_platform_result; none allocates or does I/O. */
#ifndef TC_EVAL_PRIV_H
#define TC_EVAL_PRIV_H

#include "tc_results.h"

/* Throughput of p at the SLO of w, on the scenario's token basis (eval_tput.c). */
void tc_eval_throughput(const tc_scenario *s, const tc_platform *p,
                        const tc_workload *w, tc_wl_result *out);

/* A point's throughput v of entry e on basis want: total = output*(isl+osl)/osl.
 * Inline, with tc_eval_max_point and tc_eval_interp: the lean path
 * (eval_plan.c) calls them per evaluation. */
static inline double tc_eval_on_basis(const tc_perf *e, double v, tc_basis want)
{
    if (e->basis == want)
        return v;
    if (want == TC_BASIS_TOTAL)
        return v * (e->isl + e->osl) / e->osl;
    return v * e->osl / (e->isl + e->osl);
}

/* The perf entry of p for w's model and sequence lengths, -1 when none. */
int tc_eval_find_perf(const tc_platform *p, const tc_workload *w);

/* The point of e with the largest throughput (the first on a tie). */
static inline size_t tc_eval_max_point(const tc_perf *e)
{
    size_t best = 0;
    for (size_t j = 1; j < e->n_points; j++)
        if (e->points[j].throughput.value > e->points[best].throughput.value)
            best = j;
    return best;
}

/* The bracket of interactivity x on e's points: FLAT (x at or below the
 * smallest: *lo = *hi = that point), INTERP (nearest below and at-or-above)
 * or NONE (x above the highest measured). */
tc_tput_how tc_eval_bracket(const tc_perf *e, double x, size_t *lo, size_t *hi);

/* Linear interpolation between (x_lo, y_lo) and (x_hi, y_hi) at x. */
static inline double tc_eval_interp(double x_lo, double y_lo, double x_hi, double y_hi, double x)
{
    return y_lo + (y_hi - y_lo) * (x - x_lo) / (x_hi - x_lo);
}

/* 1 when s has what the formulas divide by or loop over (tc_eval refuses
 * the scenario otherwise). */
int tc_eval_usable(const tc_scenario *s);

/* Capital recovery factor r(1+r)^L / ((1+r)^L - 1), 1/L when r = 0. */
double tc_eval_crf(double r, int years);

/* Year-1 unit figures: cost per GPU-hour and its parts, per-workload and mix
 * cost per million tokens, mix throughput, tokens/s per MW, PFLOPS per
 * dollar-hour (eval_unit.c). Needs pr->workloads filled. */
void tc_eval_unit(const tc_scenario *s, tc_platform_result *pr);

/* Fleet and cash/P&L rows for years 1..H into pr->years (eval_fleet.c).
 * Needs the unit figures; only for a covered platform. */
void tc_eval_fleet(const tc_scenario *s, tc_platform_result *pr);

/* Horizon totals: TCO, NPV, LCOT, P&L, margin, payback, site fit
 * (eval_tco.c). Needs pr->years. */
void tc_eval_totals(const tc_scenario *s, tc_platform_result *pr);

/* Payback in years from yearly capex, opex, credit and revenue: rounded up
 * to the month; 0 when cumulative cash is never negative; NAN when it never
 * turns positive. */
double tc_eval_payback(const tc_year *years, int n);

/* Vendor claims of pr->in checked against the computed figures (eval_claims.c). */
void tc_eval_claims(tc_platform_result *pr);

/* Warnings of imported performance entries: notes, measured power that
 * differs from power_kw_per_gpu by more than 10% (eval_import.c). */
tc_status tc_eval_import_warn(tc_results *r, const tc_platform *p);

#endif
