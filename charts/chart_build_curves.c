/* Throughput against interactivity (InferenceX style): one curve per
 * platform and performance entry in use, each workload's SLO as a line,
 * and the operating point the evaluation used marked on it. */
#include "build_util.h"

#include <math.h>
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

static int same_shape(const tc_workload *a, const tc_workload *b)
{
    return strcmp(a->model, b->model) == 0 && a->isl == b->isl && a->osl == b->osl;
}

/* The shape (model and sequence lengths) of workload w, numbered in order
 * of first appearance: curves of one shape share a dash pattern. */
static size_t shape_of(const tc_scenario *s, size_t w)
{
    size_t k = 0;
    for (size_t v = 0; v < w; v++) {
        int first = 1;
        for (size_t u = 0; u < v && first; u++)
            first = !same_shape(&s->workloads[u], &s->workloads[v]);
        if (first && same_shape(&s->workloads[v], &s->workloads[w]))
            return k;
        k += first;
    }
    return k;
}

static size_t count_shapes(const tc_scenario *s)
{
    size_t most = 0;
    for (size_t w = 0; w < s->n_workloads; w++)
        if (shape_of(s, w) + 1 > most)
            most = shape_of(s, w) + 1;
    return most;
}

static int seen_before(const tc_results *r, size_t i, size_t w)
{
    for (size_t v = 0; v < w; v++)
        if (entry_of(r, i, v) == entry_of(r, i, w))
            return 1;
    return 0;
}

/* The weakest evidence of platform i's entries (measured < vendor <
 * estimated < illustrative). */
static tc_evidence weakest(const tc_platform *p)
{
    tc_evidence w = TC_EVIDENCE_MEASURED;
    for (size_t k = 0; k < p->n_perf; k++)
        w = p->perf[k].evidence > w ? p->perf[k].evidence : w;
    return w;
}

/* A legend name says where the curve's numbers come from: "B200 (vendor)". */
static const char *evidence_name(const tc_results *r, tc_chart *c, size_t i, tc_evidence ev)
{
    return tc_chart_str(c, "%s (%s)", tc_pname(r, i), tc_evidence_names[ev]);
}

/* shape: -1 when every workload has the same shape (the legend then names
 * each curve, with its evidence), else its dash pattern (the legend keys
 * colour and dash; the platform's key carries the evidence). */
static tc_status curve(const tc_results *r, tc_chart *c, size_t i, const tc_perf *e, int shape)
{
    const char *name = shape < 0 ? evidence_name(r, c, i, e->evidence) : tc_pname(r, i);
    tc_series *s = name ? tc_chart_add_series(c, name, tc_chart_platform_colour(i), e->n_points)
                        : NULL;
    if (!s)
        return TC_ERR_NOMEM;
    s->style = TC_STYLE_LINE;
    s->marker = TC_MARK_CIRCLE;
    s->dash = shape < 0 ? i >= 7 : shape % 4;
    s->in_legend = shape < 0;
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

static tc_status operating_points(const tc_results *r, tc_chart *c)
{
    const tc_scenario *s = r->scenario;
    size_t cap = s->n_platforms * s->n_workloads;
    c->callouts = tc_chart_alloc(c, cap, sizeof *c->callouts);
    if (!c->callouts)
        return TC_ERR_NOMEM;
    char num[64];
    for (size_t i = 0; i < s->n_platforms; i++)
        for (size_t w = 0; w < s->n_workloads; w++) {
            const tc_perf *e = entry_of(r, i, w);
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

/* Legend keys when there are several shapes: a colour per platform, a
 * dash pattern per shape (named by its workloads). */
static tc_status legend_keys(const tc_results *r, tc_chart *c, size_t n_curves)
{
    const tc_scenario *s = r->scenario;
    for (size_t i = 0; i < s->n_platforms; i++) {
        int has = 0;
        for (size_t k = 0; k < n_curves; k++)
            has |= c->series[k].name == tc_pname(r, i);
        const char *name = has ? evidence_name(r, c, i, weakest(&s->platforms[i])) : NULL;
        tc_series *key = name ? tc_chart_add_series(c, name, tc_chart_platform_colour(i), 0)
                              : NULL;
        if (has && !key)
            return TC_ERR_NOMEM;
        if (key)
            *key = (tc_series){.name = key->name, .colour = key->colour, .style = TC_STYLE_LINE,
                               .marker = TC_MARK_CIRCLE, .in_legend = 1, .x = key->x, .y = key->y};
    }
    for (size_t k = 0, n = count_shapes(s); k < n; k++) {
        const char *ids = NULL;
        const tc_workload *one = NULL;
        for (size_t w = 0; w < s->n_workloads; w++)
            if (shape_of(s, w) == k) {
                ids = ids ? tc_chart_str(c, "%s, %s", ids, s->workloads[w].id) : s->workloads[w].id;
                one = &s->workloads[w];
            }
        tc_series *key = tc_chart_add_series(c, tc_chart_str(c, "%s (%g/%g tokens)", ids,
                                                             one->isl, one->osl), TC_GREY_DARK, 0);
        if (!key)
            return TC_ERR_NOMEM;
        key->style = TC_STYLE_LINE;
        key->dash = (int)(k % 4);
        key->in_legend = 1;
    }
    return TC_OK;
}

/* Panel w + 1: the curve each bid uses for workload w, its service level
 * line and the operating points. Only the first panel's curves are in the
 * legend (a colour per bid). */
static tc_status panel(const tc_results *r, tc_chart *c, size_t w)
{
    const tc_scenario *s = r->scenario;
    const tc_workload *wl = &s->workloads[w];
    char num[64];
    c->panel_titles[w] = wl->name ? wl->name : wl->id;
    for (size_t i = 0; i < s->n_platforms; i++) {
        const tc_perf *e = entry_of(r, i, w);
        if (!e)
            continue;
        if (curve(r, c, i, e, 0) != TC_OK)
            return TC_ERR_NOMEM;
        tc_series *se = &c->series[c->n_series - 1];
        se->panel = (int)w + 1;
        se->in_legend = 1;
        for (size_t k = 0; k + 1 < c->n_series; k++)
            se->in_legend &= c->series[k].name != se->name;
        const tc_wl_result *wr = &r->platforms[i].workloads[w];
        if (wr->covered && isfinite(wr->tokens_per_s_per_gpu))
            c->callouts[c->n_callouts++] = (tc_callout){
                operating_x(r, i, w, e), wr->tokens_per_s_per_gpu,
                tc_chart_str(c, "%s", tc_fmt_board_count(num, sizeof num, wr->tokens_per_s_per_gpu)),
                tc_chart_platform_colour(i), TC_MARK_DIAMOND, (int)w + 1};
    }
    if (wl->min_interactivity.given)
        c->refs[c->n_refs++] = (tc_refline){1, wl->min_interactivity.value,
            tc_chart_str(c, "SLO %g", wl->min_interactivity.value), TC_OI_VERMILLION, (int)w + 1};
    return TC_OK;
}

/* Several workloads: small multiples, one panel per workload on shared
 * axes, so no line is read against another workload's service level. */
static tc_status build_panels(const tc_results *r, tc_chart *c)
{
    const tc_scenario *s = r->scenario;
    c->n_panels = s->n_workloads;
    c->panel_titles = tc_chart_alloc(c, s->n_workloads, sizeof *c->panel_titles);
    c->refs = tc_chart_alloc(c, s->n_workloads, sizeof *c->refs);
    c->callouts = tc_chart_alloc(c, s->n_platforms * s->n_workloads, sizeof *c->callouts);
    if (!c->panel_titles || !c->refs || !c->callouts)
        return TC_ERR_NOMEM;
    for (size_t w = 0; w < s->n_workloads; w++)
        if (panel(r, c, w) != TC_OK)
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
    if (s->n_workloads > 1) {
        if (build_panels(r, c) != TC_OK)
            return TC_ERR_NOMEM;
        if (c->n_series == 0)
            return TC_OK;
        curve_axes(r, c);
        c->subtitle = tc_chart_str(c, "%s \xe2\x80\x94 one panel per workload; dashed line: its "
                                   "service level (SLO), the interactivity each user must see; "
                                   "\xe2\x97\x86 operating points", tc_scenario_title(r));
        return TC_OK;
    }
    int several = count_shapes(s) > 1;
    for (size_t i = 0; i < s->n_platforms; i++)
        for (size_t w = 0; w < s->n_workloads; w++) {
            const tc_perf *e = entry_of(r, i, w);
            int shape = several ? (int)shape_of(s, w) : -1;
            if (e && !seen_before(r, i, w) && curve(r, c, i, e, shape) != TC_OK)
                return TC_ERR_NOMEM;
        }
    if (c->n_series == 0)
        return TC_OK;
    if (several && legend_keys(r, c, c->n_series) != TC_OK)
        return TC_ERR_NOMEM;
    c->type = TC_PLOT_XY;
    c->title = "Throughput vs interactivity";
    c->subtitle = tc_chart_str(c, "%s \xe2\x80\x94 vertical lines: SLOs; "
                               "\xe2\x97\x86 operating points", tc_scenario_title(r));
    c->x.label = "interactivity, output tokens/s per user";
    c->x.include_zero = 1;
    choose_log(c);
    c->y.label = tc_chart_str(c, "%s tokens/s per GPU%s", tc_basis_word(r),
                              c->y.log ? " (log scale)" : "");
    if (slo_lines(r, c) != TC_OK)
        return TC_ERR_NOMEM;
    return operating_points(r, c);
}
