/* Throughput against interactivity (InferenceX style): one curve per
 * platform and performance entry in use, each workload's SLO as a line,
 * and the operating point the evaluation used marked on it.
 *
 * At scale the chart shows a part, said in its footnote: at most
 * TC_CURVE_PANELS panels (the workloads of largest share, in scenario order)
 * and TC_CURVE_BIDS bids (the lowest LCOT first, as the ranking; then bids
 * that do not cover the mix, in scenario order). 400 panels were each
 * narrower than their gaps, 1,000 curves one colour smear, and drawing them
 * cost the square of curves x panels (35 s for 400 workloads). */
#include "build_util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "tc_format.h"

static double to_basis(const tc_results *r, const tc_perf *e, double tput)
{
    if (e->basis == r->scenario->token_basis || e->osl <= 0)
        return tput;
    double f = (e->isl + e->osl) / e->osl;
    return r->scenario->token_basis == TC_BASIS_TOTAL ? tput * f : tput / f;
}

static const tc_perf *entry_of(const tc_results *r, size_t i, size_t w)
{
    const tc_platform_result *p = &r->platforms[i];
    if (p->in->pricing.kind == TC_PRICING_API || !p->workloads)
        return NULL;
    int k = p->workloads[w].perf_index;
    if (k < 0 || (size_t)k >= p->in->n_perf || !p->in->perf[k].has_interactivity)
        return NULL;
    return &p->in->perf[k];
}

/* A legend name says where the curve's numbers come from: "B200 (vendor)". */
static const char *evidence_name(const tc_results *r, tc_chart *c, size_t i, tc_evidence ev)
{
    return tc_chart_str(c, "%s (%s)", tc_pname(r, i), tc_evidence_names[ev]);
}

/* single: the one-workload chart, whose legend names each curve with its
 * evidence; else a panel's curve, named by its bid. */
static tc_status curve(const tc_results *r, tc_chart *c, size_t i, const tc_perf *e, int single)
{
    const char *name = single ? evidence_name(r, c, i, e->evidence) : tc_pname(r, i);
    tc_series *s = name ? tc_chart_add_series(c, name, tc_chart_platform_colour(i), e->n_points)
                        : NULL;
    if (!s)
        return TC_ERR_NOMEM;
    s->style = TC_STYLE_LINE;
    s->marker = TC_MARK_CIRCLE;
    s->dash = single ? i >= 7 : 0;
    s->in_legend = single;
    for (size_t k = 0; k < e->n_points; k++) {
        double x = e->points[k].interactivity.value;
        double y = to_basis(r, e, e->points[k].throughput.value);
        size_t j = k;
        for (; j > 0 && s->x[j - 1] > x; j--) {    /* keep sorted by interactivity */
            s->x[j] = s->x[j - 1];
            s->y[j] = s->y[j - 1];
        }
        s->x[j] = x;
        s->y[j] = y;
    }
    return TC_OK;
}

static double operating_x(const tc_results *r, size_t i, size_t w, const tc_perf *e)
{
    const tc_workload *wl = &r->scenario->workloads[w];
    if (wl->min_interactivity.given)
        return wl->min_interactivity.value;
    size_t best = 0;    /* no SLO: the point of largest throughput */
    for (size_t k = 1; k < e->n_points; k++)
        if (e->points[k].throughput.value > e->points[best].throughput.value)
            best = k;
    (void)i;
    return e->points[best].interactivity.value;
}

static tc_status operating_points(const tc_results *r, tc_chart *c, const unsigned char *bid)
{
    const tc_scenario *s = r->scenario;
    size_t cap = s->n_platforms * s->n_workloads;
    c->callouts = tc_chart_alloc(c, cap, sizeof *c->callouts);
    if (!c->callouts)
        return TC_ERR_NOMEM;
    char num[64];
    for (size_t i = 0; i < s->n_platforms; i++)
        for (size_t w = 0; w < s->n_workloads; w++) {
            const tc_perf *e = bid[i] ? entry_of(r, i, w) : NULL;
            const tc_wl_result *wr = e ? &r->platforms[i].workloads[w] : NULL;
            if (!wr || !wr->covered || !isfinite(wr->tokens_per_s_per_gpu))
                continue;
            double v = wr->tokens_per_s_per_gpu;
            tc_fmt_num(num, sizeof num, v, v < 100 && fabs(v - round(v)) >= 0.05 ? 1 : 0);
            c->callouts[c->n_callouts++] = (tc_callout){
                operating_x(r, i, w, e), wr->tokens_per_s_per_gpu,
                s->n_workloads > 1 ? tc_chart_str(c, "%s: %s", s->workloads[w].id, num)
                                   : tc_chart_str(c, "%s", num),
                tc_chart_platform_colour(i), TC_MARK_DIAMOND, 0};
        }
    return TC_OK;
}

static tc_status slo_lines(const tc_results *r, tc_chart *c)
{
    const tc_scenario *s = r->scenario;
    c->refs = tc_chart_alloc(c, s->n_workloads, sizeof *c->refs);
    if (!c->refs)
        return TC_ERR_NOMEM;
    for (size_t w = 0; w < s->n_workloads; w++) {
        const tc_workload *wl = &s->workloads[w];
        if (!wl->min_interactivity.given)
            continue;
        size_t k = 0;
        while (k < c->n_refs && c->refs[k].at != wl->min_interactivity.value)
            k++;
        if (k < c->n_refs) {    /* same SLO: one line, both names */
            c->refs[k].label = tc_chart_str(c, "%s, %s", c->refs[k].label, wl->id);
            continue;
        }
        c->refs[c->n_refs++] = (tc_refline){1, wl->min_interactivity.value,
            tc_chart_str(c, "SLO \xe2\x89\xa5 %g: %s", wl->min_interactivity.value, wl->id),
            TC_OI_VERMILLION, 0};
    }
    return TC_OK;
}

static void choose_log(tc_chart *c)
{
    double lo = INFINITY, hi = 0;
    for (size_t s = 0; s < c->n_series; s++)
        for (size_t k = 0; k < c->series[s].n; k++)
            if (c->series[s].y[k] > 0) {
                lo = fmin(lo, c->series[s].y[k]);
                hi = fmax(hi, c->series[s].y[k]);
            }
    c->y.log = hi / lo > 30.0;
    c->y.include_zero = !c->y.log;
}

/* What the chart draws (see the top of the file): bid[i] 1 for a bid drawn
 * (2 once its curve is in the legend), wl the workloads drawn, in scenario
 * order. */
typedef struct {
    unsigned char *bid;
    size_t *wl;
    size_t n_wl, n_bids, n_curved;  /* drawn; bids with curves at all */
} shown;

static void choose_bids(const tc_results *r, shown *v)
{
    const tc_scenario *s = r->scenario;
    for (size_t i = 0; i < s->n_platforms; i++)
        v->n_curved += s->platforms[i].pricing.kind != TC_PRICING_API;
    for (size_t k = 0; k < r->n_ranking && v->n_bids < TC_CURVE_BIDS; k++) {
        size_t i = r->ranking[k];
        if (s->platforms[i].pricing.kind != TC_PRICING_API) {
            v->bid[i] = 1;
            v->n_bids++;
        }
    }
    for (size_t i = 0; i < s->n_platforms && v->n_bids < TC_CURVE_BIDS; i++)
        if (!v->bid[i] && s->platforms[i].pricing.kind != TC_PRICING_API) {
            v->bid[i] = 1;
            v->n_bids++;
        }
}

typedef struct {
    double share;
    size_t w;
} by_share;

static int larger_share(const void *a, const void *b)
{
    const by_share *x = a, *y = b;
    if (x->share != y->share)
        return x->share < y->share ? 1 : -1;
    return (x->w > y->w) - (x->w < y->w);
}

static int earlier(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return (x > y) - (x < y);
}

/* The workloads of largest share (ties: the earlier), in scenario order. */
static tc_status choose_workloads(const tc_scenario *s, tc_chart *c, shown *v)
{
    for (size_t w = 0; w < s->n_workloads; w++)
        v->wl[w] = w;
    v->n_wl = s->n_workloads;
    if (v->n_wl <= TC_CURVE_PANELS)
        return TC_OK;
    by_share *o = tc_chart_alloc(c, s->n_workloads, sizeof *o);
    if (!o)
        return TC_ERR_NOMEM;
    for (size_t w = 0; w < s->n_workloads; w++)
        o[w] = (by_share){s->workloads[w].share.value, w};
    qsort(o, s->n_workloads, sizeof *o, larger_share);
    v->n_wl = TC_CURVE_PANELS;
    for (size_t k = 0; k < v->n_wl; k++)
        v->wl[k] = o[k].w;
    qsort(v->wl, v->n_wl, sizeof *v->wl, earlier);
    return TC_OK;
}

static tc_status choose(const tc_results *r, tc_chart *c, shown *v)
{
    const tc_scenario *s = r->scenario;
    *v = (shown){tc_chart_alloc(c, s->n_platforms, 1),
                 tc_chart_alloc(c, s->n_workloads, sizeof *v->wl), 0, 0, 0};
    if (!v->bid || !v->wl)
        return TC_ERR_NOMEM;
    choose_bids(r, v);
    return choose_workloads(s, c, v);
}

/* "Shown: ..." when the chart leaves workloads or bids out, else NULL. */
static const char *shown_note(const tc_scenario *s, tc_chart *c, const shown *v)
{
    int wl_cut = v->n_wl < s->n_workloads, bid_cut = v->n_bids < v->n_curved;
    if (!wl_cut && !bid_cut)
        return NULL;
    const char *w = wl_cut ? tc_chart_str(c, "the %zu workloads of largest share (of %zu)",
                                          v->n_wl, s->n_workloads) : "";
    const char *b = bid_cut ? tc_chart_str(c, "the %zu bids of lowest LCOT (of %zu with curves)",
                                           v->n_bids, v->n_curved) : "";
    return tc_chart_str(c, "Shown: %s%s%s; results.json and the workbook hold every curve.",
                        w, wl_cut && bid_cut ? " and " : "", b);
}

/* Panel k + 1 (workload w): the curve each bid drawn uses for w, its
 * service level line and the operating points. A bid's first curve is
 * its legend entry (a colour per bid). */
static tc_status panel(const tc_results *r, tc_chart *c, shown *v, size_t k)
{
    const tc_scenario *s = r->scenario;
    size_t w = v->wl[k];
    const tc_workload *wl = &s->workloads[w];
    char num[64];
    c->panel_titles[k] = wl->name ? wl->name : wl->id;
    for (size_t i = 0; i < s->n_platforms; i++) {
        const tc_perf *e = v->bid[i] ? entry_of(r, i, w) : NULL;
        if (!e)
            continue;
        if (curve(r, c, i, e, 0) != TC_OK)
            return TC_ERR_NOMEM;
        tc_series *se = &c->series[c->n_series - 1];
        se->panel = (int)k + 1;
        se->in_legend = v->bid[i] == 1;
        v->bid[i] = 2;
        const tc_wl_result *wr = &r->platforms[i].workloads[w];
        if (wr->covered && isfinite(wr->tokens_per_s_per_gpu))
            c->callouts[c->n_callouts++] = (tc_callout){
                operating_x(r, i, w, e), wr->tokens_per_s_per_gpu,
                tc_chart_str(c, "%s", tc_fmt_board_count(num, sizeof num, wr->tokens_per_s_per_gpu)),
                tc_chart_platform_colour(i), TC_MARK_DIAMOND, (int)k + 1};
    }
    if (wl->min_interactivity.given)
        c->refs[c->n_refs++] = (tc_refline){1, wl->min_interactivity.value,
            tc_chart_str(c, "SLO %g", wl->min_interactivity.value), TC_OI_VERMILLION, (int)k + 1};
    return TC_OK;
}

/* Several workloads: small multiples, one panel per workload on shared
 * axes, so no line is read against another workload's service level. */
static tc_status build_panels(const tc_results *r, tc_chart *c, shown *v)
{
    c->n_panels = v->n_wl;
    c->panel_titles = tc_chart_alloc(c, v->n_wl, sizeof *c->panel_titles);
    c->refs = tc_chart_alloc(c, v->n_wl, sizeof *c->refs);
    c->callouts = tc_chart_alloc(c, v->n_bids * v->n_wl, sizeof *c->callouts);
    if (!c->panel_titles || !c->refs || !c->callouts)
        return TC_ERR_NOMEM;
    for (size_t k = 0; k < v->n_wl; k++)
        if (panel(r, c, v, k) != TC_OK)
            return TC_ERR_NOMEM;
    return TC_OK;
}

static void curve_axes(const tc_results *r, tc_chart *c)
{
    c->type = TC_PLOT_XY;
    c->title = "Throughput vs interactivity";
    c->x.label = "interactivity, output tokens/s per user";
    c->x.include_zero = 1;
    choose_log(c);
    c->y.label = tc_chart_str(c, "%s tokens/s per GPU%s", tc_basis_word(r),
                              c->y.log ? " (log scale)" : "");
}

tc_status tc_build_curves(const tc_results *r, tc_chart *c)
{
    const tc_scenario *s = r->scenario;
    shown v;
    if (choose(r, c, &v) != TC_OK)
        return TC_ERR_NOMEM;
    if (s->n_workloads > 1) {
        if (build_panels(r, c, &v) != TC_OK)
            return TC_ERR_NOMEM;
        if (c->n_series == 0)
            return TC_OK;
        curve_axes(r, c);
        c->subtitle = tc_chart_str(c, "%s \xe2\x80\x94 one panel per workload; dashed line: its "
                                   "service level (SLO), the interactivity each user must see; "
                                   "\xe2\x97\x86 operating points", tc_scenario_title(r));
        c->footnote = shown_note(s, c, &v);
        return TC_OK;
    }
    for (size_t i = 0; i < s->n_platforms; i++) {
        const tc_perf *e = v.bid[i] ? entry_of(r, i, 0) : NULL;
        if (e && curve(r, c, i, e, 1) != TC_OK)
            return TC_ERR_NOMEM;
    }
    if (c->n_series == 0)
        return TC_OK;
    curve_axes(r, c);
    c->subtitle = tc_chart_str(c, "%s \xe2\x80\x94 vertical lines: SLOs; "
                               "\xe2\x97\x86 operating points", tc_scenario_title(r));
    c->footnote = shown_note(s, c, &v);
    if (slo_lines(r, c) != TC_OK)
        return TC_ERR_NOMEM;
    return operating_points(r, c, v.bid);
}
