/* Levers: the inputs an analysis varies (sensitivity, robustness), taken
 * from the one inputs table (tc_inputs.h) over a scenario copy: every
 * non-structural input that can move a bid's LCOT, one per item, except a
 * bid's throughput points, which move together as one curve lever (a factor
 * on every point), as METHOD.md says. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tc_analysis.h"

static int is_lever(const tc_input *in)
{
    const tc_input_info *i = tc_input_info_of(in->kind);
    return i->decides && !i->structural;
}

/* Counts the levers of t; fills ls->levers when non-NULL. */
static size_t list_levers(const tc_inputs *t, tc_lever *out)
{
    size_t n = 0;
    int curve_of = -2;      /* platform whose curve lever was last added */
    for (size_t i = 0; i < t->n; i++) {
        const tc_input *in = &t->items[i];
        if (!is_lever(in))
            continue;
        int curve = in->kind == TC_IN_POINT_THROUGHPUT;
        if (curve && curve_of == in->platform)
            continue;
        if (curve)
            curve_of = in->platform;
        if (out)
            out[n] = (tc_lever){ .item = i, .kind = in->kind, .platform = in->platform,
                                 .curve = curve, .point = curve ? 1 : tc_input_get(in) };
        n++;
    }
    return n;
}

tc_lever_set *tc_levers_new(const tc_scenario *s, const size_t *keep, size_t n_keep)
{
    tc_lever_set *ls = calloc(1, sizeof *ls);
    if (!ls)
        return NULL;
    ls->copy = tc_analysis_copy(s, keep, n_keep);
    ls->inputs = ls->copy ? tc_inputs_new(ls->copy) : NULL;
    if (ls->inputs) {
        ls->orig = malloc((ls->inputs->n ? ls->inputs->n : 1) * sizeof *ls->orig);
        ls->n = list_levers(ls->inputs, NULL);
        ls->levers = malloc((ls->n ? ls->n : 1) * sizeof *ls->levers);
    }
    if (!ls->orig || !ls->levers) {
        tc_levers_free(ls);
        return NULL;
    }
    for (size_t i = 0; i < ls->inputs->n; i++)
        ls->orig[i] = tc_input_get(&ls->inputs->items[i]);
    list_levers(ls->inputs, ls->levers);
    return ls;
}

void tc_levers_free(tc_lever_set *ls)
{
    if (!ls)
        return;
    tc_inputs_free(ls->inputs);
    tc_analysis_copy_free(ls->copy);
    free(ls->orig);
    free(ls->levers);
    free(ls);
}

void tc_lever_set_value(tc_lever_set *ls, const tc_lever *l, double x)
{
    const tc_inputs *t = ls->inputs;
    if (!l->curve) {
        tc_input_set(&t->items[l->item], x == l->point ? ls->orig[l->item] : x);
        return;
    }
    /* the table lists a bid's items together, bids in order: stop past them */
    for (size_t i = l->item; i < t->n && t->items[i].platform <= l->platform; i++) {
        const tc_input *in = &t->items[i];
        if (in->kind == TC_IN_POINT_THROUGHPUT && in->platform == l->platform)
            tc_input_set(in, x == 1 ? ls->orig[i] : ls->orig[i] * x);
    }
}

char *tc_lever_key(const tc_lever_set *ls, const tc_lever *l)
{
    const tc_input *in = &ls->inputs->items[l->item];
    if (!l->curve) {
        size_t n = strlen(in->key) + 1;
        char *k = malloc(n);
        return k ? memcpy(k, in->key, n) : NULL;
    }
    const char *id = ls->copy->platforms[l->platform].id;
    const char *fmt = "platforms[%s].performance[*].points[*].throughput";
    int len = snprintf(NULL, 0, fmt, id);
    char *k = len > 0 ? malloc((size_t)len + 1) : NULL;
    if (k)
        snprintf(k, (size_t)len + 1, fmt, id);
    return k;
}

const char *tc_lever_label(const tc_lever *l)
{
    return l->curve ? "Throughput (every point)" : tc_input_info_of(l->kind)->label;
}
