/* The TCO sheet: a row per year per platform with demand, the fleet
 * (CEILING of the nodes needed), the owned cohorts, cash by category, P&L,
 * revenue and margin, discount factors and the discounted columns that the
 * Platforms sheet sums into NPV and LCOT. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>

#include "xlsx.h"

typedef struct {
    xl_ctx *c;
    size_t i;                   /* platform */
    const tc_year *y;
    lxw_row_t r, r0;            /* this row, the platform's first */
    double cum_cash;            /* cumulative cash cost through this year */
    double cum;                 /* cash position (payback) before this year */
    char a[XT_NCOLS][16];       /* this row's cell names, "C5" */
} row_ctx;

static void fx(row_ctx *x, int col, lxw_format *f, double v, const char *tmpl, ...)
    __attribute__((format(printf, 5, 6)));

/* xl_fx over this row; {P} in tmpl stands for "p<i>". */
static void fx(row_ctx *x, int col, lxw_format *f, double v, const char *tmpl, ...)
{
    char buf[4096], out[4096];
    va_list ap;
    va_start(ap, tmpl);
    vsnprintf(buf, sizeof buf, tmpl, ap);
    va_end(ap);
    size_t o = 0;
    for (const char *p = buf; *p && o + 24 < sizeof out; p++) {
        if (p[0] == '{' && p[1] == 'P' && p[2] == '.') {
            o += (size_t)snprintf(out + o, sizeof out - o, "{p%zu.", x->i);
            p += 2;
        } else {
            out[o++] = *p;
        }
    }
    out[o] = '\0';
    xl_fx(x->c, x->c->tco, x->r, (lxw_col_t)col, f, v, "%s", out);
}

static void zero(row_ctx *x, int col)
{
    xl_num(x->c, x->c->tco, x->r, (lxw_col_t)col, 0, x->c->f.money0);
}

/* Demand, tokens and (for GPUs) the nodes needed. */
static void demand(row_ctx *x, int gpus)
{
    const tc_year *y = x->y;
    xl_ctx *c = x->c;
    char (*a)[16] = x->a;
    xl_num(c, c->tco, x->r, XT_YEAR, y->year, c->f.year);
    fx(x, XT_DEMAND, c->f.int0, y->demand_tokens_per_day, "={tokens_per_day}*(1+{growth})^(%s-1)",
       a[XT_YEAR]);
    fx(x, XT_TOKENS, c->f.int0, y->tokens, "=365*%s", a[XT_DEMAND]);
    if (!gpus)
        return;
    fx(x, XT_TPUT, c->f.num1, y->tokens_per_s_per_gpu,
       "={P.tokens_per_s_per_gpu}*(1+{P.software_uplift})^(%s-1)", a[XT_YEAR]);
    /* the engine's ceil ignores floating noise of 1e-9 the same way */
    fx(x, XT_NODES, c->f.int0, y->nodes,
       "=CEILING(%s/86400/(%s*{utilization})/{P.gpus_per_node}*(1-1E-9),1)", a[XT_DEMAND], a[XT_TPUT]);
    fx(x, XT_GPUS, c->f.int0, y->gpus, "=%s*{P.gpus_per_node}", a[XT_NODES]);
}

/* Energy and facility of the GPUs in col (needed for cloud, installed for owned). */
static void power(row_ctx *x, int gpu_col)
{
    xl_ctx *c = x->c;
    fx(x, XT_ENERGY, c->f.money0, x->y->energy,
       "=%s*{P.energy_per_gpu_hour}*(1+{escalation})^(%s-1)*8760", x->a[gpu_col], x->a[XT_YEAR]);
    fx(x, XT_FACILITY, c->f.money0, x->y->facility, "=%s*{P.facility_per_gpu_hour}*8760",
       x->a[gpu_col]);
}

static void cloud(row_ctx *x)
{
    xl_ctx *c = x->c;
    char (*a)[16] = x->a;
    fx(x, XT_NODES_INST, c->f.int0, x->y->nodes_installed, "=%s", a[XT_NODES]);
    fx(x, XT_GPUS_INST, c->f.int0, x->y->gpus_installed, "=%s", a[XT_GPUS]);
    xl_num(c, c->tco, x->r, XT_BOUGHT, NAN, NULL);
    fx(x, XT_RENT, c->f.money0, x->y->rent, "=%s*8760*{P.gpu_hour}*(1+{P.annual_change})^(%s-1)",
       a[XT_GPUS], a[XT_YEAR]);
    zero(x, XT_API), zero(x, XT_MAINT), zero(x, XT_SOFTWARE), zero(x, XT_CREDIT), zero(x, XT_DEPR);
    power(x, XT_GPUS);
}

static void api(row_ctx *x)
{
    xl_ctx *c = x->c;
    for (int k = XT_TPUT; k <= XT_GPUS_INST; k++)
        xl_num(c, c->tco, x->r, (lxw_col_t)k, NAN, NULL);
    fx(x, XT_API, c->f.money0, x->y->api,
       "=%s*{P.cost_per_m_tokens}/1000000*(1+{P.annual_change})^(%s-1)", x->a[XT_TOKENS], x->a[XT_YEAR]);
    zero(x, XT_RENT), zero(x, XT_ENERGY), zero(x, XT_FACILITY), zero(x, XT_MAINT);
    zero(x, XT_SOFTWARE), zero(x, XT_CREDIT), zero(x, XT_DEPR);
}

#define PRICE "({P.capex_per_node}+{P.network_capex_per_node})"

/* "TCO!$B$2:$B$5"-style relative ranges of this platform's rows r0..r1 in
 * col, as plain cell references ("B2:B5"). */
static void rows(const row_ctx *x, lxw_row_t r1, int col, char *buf, size_t n)
{
    char a[16], b[16];
    lxw_rowcol_to_cell_abs(a, x->r0, (lxw_col_t)col, 1, 1);
    lxw_rowcol_to_cell_abs(b, r1, (lxw_col_t)col, 1, 1);
    snprintf(buf, n, "%s:%s", a, b);
}

/* The cohorts in service before this year's purchase: the nodes bought in
 * the previous L-1 years (L = amortization_years, live), "0" in year 1. */
static void alive(row_ctx *x, char *buf, size_t n)
{
    if (x->r == x->r0) {
        snprintf(buf, n, "0");
        return;
    }
    char yr[40], bo[40];
    rows(x, x->r - 1, XT_YEAR, yr, sizeof yr);
    rows(x, x->r - 1, XT_BOUGHT, bo, sizeof bo);
    snprintf(buf, n, "SUMIF(%s,\">=\"&(%s-{P.amortization_years}+1),%s)", yr, x->a[XT_YEAR], bo);
}

/* Residual credits: the cohort bought in year y-L+1 retires at the end of
 * year y and returns R * its capex; at the end of year H every cohort in
 * service returns its book value capex * (1 - (1-R) * age / L). */
static void credit(row_ctx *x, int horizon)
{
    char yr[40], bo[40];
    rows(x, x->r, XT_YEAR, yr, sizeof yr);
    rows(x, x->r, XT_BOUGHT, bo, sizeof bo);
    if (x->y->year < horizon)
        fx(x, XT_CREDIT, x->c->f.money0, x->y->credit,
           "={P.residual_value}*SUMIF(%s,%s-{P.amortization_years}+1,%s)*" PRICE, yr,
           x->a[XT_YEAR], bo);
    else
        fx(x, XT_CREDIT, x->c->f.money0, x->y->credit,
           "=SUMPRODUCT((%s>=%d-{P.amortization_years}+1)*%s*(1-(1-{P.residual_value})*(%d+1-%s)"
           "/{P.amortization_years}))*" PRICE, yr, horizon, bo, horizon, yr);
}

static void owned(row_ctx *x)
{
    xl_ctx *c = x->c;
    char (*a)[16] = x->a;
    char before[160];
    alive(x, before, sizeof before);
    fx(x, XT_BOUGHT, c->f.int0, x->y->nodes_bought, "=MAX(0,%s-%s)", a[XT_NODES], before);
    fx(x, XT_NODES_INST, c->f.int0, x->y->nodes_installed, "=%s+%s", before, a[XT_BOUGHT]);
    fx(x, XT_GPUS_INST, c->f.int0, x->y->gpus_installed, "=%s*{P.gpus_per_node}", a[XT_NODES_INST]);
    if (x->y->year == 1)
        xl_note(c, c->tco, x->r, XT_BOUGHT, "Cohorts: nodes are bought when first needed and kept "
                "amortization_years (an input), then refreshed; each year's purchase tops the "
                "cohorts still in service up to the nodes needed.");
    fx(x, XT_CAPEX, c->f.money0, x->y->capex, "=%s*" PRICE "%s", a[XT_BOUGHT],
       x->y->year == 1 ? "+{P.one_time}" : "");
    zero(x, XT_RENT), zero(x, XT_API);
    power(x, XT_GPUS_INST);
    fx(x, XT_MAINT, c->f.money0, x->y->maintenance, "={P.maintenance_rate}*%s*" PRICE,
       a[XT_NODES_INST]);
    fx(x, XT_SOFTWARE, c->f.money0, x->y->software, "={P.software_per_gpu_year}*%s", a[XT_GPUS_INST]);
    credit(x, c->s->horizon_years);
    fx(x, XT_DEPR, c->f.money0, x->y->depreciation,
       "=%s*" PRICE "*(1-{P.residual_value})/{P.amortization_years}", a[XT_NODES_INST]);
}

/* Payback (with a token price): the cash position after the year's capex
 * (start) and after its revenue, opex and credits (end); in the first year
 * with start < 0 <= end, the crossing interpolated inside the year and
 * rounded up to the month, as the engine does. */
static void position(row_ctx *x)
{
    xl_ctx *c = x->c;
    const tc_year *y = x->y;
    char (*a)[16] = x->a;
    double start = x->cum - y->capex;
    double end = start + y->revenue - y->opex + y->credit;
    if (y->year == 1) {
        fx(x, XT_POS_START, c->f.money0, start, "=-%s", a[XT_CAPEX]);
    } else {
        char prev[16];
        lxw_rowcol_to_cell(prev, x->r - 1, XT_POS_END);
        fx(x, XT_POS_START, c->f.money0, start, "=%s-%s", prev, a[XT_CAPEX]);
    }
    fx(x, XT_POS_END, c->f.money0, end, "=%s+%s-%s+%s", a[XT_POS_START], a[XT_REVENUE],
       a[XT_OPEX], a[XT_CREDIT]);
    const char *s = a[XT_POS_START], *e = a[XT_POS_END];
    char f[400];
    snprintf(f, sizeof f, "=IF(AND(%s<0,%s>=0),ROUNDUP((%s-1-%s/(%s-%s))*12-1E-9,0)/12,\"\")",
             s, e, a[XT_YEAR], s, e, s);
    if (start < 0 && end >= 0)
        fx(x, XT_PAYBACK_IN, c->f.num2, ceil((y->year - 1 + -start / (end - start)) * 12 - 1e-9) / 12,
           "%s", f);
    else
        xl_fx_str(c, c->tco, x->r, XT_PAYBACK_IN, c->f.num2, "", "%s", f);
    x->cum = end;
}

/* Opex, cash, P&L, revenue, power and the discounted columns. */
static void closing(row_ctx *x, int gpus)
{
    xl_ctx *c = x->c;
    const tc_year *y = x->y;
    char (*a)[16] = x->a;
    if (x->c->s->platforms[x->i].pricing.kind != TC_PRICING_OWNED)
        fx(x, XT_CAPEX, c->f.money0, y->capex, y->year == 1 ? "={P.one_time}" : "=0");
    fx(x, XT_OTHER, c->f.money0, y->other, "={P.other_per_year}");
    fx(x, XT_OPEX, c->f.money0, y->opex, "=SUM(%s:%s)", a[XT_RENT], a[XT_OTHER]);
    fx(x, XT_CASH, c->f.money0, y->cash, "=%s+%s-%s", a[XT_CAPEX], a[XT_OPEX], a[XT_CREDIT]);
    fx(x, XT_PNL, c->f.money0, y->pnl_cost, "=%s+%s%s", a[XT_DEPR], a[XT_OPEX],
       y->year == 1 ? "+{P.one_time}" : "");
    fx(x, XT_REVENUE, c->f.money0, y->revenue, "=%s*{token_price_per_m}/1000000", a[XT_TOKENS]);
    fx(x, XT_MARGIN, c->f.money0, y->gross_margin, "=%s-%s", a[XT_REVENUE], a[XT_PNL]);
    fx(x, XT_MW, c->f.num2, gpus ? y->facility_mw : NAN, "=%s*{P.power_kw_per_gpu}*{pue}/1000",
       a[XT_GPUS_INST]);
    fx(x, XT_DF_START, c->f.num6, y->df_start, "=1/(1+{discount_rate})^(%s-1)", a[XT_YEAR]);
    fx(x, XT_DF_END, c->f.num6, y->df_end, "=1/(1+{discount_rate})^%s", a[XT_YEAR]);
    fx(x, XT_DISC_COST, c->f.money0, y->capex * y->df_start + (y->opex - y->credit) * y->df_end,
       "=%s*%s+(%s-%s)*%s", a[XT_CAPEX], a[XT_DF_START], a[XT_OPEX], a[XT_CREDIT], a[XT_DF_END]);
    fx(x, XT_DISC_TOKENS, c->f.int0, y->tokens * y->df_end, "=%s*%s", a[XT_TOKENS], a[XT_DF_END]);
    fx(x, XT_DISC_REV, c->f.money0, y->revenue * y->df_end, "=%s*%s", a[XT_REVENUE], a[XT_DF_END]);
    if (y->year == 1) {
        fx(x, XT_CUM_CASH, c->f.money0, x->cum_cash, "=%s", a[XT_CASH]);
    } else {
        char prev[16];
        lxw_rowcol_to_cell(prev, x->r - 1, XT_CUM_CASH);
        fx(x, XT_CUM_CASH, c->f.money0, x->cum_cash, "=%s+%s", prev, a[XT_CASH]);
    }
    if (c->s->token_price_per_m.given)
        position(x);
}

static void year_row(xl_ctx *c, size_t i, int k, double *cum_cash, double *pos)
{
    const tc_platform_result *pr = &c->r->platforms[i];
    *cum_cash += pr->years[k].cash;
    row_ctx x = { c, i, &pr->years[k], c->tco_first[i] + (lxw_row_t)k, c->tco_first[i], *cum_cash,
                  *pos, { { 0 } } };
    for (int col = 0; col < XT_NCOLS; col++)
        lxw_rowcol_to_cell(x.a[col], x.r, (lxw_col_t)col);
    tc_pricing_kind kind = pr->in->pricing.kind;
    xl_str(c, c->tco, x.r, XT_PLAT, pr->in->id, c->f.text);
    demand(&x, kind != TC_PRICING_API);
    if (kind == TC_PRICING_CLOUD)
        cloud(&x);
    else if (kind == TC_PRICING_OWNED)
        owned(&x);
    else
        api(&x);
    closing(&x, kind != TC_PRICING_API);
    *pos = x.cum;
}

static void platform_rows(xl_ctx *c, size_t i)
{
    const tc_platform_result *pr = &c->r->platforms[i];
    if (!pr->years) {
        xl_str(c, c->tco, c->tco_first[i], XT_PLAT, pr->in->id, c->f.text);
        xl_str(c, c->tco, c->tco_first[i], XT_YEAR, "not covered: no fleet or TCO", c->f.text);
        return;
    }
    double cum = 0, pos = 0;
    for (int k = 0; k < c->s->horizon_years && xl_ok(c); k++)
        year_row(c, i, k, &cum, &pos);
}

void xl_sheet_tco(xl_ctx *c)
{
    static const struct { const char *t; double w; int money; } t[XT_NCOLS] = {
        { "Platform", 12, 0 }, { "Year", 6, 0 }, { "Demand, tokens per day", 15, 0 },
        { "Tokens delivered", 17, 0 }, { "Tokens/s per GPU (with uplift)", 11, 0 },
        { "Nodes needed", 9, 0 }, { "GPUs needed", 9, 0 }, { "Nodes installed", 9, 0 },
        { "Nodes bought", 9, 0 }, { "GPUs installed", 9, 0 }, { "Capex", 14, 1 },
        { "Cloud rent", 14, 1 }, { "API spend", 14, 1 }, { "Energy", 13, 1 }, { "Facility", 13, 1 },
        { "Maintenance", 13, 1 }, { "Software", 13, 1 }, { "Other", 12, 1 }, { "Opex", 14, 1 },
        { "Residual credit", 13, 1 }, { "Cash cost", 14, 1 }, { "Depreciation", 14, 1 },
        { "P&L cost", 14, 1 }, { "Revenue", 14, 1 }, { "Gross margin", 14, 1 },
        { "Facility MW", 9, 0 }, { "Discount factor, start of year", 10, 0 },
        { "Discount factor, end of year", 10, 0 }, { "Discounted cost", 14, 1 },
        { "Discounted tokens", 17, 0 }, { "Discounted revenue", 14, 1 },
        { "Cumulative cash cost", 15, 1 }, { "Cash position after capex (payback)", 15, 1 },
        { "Cash position at year end (payback)", 15, 1 }, { "Payback in this year (years)", 10, 0 } };
    char h[XT_NCOLS][64];
    xl_col cols[XT_NCOLS];
    for (int k = 0; k < XT_NCOLS; k++) {
        if (t[k].money)
            snprintf(h[k], sizeof h[k], "%s (%s)", t[k].t, c->s->currency);
        else
            snprintf(h[k], sizeof h[k], "%s", t[k].t);
        cols[k] = (xl_col){ h[k], t[k].w };
    }
    xl_headers(c, c->tco, cols, XT_NCOLS);
    worksheet_freeze_panes(c->tco, 1, 2);
    xl_page_setup(c, c->tco, "TCO");
    for (size_t i = 0; i < c->s->n_platforms; i++)
        platform_rows(c, i);
}
