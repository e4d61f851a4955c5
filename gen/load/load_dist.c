/* Distributions (SCENARIO.md "Uncertainty"): {dist: triangular, low, mode,
 * high}, {dist: uniform, low, high}, {dist: normal, mean, sd},
 * {dist: lognormal, median, p90}. value is the point estimate. */
#include "load_internal.h"

#include <math.h>
#include <stdio.h>

static const char *const kinds[] = {"triangular", "uniform", "normal", "lognormal", NULL};
static const char *const k_tri[] = {"dist", "low", "mode", "high", NULL};
static const char *const k_uni[] = {"dist", "low", "high", NULL};
static const char *const k_norm[] = {"dist", "mean", "sd", NULL};
static const char *const k_logn[] = {"dist", "median", "p90", NULL};
static const char *const *const kind_keys[] = {k_tri, k_uni, k_norm, k_logn};

/* One parameter: a number in the key's unit; in_range: also in the key's range. */
static int param(tc_ld *c, const tc_node *map, const char *key, const tc_range *r,
                 int in_range, double *out)
{
    const tc_node *v = tc_ld_require(c, map, key);
    if (!v)
        return 0;
    size_t old = tc_ld_push(c, key);
    int ok = 0;
    if (v->kind == TC_NODE_MAP && !v->bad)
        tc_ld_err(c, v, "expected a number, got a mapping (distributions do not nest)");
    else
        ok = tc_ld_number(c, v, r->dim, out, NULL);
    if (ok && in_range && !tc_ld_in_range(r, *out)) {
        tc_esc e;
        tc_ld_err(c, v, "%s is out of range (expected %s)", tc_ld_esc(&e, v->text, v->len), r->expect);
        ok = 0;
    }
    tc_ld_pop(c, old);
    return ok;
}

static int dist_tri(tc_ld *c, const tc_node *n, const tc_range *r, tc_num *out)
{
    double lo, mode, hi;
    int ok = param(c, n, "low", r, 1, &lo);
    ok &= param(c, n, "mode", r, 1, &mode);
    ok &= param(c, n, "high", r, 1, &hi);
    if (!ok)
        return 0;
    if (!(lo < hi)) {
        tc_ld_err(c, n, "low must be less than high (expected low < high)");
        return 0;
    }
    if (mode < lo || mode > hi) {
        tc_ld_err(c, n, "mode is outside [low, high] (expected low <= mode <= high)");
        return 0;
    }
    out->p1 = lo, out->p2 = mode, out->p3 = hi;
    out->value = mode;
    return 1;
}

static int dist_uni(tc_ld *c, const tc_node *n, const tc_range *r, tc_num *out)
{
    double lo, hi;
    int ok = param(c, n, "low", r, 1, &lo);
    ok &= param(c, n, "high", r, 1, &hi);
    if (!ok)
        return 0;
    if (!(lo < hi)) {
        tc_ld_err(c, n, "low must be less than high (expected low < high)");
        return 0;
    }
    out->p1 = lo, out->p2 = hi;
    out->value = lo + (hi - lo) / 2;
    return 1;
}

static int dist_norm(tc_ld *c, const tc_node *n, const tc_range *r, tc_num *out)
{
    double mean, sd;
    int ok = param(c, n, "mean", r, 1, &mean);
    ok &= param(c, n, "sd", r, 0, &sd);
    if (!ok)
        return 0;
    if (!(sd > 0)) {
        tc_ld_err(c, tc_ld_get(n, "sd"), "sd must be positive (expected sd > 0)");
        return 0;
    }
    /* a spread wider than the key's whole range says nothing the range
     * does not (draws are truncated to it) and is a typo */
    if (sd > r->hi - r->lo) {
        char w[32];
        snprintf(w, sizeof w, "%.6g", r->hi - r->lo);
        tc_ld_err(c, tc_ld_get(n, "sd"), "sd is wider than the key's range (expected sd <= %s)", w);
        return 0;
    }
    out->p1 = mean, out->p2 = sd;
    out->value = mean;
    return 1;
}

static int dist_logn(tc_ld *c, const tc_node *n, const tc_range *r, tc_num *out)
{
    double median, p90;
    int ok = param(c, n, "median", r, 1, &median);
    ok &= param(c, n, "p90", r, 1, &p90);
    if (!ok)
        return 0;
    if (!(median > 0)) {
        tc_ld_err(c, tc_ld_get(n, "median"), "median must be positive (expected median > 0)");
        return 0;
    }
    if (!(p90 > median)) {
        tc_ld_err(c, n, "p90 must be greater than median (expected p90 > median)");
        return 0;
    }
    out->p1 = median, out->p2 = p90;
    out->value = median;
    return 1;
}

int tc_ld_dist(tc_ld *c, const tc_node *n, const tc_range *r, tc_num *out)
{
    int kind;
    if (!tc_ld_get(n, "dist")) {
        tc_ld_err(c, n, "missing required key \"dist\" (expected a number or a distribution)");
        return 0;
    }
    if (!tc_ld_enum_key(c, n, "dist", kinds, 0, &kind))
        return 0;
    size_t before = c->errors;
    if (!tc_ld_map(c, n, kind_keys[kind]))
        return 0;
    int ok = kind == 0 ? dist_tri(c, n, r, out)
           : kind == 1 ? dist_uni(c, n, r, out)
           : kind == 2 ? dist_norm(c, n, r, out)
                       : dist_logn(c, n, r, out);
    if (!ok || c->errors != before)
        return 0;
    out->dist = (tc_dist_kind)(kind + 1);
    out->given = 1;
    out->line = n->line;
    out->col = n->col;
    out->set = n->set;
    return 1;
}
