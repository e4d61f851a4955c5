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

static void cell(char *buf, lxw_row_t r, lxw_col_t col)
{
    lxw_rowcol_to_cell(buf, r, col);
}

/* Points of an entry a formula lists one by one (the bracket search is
 * spelled out with scalar IFs: no array formula, no function that one of
 * Excel, LibreOffice and Gnumeric lacks); longer curves get values. */
#define XL_MAX_POINTS 40

typedef struct {
    xl_ctx *c;
    lxw_row_t r;
    size_t i, w, k, n;
    char conv[128];
    char d[16], xl[16], yl[16], xh[16], yh[16];     /* this row's cells */
} pts;

/* ",{X0},{X1},..." of the points' interactivity (x) or throughput (t). */
static void list(const pts *p, char what, char *buf, size_t n)
{
    size_t o = 0;
    buf[0] = '\0';
    for (size_t j = 0; j < p->n && o < n; j++)
        o += (size_t)snprintf(buf + o, n - o, "%s{p%zu.e%zu.%c%zu}", j ? "," : "", p->i, p->k,
                              what, j);
}

/* "IF(cmp X0,X0,far),IF(...)" : the points on one side of the SLO. */
static void side(const pts *p, const char *cmp, const char *far, char *buf, size_t n)
{
    size_t o = 0;
    for (size_t j = 0; j < p->n && o < n; j++)
        o += (size_t)snprintf(buf + o, n - o, "%sIF({p%zu.e%zu.x%zu}%s%s,{p%zu.e%zu.x%zu},%s)",
                              j ? "," : "", p->i, p->k, j, cmp, p->d, p->i, p->k, j, far);
}

/* Throughput of the point whose interactivity is in cell x: the first. */
static void pick(const pts *p, const char *x, char *buf, size_t n)
{
    size_t o = 0;
    for (size_t j = 0; j < p->n && o < n; j++)
        o += (size_t)snprintf(buf + o, n - o, "IF(%s={p%zu.e%zu.x%zu},{p%zu.e%zu.t%zu},", x, p->i,
                              p->k, j, p->i, p->k, j);
    o += (size_t)snprintf(buf + o, o < n ? n - o : 0, "NA()");
    for (size_t j = 0; j < p->n && o < n; j++)
        o += (size_t)snprintf(buf + o, n - o, ")");
}

/* METHOD.md: at or below the smallest interactivity, that point; between
 * two, linear; above the largest, not covered (#N/A here). */
static void at_slo(pts *p, const tc_wl_result *o)
{
    xl_ctx *c = p->c;
    char xs[2400], lo[3600], hi[3600], y[3600];
    list(p, 'x', xs, sizeof xs);
    side(p, "<", "-1E+300", lo, sizeof lo);
    side(p, ">=", "1E+300", hi, sizeof hi);
    xl_fx(c, c->cpt, p->r, XC_XLO, c->f.num1, o->x_lo, "=IF(%s<=MIN(%s),MIN(%s),MAX(%s))",
          p->d, xs, xs, lo);
    xl_fx(c, c->cpt, p->r, XC_XHI, c->f.num1, o->x_hi, "=IF(%s<=MIN(%s),%s,MIN(%s))", p->d, xs,
          p->xl, hi);
    pick(p, p->xl, y, sizeof y);
    xl_fx(c, c->cpt, p->r, XC_YLO, c->f.num1, o->y_lo, "=%s%s", y, p->conv);
    pick(p, p->xh, y, sizeof y);
    xl_fx(c, c->cpt, p->r, XC_YHI, c->f.num1, o->y_hi, "=%s%s", y, p->conv);
    xl_fx(c, c->cpt, p->r, XC_TPUT, c->f.num1, o->tokens_per_s_per_gpu,
          "=IF(%s>MAX(%s),NA(),IF(%s=%s,%s,%s+(%s-%s)*(%s-%s)/(%s-%s)))", p->d, xs, p->xh, p->xl,
          p->yl, p->yl, p->yh, p->yl, p->d, p->xl, p->xh, p->xl);
    xl_fx_str(c, c->cpt, p->r, XC_HOW, c->f.text, o->how == TC_TPUT_FLAT
              ? "SLO at or below the lowest interactivity: that point"
              : "interpolated between the two bracketing points",
              "=IF(%s>MAX(%s),\"not covered: slo above the highest measured interactivity\","
              "IF(%s=%s,\"SLO at or below the lowest interactivity: that point\","
              "\"interpolated between the two bracketing points\"))", p->d, xs, p->xh, p->xl);
}

/* Whether the longest formula over these points (the bracket search names
 * each interactivity four times, each throughput twice) stays within
 * Excel's 8,192 characters once keys become names (ids may be long). */
static int fits(const xl_ctx *c, const pts *p)
{
    size_t len = 400;
    char key[64];
    for (size_t j = 0; j < p->n; j++) {
        snprintf(key, sizeof key, "p%zu.e%zu.x%zu", p->i, p->k, j);
        const char *x = xl_name_of(c, key);
        snprintf(key, sizeof key, "p%zu.e%zu.t%zu", p->i, p->k, j);
        const char *t = xl_name_of(c, key);
        len += 4 * (x ? strlen(x) : 0) + 2 * (t ? strlen(t) : 0) + 40;
    }
    return p->n <= XL_MAX_POINTS && len < 8192;
}

/* Throughput at the SLO: a formula over the entry's points on Inputs. */
static void throughput(xl_ctx *c, lxw_row_t r, size_t i, size_t w)
{
    const tc_wl_result *o = &c->r->platforms[i].workloads[w];
    const tc_perf *e = &c->s->platforms[i].perf[o->perf_index];
    pts p = { c, r, i, w, (size_t)o->perf_index, e->n_points, "", "", "", "", "", "" };
    conversion(c, e, w, p.conv, sizeof p.conv);
    cell(p.d, r, XC_SLO), cell(p.xl, r, XC_XLO), cell(p.yl, r, XC_YLO);
    cell(p.xh, r, XC_XHI), cell(p.yh, r, XC_YHI);
    char ts[2400];
    if (o->how != TC_TPUT_SINGLE && !fits(c, &p)) {
        xl_num(c, c->cpt, r, XC_TPUT, o->tokens_per_s_per_gpu, c->f.num1);
        xl_note(c, c->cpt, r, XC_TPUT, "The engine's value at render time: a curve of more than "
                "%d points, or with names too long for one formula, is not spelled out as a "
                "formula.", XL_MAX_POINTS);
    } else if (o->how == TC_TPUT_FLAT || o->how == TC_TPUT_INTERP) {
        at_slo(&p, o);
    } else if (o->how == TC_TPUT_SINGLE) {
        xl_fx(c, c->cpt, r, XC_TPUT, c->f.num1, o->tokens_per_s_per_gpu, "={p%zu.e%zu.t0}%s",
              i, p.k, p.conv);
    } else {
        list(&p, 't', ts, sizeof ts);
        xl_fx(c, c->cpt, r, XC_TPUT, c->f.num1, o->tokens_per_s_per_gpu, "=MAX(%s)%s", ts, p.conv);
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
    xl_str(c, ws, r, XC_HOW, how, c->f.text);     /* at_slo replaces it with a formula */
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
