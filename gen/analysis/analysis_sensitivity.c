/* Sensitivity (tornado): each lever of a platform (analysis_levers.c: the
 * scenario's inputs and the bid's own, throughput as one curve) at
 * (1 - swing) and (1 + swing), clamped to its range, everything else held;
 * LCOT of a one-platform copy (the platform's LCOT does not depend on the
 * other bids), fleet rounding included, on the lean path (tc_plan: the same
 * doubles as tc_eval); whole-year inputs, which are no tc_num, on tc_eval. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include "tc_analysis.h"
#include "tc_plan.h"

/* The lever's value at factor f: clamped to its valid range (an open bound
 * is approached, not taken); whole-number inputs round and move at least
 * one step. f == 1 is the point estimate. */
static double moved(const tc_lever *l, double f)
{
    const tc_input_info *inf = tc_input_info_of(l->kind);
    double p = l->point, v = p * f;
    if (f == 1 || l->curve)
        return f == 1 ? p : v;
    if (inf->integer) {
        v = round(v);
        if (v == p)
            v = p + (f > 1 ? 1 : -1);
    }
    if (v < inf->lo || (inf->lo_open && v <= inf->lo))
        v = inf->lo_open ? nextafter(inf->lo, p) : inf->lo;
    if (v > inf->hi || (inf->hi_open && v >= inf->hi))
        v = inf->hi_open ? nextafter(inf->hi, p) : inf->hi;
    return v;
}

static tc_status lcot_at(tc_lever_set *ls, tc_plan *plan, const tc_lever *l, double f,
                         double *out)
{
    tc_results *res = NULL;
    tc_status st = TC_OK;
    tc_lever_set_value(ls, l, moved(l, f));
    if (plan && ls->inputs->items[l->item].num)
        tc_plan_eval(plan, out, NULL);
    else
        st = tc_eval(ls->copy, &res);
    tc_lever_set_value(ls, l, l->point);
    if (st != TC_OK || !res)
        return st;
    *out = res->platforms[0].levelized_cost_per_m_tokens;
    tc_results_free(res);
    return TC_OK;
}

/* Widest |high - low| first; insertion sort keeps the input order on ties. */
static void sort_rows(tc_tornado_row *rows, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        tc_tornado_row x = rows[i];
        double w = fabs(x.high - x.low);
        size_t j = i;
        for (; j > 0 && fabs(rows[j - 1].high - rows[j - 1].low) < w; j--)
            rows[j] = rows[j - 1];
        rows[j] = x;
    }
}

/* One row per lever of the one-platform copy; a lever that leaves the LCOT
 * where it is at both ends, to 1e-9 relative (it does not apply to the
 * bid, or its point estimate is 0), is no row. */
static tc_status lever_row(tc_lever_set *ls, tc_plan *plan, const tc_lever *l, double swing,
                           double base, tc_tornado_row *row, int *kept)
{
    double lo = base, hi = base;
    tc_status st = lcot_at(ls, plan, l, 1 - swing, &lo);
    if (st == TC_OK)
        st = lcot_at(ls, plan, l, 1 + swing, &hi);
    double tol = 1e-9 * fabs(base);    /* rounding noise is not a row */
    *kept = st == TC_OK && (fabs(lo - base) > tol || fabs(hi - base) > tol);
    if (!*kept)
        return st;
    *row = (tc_tornado_row){ .input = l->curve ? "throughput" : tc_input_info_of(l->kind)->name,
                             .low = lo, .high = hi, .label = tc_lever_label(l),
                             .key = tc_lever_key(ls, l) };
    return row->key ? TC_OK : TC_ERR_NOMEM;
}

static tc_status platform_rows(const tc_scenario *s, size_t pi, double swing, double base,
                               tc_tornado_row **rows, size_t *n_rows)
{
    tc_lever_set *ls = tc_levers_new(s, &pi, 1);
    tc_plan *plan = NULL;
    *rows = ls ? calloc(ls->n ? ls->n : 1, sizeof **rows) : NULL;
    tc_status st = ls && *rows ? tc_plan_new(ls->copy, NULL, 0, &plan) : TC_ERR_NOMEM;
    for (size_t k = 0; st == TC_OK && k < ls->n; k++) {
        int kept = 0;
        st = lever_row(ls, plan, &ls->levers[k], swing, base, &(*rows)[*n_rows], &kept);
        *n_rows += (size_t)kept;
    }
    tc_plan_free(plan);
    tc_levers_free(ls);
    if (st == TC_OK)
        sort_rows(*rows, *n_rows);
    return st;
}

tc_status tc_sensitivity_run(const tc_scenario *s, const tc_results *r,
                             tc_sensitivity **out, char *err, size_t n)
{
    size_t np = s->n_platforms;
    tc_sensitivity *x = calloc(1, sizeof *x);
    if (x) {
        x->swing = s->analysis.swing;
        x->rows = calloc(np ? np : 1, sizeof *x->rows);
        x->n_rows = calloc(np ? np : 1, sizeof *x->n_rows);
    }
    tc_status st = x && x->rows && x->n_rows ? TC_OK : TC_ERR_NOMEM;
    for (size_t i = 0; st == TC_OK && i < np; i++) {
        if (!isfinite(r->platforms[i].levelized_cost_per_m_tokens))
            continue;   /* not covered: no LCOT to move */
        st = platform_rows(s, i, x->swing, r->platforms[i].levelized_cost_per_m_tokens,
                           &x->rows[i], &x->n_rows[i]);
        if (st != TC_OK && n)
            snprintf(err, n, "sensitivity of %s: %s", s->platforms[i].id, tc_strerror(st));
    }
    if (st != TC_OK) {
        tc_sensitivity_free(x, np);
        x = NULL;
    }
    *out = x;
    return st;
}
