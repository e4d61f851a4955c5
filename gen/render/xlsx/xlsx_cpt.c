/* The Workloads and CostPerToken sheets: a row per platform and workload
 * with the throughput at the SLO as a formula over the two bracketing
 * performance points of the Inputs sheet, and the year-1 cost per million
 * tokens over the platform's cost per GPU-hour. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "xlsx.h"

static void workload_row(xl_ctx *c, size_t w)
{
    const tc_workload *wl = &c->s->workloads[w];
    lxw_worksheet *ws = c->workloads;
    lxw_row_t r = (lxw_row_t)(1 + w);
    xl_str(c, ws, r, 0, wl->id, c->f.text);
    xl_str(c, ws, r, 1, wl->name, c->f.text);
    xl_str(c, ws, r, 2, wl->model, c->f.text);
    xl_fx(c, ws, r, 3, c->f.int0, wl->isl, "={w%zu.isl}", w);
    xl_fx(c, ws, r, 4, c->f.int0, wl->osl, "={w%zu.osl}", w);
    xl_fx(c, ws, r, 5, c->f.pct, wl->share.value, "={w%zu.share}", w);
    if (wl->min_interactivity.given)
        xl_fx(c, ws, r, 6, c->f.num1, wl->min_interactivity.value, "={w%zu.min_interactivity}", w);
    else
        xl_str(c, ws, r, 6, "none: the largest throughput", c->f.text);
}

void xl_sheet_workloads(xl_ctx *c)
{
    static const xl_col cols[] = {
        { "Workload", 14 }, { "Name", 30 }, { "Model", 18 }, { "Input tokens per request", 12 },
        { "Output tokens per request", 12 }, { "Share of tokens", 10 },
        { "SLO: min output tokens/s per user", 16 } };
    xl_headers(c, c->workloads, cols, sizeof cols / sizeof cols[0]);
    xl_page_setup(c, c->workloads, "Workloads");
    for (size_t w = 0; w < c->s->n_workloads; w++)
        workload_row(c, w);
}

/* The factor that puts the entry's throughput on the scenario's basis. */
static void conversion(const xl_ctx *c, const tc_perf *e, size_t w, char *buf, size_t n)
{
    if (e->basis == c->s->token_basis)
        buf[0] = '\0';
    else if (c->s->token_basis == TC_BASIS_TOTAL)
        snprintf(buf, n, "*({w%zu.isl}+{w%zu.osl})/{w%zu.osl}", w, w, w);
    else
        snprintf(buf, n, "*{w%zu.osl}/({w%zu.isl}+{w%zu.osl})", w, w, w);
}

static double on_basis(const xl_ctx *c, const tc_perf *e, double v)
{
    if (e->basis == c->s->token_basis)
        return v;
    if (c->s->token_basis == TC_BASIS_TOTAL)
        return v * (e->isl + e->osl) / e->osl;
    return v * e->osl / (e->isl + e->osl);
}

/* The point of e the engine used as (x, y): same interactivity, same
 * throughput on the basis; -1 when none is (the cell then gets a value). */
static long find_point(const xl_ctx *c, const tc_perf *e, double x, double y)
{
    for (size_t j = 0; j < e->n_points; j++) {
        double yj = on_basis(c, e, e->points[j].throughput.value);
        if ((!e->has_interactivity || e->points[j].interactivity.value == x)
            && fabs(yj - y) <= 1e-12 * fabs(y))
            return (long)j;
    }
    return -1;
}

/* x and y of a bracketing point into cols (cx, cx + 1). 0 if not found. */
static int bracket(xl_ctx *c, lxw_row_t r, size_t i, size_t w, const tc_perf *e,
                   double x, double y, lxw_col_t cx)
{
    size_t k = (size_t)c->r->platforms[i].workloads[w].perf_index;
    long j = find_point(c, e, x, y);
    if (j < 0)
        return 0;
    char conv[128];
    conversion(c, e, w, conv, sizeof conv);
    xl_fx(c, c->cpt, r, cx, c->f.num1, x, "={p%zu.e%zu.x%ld}", i, k, j);
    xl_fx(c, c->cpt, r, cx + 1, c->f.num1, y, "={p%zu.e%zu.t%ld}%s", i, k, j, conv);
    return 1;
}

static void cell(char *buf, lxw_row_t r, lxw_col_t col)
{
    lxw_rowcol_to_cell(buf, r, col);
}

/* Throughput at the SLO: the formula for how the engine found it. */
static void throughput(xl_ctx *c, lxw_row_t r, size_t i, size_t w)
{
    const tc_wl_result *o = &c->r->platforms[i].workloads[w];
    const tc_perf *e = &c->s->platforms[i].perf[o->perf_index];
    size_t k = (size_t)o->perf_index;
    char conv[128], d[16], xl[16], yl[16], xh[16], yh[16], terms[6000] = "";
    conversion(c, e, w, conv, sizeof conv);
    cell(d, r, XC_SLO), cell(xl, r, XC_XLO), cell(yl, r, XC_YLO), cell(xh, r, XC_XHI), cell(yh, r, XC_YHI);
    double t = o->tokens_per_s_per_gpu;
    int ok = 1;
    if (o->how == TC_TPUT_FLAT) {
        ok = bracket(c, r, i, w, e, o->x_lo, o->y_lo, XC_XLO);
        if (ok)
            xl_fx(c, c->cpt, r, XC_TPUT, c->f.num1, t, "=%s", yl);
    } else if (o->how == TC_TPUT_INTERP) {
        ok = bracket(c, r, i, w, e, o->x_lo, o->y_lo, XC_XLO)
             && bracket(c, r, i, w, e, o->x_hi, o->y_hi, XC_XHI);
        if (ok)
            xl_fx(c, c->cpt, r, XC_TPUT, c->f.num1, t, "=%s+(%s-%s)*(%s-%s)/(%s-%s)",
                  yl, yh, yl, d, xl, xh, xl);
    } else if (o->how == TC_TPUT_SINGLE) {
        xl_fx(c, c->cpt, r, XC_TPUT, c->f.num1, t, "={p%zu.e%zu.t0}%s", i, k, conv);
    } else if (o->how == TC_TPUT_MAX && e->n_points <= 100) {
        size_t at = 0;
        for (size_t j = 0; j < e->n_points; j++)
            at += (size_t)snprintf(terms + at, sizeof terms - at, "%s{p%zu.e%zu.t%zu}",
                                   j ? "," : "", i, k, j);
        xl_fx(c, c->cpt, r, XC_TPUT, c->f.num1, t, "=MAX(%s)%s", terms, conv);
    } else {
        ok = 0;
    }
    if (!ok) {
        xl_num(c, c->cpt, r, XC_TPUT, t, c->f.num1);
        xl_note(c, c->cpt, r, XC_TPUT, "The engine's value: its points could not be matched "
                "to a formula over the Inputs sheet.");
    }
}

static const char *how_text(tc_tput_how how)
{
    switch (how) {
    case TC_TPUT_FLAT: return "SLO at or below the lowest interactivity: that point";
    case TC_TPUT_INTERP: return "interpolated between the two bracketing points";
    case TC_TPUT_MAX: return "no SLO: the largest throughput";
    case TC_TPUT_SINGLE: return "one-point entry (no interactivity)";
    case TC_TPUT_API: return "api: priced per token";
    default: return "not covered";
    }
}

static void api_cost(xl_ctx *c, lxw_row_t r, size_t i, size_t w, double v)
{
    if (c->s->token_basis == TC_BASIS_TOTAL)
        xl_fx(c, c->cpt, r, XC_COST, c->f.money4, v,
              "=({w%zu.isl}*{p%zu.input_per_m}+{w%zu.osl}*{p%zu.output_per_m})/({w%zu.isl}+{w%zu.osl})",
              w, i, w, i, w, w);
    else
        xl_fx(c, c->cpt, r, XC_COST, c->f.money4, v,
              "=({w%zu.isl}*{p%zu.input_per_m}+{w%zu.osl}*{p%zu.output_per_m})/{w%zu.osl}",
              w, i, w, i, w);
}

static void cpt_row(xl_ctx *c, size_t i, size_t w)
{
    const tc_wl_result *o = &c->r->platforms[i].workloads[w];
    const tc_workload *wl = &c->s->workloads[w];
    lxw_worksheet *ws = c->cpt;
    lxw_row_t r = XL_CPT_ROW(c, i, w);
    char t[16], k[16], cost[16];
    cell(t, r, XC_TPUT), cell(k, r, XC_SHARE), cell(cost, r, XC_COST);
    xl_str(c, ws, r, XC_PLAT, c->s->platforms[i].id, c->f.text);
    xl_str(c, ws, r, XC_WL, wl->id, c->f.text);
    char how[300];
    snprintf(how, sizeof how, "%s%s%s", how_text(o->covered ? o->how : TC_TPUT_NONE),
             o->covered ? "" : ": ", o->covered ? "" : o->reason ? o->reason : "");
    xl_str(c, ws, r, XC_HOW, how, c->f.text);
    if (wl->min_interactivity.given)
        xl_fx(c, ws, r, XC_SLO, c->f.num1, wl->min_interactivity.value, "={w%zu.min_interactivity}", w);
    xl_fx(c, ws, r, XC_SHARE, c->f.pct, wl->share.value, "={w%zu.share}", w);
    if (!o->covered) {
        xl_num(c, ws, r, XC_TPUT, NAN, NULL);
        xl_num(c, ws, r, XC_COST, NAN, NULL);
        return;
    }
    if (o->how == TC_TPUT_API) {
        api_cost(c, r, i, w, o->cost_per_m_tokens);
    } else {
        throughput(c, r, i, w);
        xl_fx(c, ws, r, XC_COST, c->f.money4, o->cost_per_m_tokens,
              "={p%zu.cost_per_gpu_hour}/(%s*{utilization}*3600)*1000000", i, t);
        xl_fx(c, ws, r, XC_INV, c->f.num6, wl->share.value / o->tokens_per_s_per_gpu,
              "=%s/%s", k, t);
    }
    xl_fx(c, ws, r, XC_WCOST, c->f.money4, wl->share.value * o->cost_per_m_tokens, "=%s*%s", k, cost);
}

void xl_sheet_cpt(xl_ctx *c)
{
    char cur[80];
    snprintf(cur, sizeof cur, "Cost per million tokens, year 1 (%s)", c->s->currency);
    const xl_col cols[XC_NCOLS] = {
        { "Platform", 12 }, { "Workload", 12 }, { "Throughput at the SLO: how", 40 },
        { "SLO: min output tokens/s per user", 14 }, { "Lower point: interactivity", 13 },
        { "Lower point: tokens/s per GPU", 13 }, { "Upper point: interactivity", 13 },
        { "Upper point: tokens/s per GPU", 13 }, { "Tokens/s per GPU at the SLO", 13 },
        { cur, 16 }, { "Share of tokens", 10 }, { "Share / throughput (for the mix)", 14 },
        { "Share x cost (for the mix)", 14 } };
    xl_headers(c, c->cpt, cols, XC_NCOLS);
    xl_page_setup(c, c->cpt, "Cost per token");
    for (size_t i = 0; i < c->s->n_platforms; i++)
        for (size_t w = 0; w < c->s->n_workloads; w++)
            cpt_row(c, i, w);
}
