/* Finance analytics over an evaluated scenario (METHOD.md "Analysis"):
 * sensitivity (tornado), break-even, Monte Carlo and RFP scoring. Pure: no
 * I/O, no third-party header; every analysis re-evaluates modified copies of
 * the scenario on tc_plan, the lean path of tc_eval's formulas (the same
 * doubles), so every figure comes from the one set of formulas.
 *
 * Reproducibility (for the README): the Monte Carlo generator is xoshiro256**
 * 1.0 (Blackman and Vigna), its 256-bit state filled by four successive
 * outputs of SplitMix64 started at the scenario's `seed`. A uniform draw is
 * the top 53 bits of one output times 2^-53, in [0, 1). Normal draws use the
 * Marsaglia polar method (both normals of a pair are used, in order); its
 * logarithm, and the exponential of lognormal
 * draws, are computed here from +, -, *, / and sqrt only (all correctly
 * rounded by IEEE 754), so the same seed gives the same draws on every
 * machine whatever its libm. Quantiles are Hyndman-Fan type 7 (linear
 * interpolation between order statistics, R's default), found by selection
 * rather than a full sort, or, above 2 million platform-draws, from two
 * passes of the same draws in bounded memory (analysis_mc_stream.c). */
#ifndef TC_ANALYSIS_H
#define TC_ANALYSIS_H

#include <stddef.h>
#include <stdint.h>
#include "tc_diag.h"
#include "tc_inputs.h"
#include "tc_model.h"
#include "tc_results.h"
#include "tc_status.h"

/* Runs what s->analysis asks for on r (the result of tc_eval(s)): fills
 * r->sensitivity (analysis.sensitivity), r->break_even (always, when at
 * least two platforms cover the mix), r->monte_carlo (analysis.monte_carlo,
 * only when some input is a distribution; otherwise a warning and no
 * section), r->scoring (analysis.scoring) and r->robustness (always, when
 * a runner-up exists). On error r's analysis
 * sections are freed and the error is one diagnostic in d: located
 * (FILE:LINE:COLUMN: key.path: message) when it is in the scenario, e.g. a
 * scoring criterion that does not apply to a bid; otherwise at line 0 (the
 * scenario file, no place in it: out of memory, say). */
tc_status tc_analyze(const tc_scenario *s, tc_results *r, tc_diags *d);

/* The post-evaluation check, run on every evaluation a command shows
 * (before tc_analyze): TC_OK when every figure of r = tc_eval(s) that
 * applies is finite (tc_results_nonfinite); otherwise TC_ERR_INVALID and
 * one diagnostic in d naming the input that caused it, located where it
 * was written (FILE:LINE:COLUMN: key: message; --set:N:COLUMN for a
 * what-if), found by resetting inputs to typical values on a copy. The
 * inputs' ranges make this unreachable but for a cost of exactly 0 under
 * a division; it is the net under the proof (gen/core/inputs.c). */
tc_status tc_check_finite(const tc_scenario *s, const tc_results *r, tc_diags *d);
/* r's analysis sections are freed by tc_results_clear_analysis and the
 * section free functions of tc_results.h. */

/* ---- scenario copies ----------------------------------------------------
 * A copy that shares every string, claim and the analysis arrays with s but
 * owns its platforms, their perf entries and points, and its workloads: the
 * parts the analyses change (tc_num fields are plain values). keep lists
 * the platform indices to keep, in order (NULL: all); the copy's baseline
 * is its first platform when s's baseline is not kept. Its analysis flags
 * are cleared. Free it with tc_analysis_copy_free, never tc_scenario_free.
 * NULL when out of memory. */
tc_scenario *tc_analysis_copy(const tc_scenario *s, const size_t *keep, size_t n_keep);
void tc_analysis_copy_free(tc_scenario *c);   /* accepts NULL */

/* ---- levers (analysis_levers.c) ----------------------------------------
 * The inputs sensitivity and robustness vary, from the inputs table of a
 * scenario copy: each non-structural input that can move an LCOT
 * (tc_input_info.decides), and per bid one curve lever, a factor on every
 * throughput point. */
typedef struct {
    size_t item;            /* index into the table (a curve: its first point) */
    tc_input_kind kind;
    int platform;           /* index into the copy's platforms, -1: scenario input */
    int curve;              /* 1: every throughput point of the bid, by a factor */
    double point;           /* the point estimate (a curve: factor 1) */
} tc_lever;

typedef struct {
    tc_scenario *copy;      /* tc_analysis_copy(s, keep, n_keep): the levers act on it */
    tc_inputs *inputs;      /* the table over copy */
    double *orig;           /* each item's value at the point estimate */
    tc_lever *levers;
    size_t n;
} tc_lever_set;

tc_lever_set *tc_levers_new(const tc_scenario *s, const size_t *keep, size_t n_keep);
void tc_levers_free(tc_lever_set *ls);   /* accepts NULL */
/* Sets lever l of ls->copy to x; x == l->point restores the point estimate exactly. */
void tc_lever_set_value(tc_lever_set *ls, const tc_lever *l, double x);
/* The lever's --set key, malloc'd (a curve: platforms[ID].performance[*].points[*].throughput). */
char *tc_lever_key(const tc_lever_set *ls, const tc_lever *l);
const char *tc_lever_label(const tc_lever *l);   /* static */

/* ---- robustness (analysis_robust.c) ------------------------------------ */
/* For every lever over the covered bids: the nearest value within its valid
 * range at which the winner changes (r->decision), or a hold. *out NULL
 * (and TC_OK) without a runner-up. */
tc_status tc_robustness_run(const tc_scenario *s, const tc_results *r,
                            tc_robustness **out, char *err, size_t n);

/* ---- generator --------------------------------------------------------- */
typedef struct {
    uint64_t s[4];      /* xoshiro256** state */
    double spare;       /* the polar method's second normal, when has_spare */
    int has_spare;
} tc_rng;

uint64_t tc_rng_splitmix64(uint64_t *state);  /* advances state, one output */
void tc_rng_seed(tc_rng *g, uint64_t seed);   /* via SplitMix64 */
uint64_t tc_rng_next(tc_rng *g);              /* xoshiro256** */
double tc_rng_uniform(tc_rng *g);             /* [0, 1), 53 bits */
double tc_rng_normal(tc_rng *g);              /* standard normal, polar method */
/* The libm-free natural logarithm (x > 0) and exponential used by the draws
 * (relative error below 1e-15). */
double tc_rng_log(double x);
double tc_rng_exp(double x);

/* One draw of x's distribution (TC_DIST_NONE: x->value), inside [lo, hi]
 * when that range is set (lo < hi): a normal is truncated by rejection (at
 * most 64 tries, then the last draw is clamped); the others are clamped.
 * Lognormal: mu = ln(median), sigma = ln(p90 / median) / z(0.9). */
double tc_dist_draw(const tc_num *x, tc_rng *g);

/* ---- quantiles --------------------------------------------------------- */
/* Type 7 quantile of v[0..n-1] (finite values, p in [0, 1]): with
 * h = (n - 1) p, x(floor h) + (h - floor h) (x(floor h + 1) - x(floor h)),
 * x(k) the k-th smallest from 0. Reorders v; NAN when n is 0. */
double tc_quantile(double *v, size_t n, double p);
/* P5, P50, P95 and mean of the finite values of v (reordered: the finite
 * ones first); all NAN when none is finite. Returns the finite count. */
size_t tc_quantiles_summary(double *v, size_t n, tc_quantiles *q);

/* ---- the analyses, one by one (tc_analyze calls them) -------------------- */
tc_status tc_sensitivity_run(const tc_scenario *s, const tc_results *r,
                             tc_sensitivity **out, char *err, size_t n);

tc_status tc_break_even_run(const tc_scenario *s, const tc_results *r,
                            tc_break_even **out, size_t *n_out, char *err, size_t n);

/* Monte Carlo over the scenario's distribution inputs; *out NULL (and TC_OK)
 * when no input is a distribution. */
tc_status tc_monte_carlo_run(const tc_scenario *s, tc_monte_carlo **out, char *err, size_t n);
/* The same on `lanes` threads (1: the calling thread only), every draw kept
 * (stream 0) or two passes of draws in memory bounded by the answer
 * (stream 1; -1: above 2 million platform-draws). The figures depend on
 * neither. tc_monte_carlo_run: two lanes from 20,000 platform-draws, -1. */
tc_status tc_monte_carlo_run_lanes(const tc_scenario *s, int lanes, int stream,
                                   tc_monte_carlo **out, char *err, size_t n);

/* The value of results metric m for platform i: a figure of
 * tc_platform_result, or a yearly one of tc_year taken over the horizon's
 * worst year (the largest when worst_is_max, else the smallest). NAN when it
 * does not apply, and for TC_METRIC_MEETS_SLO (coverage, not a figure). */
double tc_scoring_metric(const tc_results *r, size_t i, tc_metric m, int worst_is_max);
/* An error of the scoring definition (a criterion that does not apply to
 * a bid, weights all 0) is recorded in d, located at the criterion. */
tc_status tc_scoring_run(const tc_scenario *s, tc_results *r,
                         tc_scoring **out, tc_diags *d);

#endif
