/* Throughput at the SLO (METHOD.md "Throughput at the SLO").
 * The points are scanned, not sorted: the bracketing points of a sorted
 * copy are the nearest interactivities below and at-or-above the SLO, and a
 * scan finds them without allocating (tc_eval runs ~1e5 times in analytics). */
#include <math.h>
#include <string.h>

#include "eval_priv.h"

#define NO_POINT ((size_t)-1)

static const char no_data[] = "no performance data for this model and sequence lengths";
static const char slo_above[] = "slo above the highest measured interactivity";

int tc_eval_find_perf(const tc_platform *p, const tc_workload *w)
{
    for (size_t k = 0; k < p->n_perf; k++) {
        const tc_perf *e = &p->perf[k];
        if (e->n_points > 0 && e->isl == w->isl && e->osl == w->osl
            && e->model && w->model && strcmp(e->model, w->model) == 0)
            return (int)k;
    }
    return -1;
}

static void set_bracket(tc_wl_result *o, const tc_perf *e, tc_basis b, size_t lo, size_t hi)
{
    o->x_lo = e->points[lo].interactivity.value;
    o->y_lo = tc_eval_on_basis(e, e->points[lo].throughput.value, b);
    o->x_hi = e->points[hi].interactivity.value;
    o->y_hi = tc_eval_on_basis(e, e->points[hi].throughput.value, b);
}

/* No SLO: the largest throughput of the entry. */
static void at_max(const tc_perf *e, tc_basis b, tc_wl_result *o)
{
    size_t best = tc_eval_max_point(e);
    set_bracket(o, e, b, best, best);
    o->how = TC_TPUT_MAX;
    o->covered = 1;
    o->tokens_per_s_per_gpu = o->y_lo;
}

tc_tput_how tc_eval_bracket(const tc_perf *e, double x, size_t *lo_out, size_t *hi_out)
{
    size_t min = 0, max = 0, lo = NO_POINT, hi = NO_POINT;
    for (size_t j = 0; j < e->n_points; j++) {
        double xj = e->points[j].interactivity.value;
        if (xj < e->points[min].interactivity.value)
            min = j;
        if (xj > e->points[max].interactivity.value)
            max = j;
        if (xj < x && (lo == NO_POINT || xj > e->points[lo].interactivity.value))
            lo = j;
        if (xj >= x && (hi == NO_POINT || xj < e->points[hi].interactivity.value))
            hi = j;
    }
    if (x <= e->points[min].interactivity.value) {
        *lo_out = *hi_out = min;
        return TC_TPUT_FLAT;
    }
    if (x > e->points[max].interactivity.value)
        return TC_TPUT_NONE;
    *lo_out = lo;
    *hi_out = hi;
    return TC_TPUT_INTERP;
}

static void at_slo(const tc_perf *e, tc_basis b, double x, tc_wl_result *o)
{
    size_t lo = 0, hi = 0;
    tc_tput_how how = tc_eval_bracket(e, x, &lo, &hi);
    if (how == TC_TPUT_NONE) {
        o->reason = slo_above;
        return;
    }
    set_bracket(o, e, b, lo, hi);
    o->how = how;
    o->tokens_per_s_per_gpu = how == TC_TPUT_FLAT ? o->y_lo
        : tc_eval_interp(o->x_lo, o->y_lo, o->x_hi, o->y_hi, x);
    o->covered = 1;
}

void tc_eval_throughput(const tc_scenario *s, const tc_platform *p,
                        const tc_workload *w, tc_wl_result *o)
{
    *o = (tc_wl_result){ .in = w, .perf_index = -1, .how = TC_TPUT_NONE,
                         .x_lo = NAN, .y_lo = NAN, .x_hi = NAN, .y_hi = NAN,
                         .tokens_per_s_per_gpu = NAN, .cost_per_m_tokens = NAN };
    if (p->pricing.kind == TC_PRICING_API) {
        o->covered = 1;
        o->how = TC_TPUT_API;
        return;
    }
    int k = tc_eval_find_perf(p, w);
    if (k < 0) {
        o->reason = no_data;
        return;
    }
    const tc_perf *e = &p->perf[k];
    o->perf_index = k;
    if (!e->has_interactivity) {
        o->how = TC_TPUT_SINGLE;
        o->covered = 1;
        o->y_lo = o->y_hi = tc_eval_on_basis(e, e->points[0].throughput.value, s->token_basis);
        o->tokens_per_s_per_gpu = o->y_lo;
    } else if (!w->min_interactivity.given) {
        at_max(e, s->token_basis, o);
    } else {
        at_slo(e, s->token_basis, w->min_interactivity.value, o);
    }
}
