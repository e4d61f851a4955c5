/* Break-even: the utilization (0..1] and the electricity price (0..10x the
 * scenario's) at which two platforms' year-1 cost per million tokens are
 * equal, for the best two platforms by LCOT and for the best GPU platform
 * against every api platform (build versus buy). Each point is an
 * evaluation of a two-platform copy on the lean path (tc_plan: tc_eval's
 * doubles); bisection to 1e-6 of the input. Both
 * costs are of the form a/u + b in utilization and linear in the price, so
 * their difference crosses zero at most once: a sign change over the range
 * finds it, no sign change means none. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include "tc_analysis.h"
#include "tc_plan.h"

static const double tolerance = 1e-6;
static const char *const no_crossing = "no crossing in range";

typedef struct {
    tc_plan *plan;      /* over the copy: platforms a, b */
    tc_num *x;          /* the input being moved, in the copy */
} gap_fn;

/* cost(a) - cost(b) with the input at v; NAN when either does not apply. */
static double gap(const gap_fn *g, double v)
{
    double cost[2];
    g->x->value = v;
    tc_plan_eval(g->plan, NULL, cost);
    return cost[0] - cost[1];
}

static void bisect(const gap_fn *g, double lo, double hi, tc_break_even *be)
{
    double flo = gap(g, lo), fhi = gap(g, hi);
    be->value = NAN;
    be->reason = no_crossing;
    if (!(hi > lo) || isnan(flo) || isnan(fhi))
        return;
    if (flo == 0 || fhi == 0) {
        be->value = flo == 0 ? lo : hi;
        be->reason = NULL;
        return;
    }
    if ((flo > 0) == (fhi > 0))
        return;
    while (hi - lo > tolerance) {
        double mid = lo + (hi - lo) / 2, fm = gap(g, mid);
        if ((fm > 0) == (flo > 0))
            lo = mid;
        else
            hi = mid;
    }
    be->value = lo + (hi - lo) / 2;
    be->reason = NULL;
}

/* Both inputs for the pair (a, b): two entries of out. */
static tc_status pair(const tc_scenario *s, size_t a, size_t b, tc_break_even *out)
{
    size_t keep[2] = {a, b};
    tc_scenario *c = tc_analysis_copy(s, keep, 2);
    if (!c)
        return TC_ERR_NOMEM;
    out[0] = (tc_break_even){.a = a, .b = b, .input = "utilization"};
    out[1] = (tc_break_even){.a = a, .b = b, .input = "price_per_kwh"};
    gap_fn g = {NULL, &c->utilization};
    tc_status st = tc_plan_new(c, NULL, 0, &g.plan);
    /* utilization 0 is excluded: the search starts one tolerance above it */
    if (st == TC_OK)
        bisect(&g, tolerance, 1, &out[0]);
    c->utilization = s->utilization;
    g.x = &c->price_per_kwh;
    if (st == TC_OK)
        bisect(&g, 0, 10 * s->price_per_kwh.value, &out[1]);
    tc_plan_free(g.plan);
    tc_analysis_copy_free(c);
    return st;
}

static int is_api(const tc_scenario *s, size_t i)
{
    return s->platforms[i].pricing.kind == TC_PRICING_API;
}

static int same_pair(const size_t *pairs, size_t n, size_t a, size_t b)
{
    for (size_t i = 0; i < n; i++)
        if ((pairs[2 * i] == a && pairs[2 * i + 1] == b) ||
            (pairs[2 * i] == b && pairs[2 * i + 1] == a))
            return 1;
    return 0;
}

/* The pairs, as index couples in pairs[2k], pairs[2k + 1]. */
static size_t choose_pairs(const tc_scenario *s, const tc_results *r, size_t *pairs)
{
    size_t n = 0, gpu = (size_t)-1;
    if (r->n_ranking >= 2) {
        pairs[0] = r->ranking[0];
        pairs[1] = r->ranking[1];
        n = 1;
    }
    for (size_t k = 0; k < r->n_ranking && gpu == (size_t)-1; k++)
        if (!is_api(s, r->ranking[k]))
            gpu = r->ranking[k];
    for (size_t k = 0; gpu != (size_t)-1 && k < r->n_ranking; k++) {
        size_t j = r->ranking[k];
        if (is_api(s, j) && !same_pair(pairs, n, gpu, j)) {
            pairs[2 * n] = gpu;
            pairs[2 * n + 1] = j;
            n++;
        }
    }
    return n;
}

tc_status tc_break_even_run(const tc_scenario *s, const tc_results *r,
                            tc_break_even **out, size_t *n_out, char *err, size_t n)
{
    *out = NULL;
    *n_out = 0;
    size_t *pairs = malloc(2 * (r->n_ranking + 1) * sizeof *pairs);
    if (!pairs)
        return TC_ERR_NOMEM;
    size_t np = choose_pairs(s, r, pairs);
    tc_break_even *be = np ? calloc(2 * np, sizeof *be) : NULL;
    tc_status st = np && !be ? TC_ERR_NOMEM : TC_OK;
    for (size_t k = 0; st == TC_OK && k < np; k++) {
        st = pair(s, pairs[2 * k], pairs[2 * k + 1], &be[2 * k]);
        if (st != TC_OK && n)
            snprintf(err, n, "break-even of %s and %s: %s", s->platforms[pairs[2 * k]].id,
                     s->platforms[pairs[2 * k + 1]].id, tc_strerror(st));
    }
    free(pairs);
    if (st != TC_OK) {
        free(be);
        return st;
    }
    *out = be;
    *n_out = 2 * np;
    return TC_OK;
}
