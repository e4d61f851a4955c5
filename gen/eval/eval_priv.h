/* Internal steps of tc_eval (gen/eval*.c), in the order tc_eval runs them.
 * Each fills part of one tc_platform_result; none allocates or does I/O. */
#ifndef TC_EVAL_PRIV_H
#define TC_EVAL_PRIV_H

#include "tc_results.h"

/* Throughput of p at the SLO of w, on the scenario's token basis (eval_tput.c). */
void tc_eval_throughput(const tc_scenario *s, const tc_platform *p,
                        const tc_workload *w, tc_wl_result *out);

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

#endif
