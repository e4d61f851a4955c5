/* The lean evaluation path for repeated evaluations (Monte Carlo,
 * sensitivity, break-even, robustness): a plan built once per scenario
 * resolves what the varying inputs cannot change (which perf entry serves
 * each workload, the bracketing points of each throughput curve, the yearly
 * factors shared by every bid), and each evaluation then computes only the
 * two figures the analyses read, per platform: the LCOT and the year-1 mix
 * cost per million tokens. No allocation and no I/O per evaluation.
 *
 * The figures are bit for bit those of tc_eval on the same values: the same
 * formulas in the same order (tests/test_eval_plan.c compares them draw by draw).
 * A plan reads the scenario's current values at each tc_plan_eval, so a
 * caller changes an input by writing its tc_num's value in place. */
#ifndef TC_PLAN_H
#define TC_PLAN_H

#include <stddef.h>
#include "tc_model.h"
#include "tc_status.h"

typedef struct tc_plan tc_plan;

/* A plan over s (not copied: s must outlive it and keep its shape). vary
 * lists the inputs whose values may change between evaluations; anything
 * not listed is taken as fixed and what depends on it only is resolved
 * now. vary NULL: every input may change (nothing value-dependent is
 * cached). TC_ERR_INVALID for a scenario tc_eval would refuse. */
tc_status tc_plan_new(const tc_scenario *s, const tc_num *const *vary, size_t n_vary,
                      tc_plan **out);
void tc_plan_free(tc_plan *p);      /* accepts NULL */

/* LCOT (lcot[i]) and year-1 mix cost per million tokens (cost[i]) of each
 * platform at s's current values, as tc_eval computes them (NAN where the
 * platform does not cover the mix). Either output may be NULL. Not
 * reentrant on one plan: one plan per thread. */
void tc_plan_eval(tc_plan *p, double *lcot, double *cost);

/* tc_plan_eval of four plans at once: p[j] built by tc_plan_new over its
 * own copy of one scenario with the same vary list, evaluated at its copy's
 * current values into lcot[j] and cost[j] (either may be NULL). The same
 * doubles as four tc_plan_eval calls: on a processor with AVX2 the four run
 * side by side, each lane the scalar path's operations in its order. */
void tc_plan_eval4(tc_plan *const p[4], double *const lcot[4], double *const cost[4]);

/* For the Monte Carlo's vector path: input in[k] of p's scenario is held,
 * draw j of four, in packed[4 k + j] at tc_plan_eval4_packed. absorbed[k]
 * gets 1 where that path reads in[k] from there only (a curve point's
 * throughput whose bracket is fixed, or the best point): the caller need
 * not write it into the copies. TC_ERR_NOMEM, or TC_OK. */
tc_status tc_plan_pack(tc_plan *p, const tc_num *const *in, size_t n, unsigned char *absorbed);

/* tc_plan_eval4 with the packed inputs of tc_plan_pack (on p[0]): 1 when
 * it wrote the figures; 0 when the lanes part ways (or the vector path is
 * off or absent), the caller then writes the absorbed inputs into the
 * copies and calls tc_plan_eval on each. */
int tc_plan_eval4_packed(tc_plan *const p[4], const double *packed, double *const lcot[4],
                         double *const cost[4]);

/* Whether tc_plan_eval4 (and the Monte Carlo's transforms) may use the
 * vector path (1, the default) or must take the plain one (0: the tests'
 * check that both give the same bits); returns the previous setting, and
 * only that for on < 0. For every thread of the process. */
int tc_plan_simd(int on);

/* The LCOT of platform i alone, the same double as tc_plan_eval's lcot[i]:
 * a bid's LCOT reads the scenario and its own inputs only, so an input of
 * one bid needs one bid evaluated (robustness over 1,000 bids). */
double tc_plan_eval_one(tc_plan *p, size_t i);

/* 0 when x (an input of the plan's scenario) cannot change either figure
 * of tc_plan_eval: a price of another pricing form (a cloud bid's capex),
 * the power inputs of a cloud price that includes power, the curves of an
 * api bid or of a model no workload runs, peak PFLOPS, the site's power
 * and the token price. 1 otherwise, and for anything it does not know.
 * The Monte Carlo still draws such an input (the stream stays the same)
 * but skips its transform. */
int tc_plan_uses(const tc_plan *p, const tc_num *x);

#endif
