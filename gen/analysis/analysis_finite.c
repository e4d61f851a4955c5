/* The post-evaluation check (tc_check_finite): a figure that is not finite
 * is an error of the input that caused it, located like a validation error,
 * never "n/a". The culprit is found on a copy: the candidate inputs, in the
 * table's order, are set one after another to their kind's typical value
 * and the copy re-evaluated; the input whose reset first makes every figure
 * finite is named, with the figure it alone still spoiled. Resets
 * accumulate, so the search always ends (at the typical values every figure
 * is finite: gen/core/inputs.c); with two culprits, the later one in table
 * order is named first, the other on the next run. Only a failure pays for
 * the search. */
#include <stdio.h>
#include <stdlib.h>

#include "tc_analysis.h"

/* Inputs whose value alone a reset changes: tc_num items that are not
 * structural (the mix's shape) nor the interactivity axis, whose reset
 * would change which workloads a bid covers rather than a figure. */
static int candidate(const tc_input *in)
{
    const tc_input_info *i = tc_input_info_of(in->kind);
    return in->num && !i->structural && in->kind != TC_IN_WL_MIN_INTERACTIVITY
           && in->kind != TC_IN_POINT_INTERACTIVITY;
}

/* *ok 1 when c evaluates with every figure finite; else what[0..n) names
 * the first that is not. */
static tc_status finite_now(const tc_scenario *c, int *ok, char *what, size_t n)
{
    tc_results *r = NULL;
    tc_status st = tc_eval(c, &r);
    *ok = st == TC_OK && !tc_results_nonfinite(r, what, n);
    tc_results_free(r);
    return st;
}

/* Index of the culprit in the table over s, or -1 when no reset helps;
 * what (holding the first figure that is not finite) becomes the figure
 * still not finite just before the culprit's reset: the one it causes. */
static tc_status culprit(const tc_scenario *s, long *at, char *what, size_t n)
{
    *at = -1;
    tc_scenario *c = tc_analysis_copy(s, NULL, 0);
    tc_inputs *t = c ? tc_inputs_new(c) : NULL;
    tc_status st = t ? TC_OK : TC_ERR_NOMEM;
    char now[200];
    for (size_t i = 0; st == TC_OK && t && i < t->n && *at < 0; i++) {
        if (!candidate(&t->items[i]))
            continue;
        tc_input_set(&t->items[i], tc_input_info_of(t->items[i].kind)->typical);
        int ok = 0;
        st = finite_now(c, &ok, now, sizeof now);
        if (ok)
            *at = (long)i;
        else if (st == TC_OK)
            snprintf(what, n, "%s", now);
    }
    tc_inputs_free(t);
    tc_analysis_copy_free(c);
    return st;
}

static void report(const tc_scenario *s, const tc_input *in, const char *what, tc_diags *d)
{
    const tc_num *x = in->num;
    const char *file = x->set ? "--set"
                     : in->platform >= 0 && s->platforms[in->platform].file
                         ? s->platforms[in->platform].file
                     : s->file ? s->file : "scenario";
    tc_diags_add(d, file, x->given ? x->line : 0, x->given ? x->col : 0, in->key,
                 "%.10g makes %s infinite or undefined (expected a value that keeps every "
                 "figure finite)", x->value, what);
}

tc_status tc_check_finite(const tc_scenario *s, const tc_results *r, tc_diags *d)
{
    char what[200];
    if (!tc_results_nonfinite(r, what, sizeof what))
        return TC_OK;
    long at = -1;
    char orig[200];
    snprintf(orig, sizeof orig, "%s", what);
    tc_status st = culprit(s, &at, what, sizeof what);
    tc_inputs *t = st == TC_OK && at >= 0 ? tc_inputs_new(s) : NULL;
    if (t)
        report(s, &t->items[at], what, d);
    else if (st == TC_OK && at >= 0)
        st = TC_ERR_NOMEM;
    else if (st == TC_OK)
        tc_diags_add(d, s->file ? s->file : "scenario", 0, 0, "",
                     "%s is infinite or undefined (no single input accounts for it)", orig);
    tc_inputs_free(t);
    if (st != TC_OK)
        tc_diags_add(d, s->file ? s->file : "scenario", 0, 0, "", "%s", tc_strerror(st));
    return st != TC_OK ? st : TC_ERR_INVALID;
}
