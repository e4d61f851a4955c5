/* The Platforms sheet: per platform, the year-1 cost per GPU-hour and its
 * parts, the mix throughput and cost per million tokens, tokens/s per MW,
 * FLOPS per dollar, the ratio to the baseline, and the horizon totals over
 * the TCO sheet (NPV, LCOT, P&L, margin). Each cell has a defined name
 * ("h200_cost_per_gpu_hour") that the other sheets use. */
#include <math.h>
#include <stdio.h>

#include "tc_format.h"
#include "xlsx.h"

static const char *const metric[XP_NCOLS] = {
    [XP_ENERGY] = "energy_per_gpu_hour", [XP_FACILITY] = "facility_per_gpu_hour",
    [XP_CRF] = "crf", [XP_CAPITAL] = "capital_per_gpu_hour", [XP_COST_H] = "cost_per_gpu_hour",
    [XP_TPUT] = "tokens_per_s_per_gpu", [XP_TPMW] = "tokens_per_s_per_mw",
    [XP_PFLOPS] = "pflops_per_dollar_hour", [XP_COST_M] = "cost_per_m_tokens",
    [XP_REL] = "relative_to_baseline", [XP_TCO_NOM] = "tco_nominal", [XP_TCO_NPV] = "tco_npv",
    [XP_NPV_TOKENS] = "npv_tokens", [XP_LCOT] = "lcot", [XP_PNL] = "pnl_total",
    [XP_REV_NPV] = "revenue_npv", [XP_MARGIN] = "margin_total", [XP_PAYBACK] = "payback_years",
    [XP_PEAK_MW] = "peak_facility_mw", [XP_SITE_MAX] = "site_max_tokens_per_day",
    [XP_RANK] = "rank",
};

static void define_names(xl_ctx *c, size_t i)
{
    char key[64], base[300];
    for (int k = 0; k < XP_NCOLS && xl_ok(c); k++) {
        if (!metric[k])
            continue;
        snprintf(key, sizeof key, "p%zu.%s", i, metric[k]);
        snprintf(base, sizeof base, "%s_%s", c->s->platforms[i].id, metric[k]);
        xl_define(c, key, base, "Platforms", XL_PLAT_ROW(i), (lxw_col_t)k);
    }
}

static void cell(char *buf, size_t i, int col)
{
    lxw_rowcol_to_cell(buf, XL_PLAT_ROW(i), (lxw_col_t)col);
}

/* Energy and facility per GPU-hour; inside the price for cloud with power. */
static void power_costs(xl_ctx *c, size_t i)
{
    const tc_platform_result *pr = &c->r->platforms[i];
    lxw_row_t r = XL_PLAT_ROW(i);
    if (pr->in->pricing.kind == TC_PRICING_CLOUD) {
        xl_fx(c, c->platforms, r, XP_ENERGY, c->f.money4, pr->energy_per_gpu_hour,
              "=IF({p%zu.includes_power},0,{p%zu.power_kw_per_gpu}*{pue}*({utilization}"
              "+(1-{utilization})*{p%zu.idle_power_fraction})*{price_per_kwh})", i, i, i);
        xl_fx(c, c->platforms, r, XP_FACILITY, c->f.money4, pr->facility_per_gpu_hour,
              "=IF({p%zu.includes_power},0,{p%zu.power_kw_per_gpu}*{facility_per_kw_month}*12/8760)",
              i, i);
    } else {
        xl_fx(c, c->platforms, r, XP_ENERGY, c->f.money4, pr->energy_per_gpu_hour,
              "={p%zu.power_kw_per_gpu}*{pue}*({utilization}+(1-{utilization})"
              "*{p%zu.idle_power_fraction})*{price_per_kwh}", i, i);
        xl_fx(c, c->platforms, r, XP_FACILITY, c->f.money4, pr->facility_per_gpu_hour,
              "={p%zu.power_kw_per_gpu}*{facility_per_kw_month}*12/8760", i);
    }
}

static void gpu_hour(xl_ctx *c, size_t i)
{
    const tc_platform_result *pr = &c->r->platforms[i];
    lxw_row_t r = XL_PLAT_ROW(i);
    char e[16], f[16], crf[16], cap[16];
    cell(e, i, XP_ENERGY), cell(f, i, XP_FACILITY), cell(crf, i, XP_CRF), cell(cap, i, XP_CAPITAL);
    power_costs(c, i);
    if (pr->in->pricing.kind == TC_PRICING_OWNED) {
        xl_fx(c, c->platforms, r, XP_CRF, c->f.num6, pr->crf,
              "=IF({discount_rate}=0,1/{p%zu.amortization_years},{discount_rate}*(1+{discount_rate})"
              "^{p%zu.amortization_years}/((1+{discount_rate})^{p%zu.amortization_years}-1))", i, i, i);
        char cc[200];
        snprintf(cc, sizeof cc, "({p%zu.capex_per_node}+{p%zu.network_capex_per_node})/{p%zu.gpus_per_node}",
                 i, i, i);
        xl_fx(c, c->platforms, r, XP_CAPITAL, c->f.money4, pr->capital_per_gpu_hour,
              "=((%s-{p%zu.residual_value}*%s/(1+{discount_rate})^{p%zu.amortization_years})*%s"
              "+{p%zu.maintenance_rate}*%s+{p%zu.software_per_gpu_year})/8760",
              cc, i, cc, i, crf, i, cc, i);
    } else {
        xl_num(c, c->platforms, r, XP_CRF, NAN, NULL);
        xl_fx(c, c->platforms, r, XP_CAPITAL, c->f.money4, pr->capital_per_gpu_hour,
              "={p%zu.gpu_hour}", i);
    }
    xl_fx(c, c->platforms, r, XP_COST_H, c->f.money4, pr->cost_per_gpu_hour, "=%s+%s+%s", cap, e, f);
    xl_fx(c, c->platforms, r, XP_PFLOPS, c->f.num4, pr->pflops_per_dollar_hour,
          "={p%zu.peak_pflops}/{p%zu.cost_per_gpu_hour}", i, i);
}

/* Mix figures over the platform's CostPerToken rows. */
/* tc_fmt_vs's words as a formula over the ratio cell r, so the text moves
 * with the inputs as the ratio does: under 10% (rounded) a percentage,
 * else the ratio to 2 significant figures, "higher" or "lower". */
static void vs_formula(char *buf, size_t n, const char *r)
{
    char p[64], x[96], x2[240];
    snprintf(p, sizeof p, "ROUND(ABS(%s-1)*100,0)", r);
    snprintf(x, sizeof x, "IF(%s>1,%s,1/%s)", r, r, r);
    snprintf(x2, sizeof x2, "ROUND(%s,1-INT(LOG10(%s)))", x, x);
    snprintf(buf, n, "=IF(%s=0,\"same\",IF(%s<10,%s&\"%% \"&IF(%s>1,\"higher\",\"lower\"),"
             "TEXT(%s,IF(%s<10,\"0.0\",\"0\"))&\"x \"&IF(%s>1,\"higher\",\"lower\")))",
             p, p, p, r, x2, x2, r);
}

static void mix(xl_ctx *c, size_t i)
{
    const tc_platform_result *pr = &c->r->platforms[i];
    lxw_row_t r = XL_PLAT_ROW(i);
    lxw_row_t r0 = XL_CPT_ROW(c, i, 0), r1 = XL_CPT_ROW(c, i, c->s->n_workloads - 1);
    char inv[64], wc[64], t[16], cm[16];
    xl_range(inv, sizeof inv, "CostPerToken", r0, r1, XC_INV);
    xl_range(wc, sizeof wc, "CostPerToken", r0, r1, XC_WCOST);
    cell(t, i, XP_TPUT), cell(cm, i, XP_COST_M);
    xl_fx(c, c->platforms, r, XP_TPUT, c->f.num1, pr->tokens_per_s_per_gpu, "=1/SUM(%s)", inv);
    xl_fx(c, c->platforms, r, XP_TPMW, c->f.int0, pr->tokens_per_s_per_mw,
          "=%s/({p%zu.power_kw_per_gpu}*{pue})*1000", t, i);
    xl_fx(c, c->platforms, r, XP_COST_M, c->f.money4, pr->cost_per_m_tokens, "=SUM(%s)", wc);
    double base = c->r->platforms[c->r->baseline].cost_per_m_tokens;
    double ratio = tc_ratio_to(pr->cost_per_m_tokens, base);
    char rel[48], rc[16];
    cell(rc, i, XP_REL);
    xl_fx(c, c->platforms, r, XP_REL, c->f.ratio, ratio, "=%s/{p%zu.cost_per_m_tokens}", cm,
          c->r->baseline);
    char words[1024];
    vs_formula(words, sizeof words, rc);
    if (isfinite(ratio) && ratio > 0)
        xl_fx_str(c, c->platforms, r, XP_REL_TEXT, c->f.text,
                  tc_fmt_vs(rel, sizeof rel, pr->cost_per_m_tokens, base), "%s", words);
    else
        xl_num(c, c->platforms, r, XP_REL_TEXT, NAN, NULL);
}

/* The first crossing of the TCO sheet's payback column; 0 when the cash
 * position never goes below 0, "n/a" when it never comes back. */
static void payback(xl_ctx *c, size_t i)
{
    const tc_platform_result *pr = &c->r->platforms[i];
    lxw_row_t r = XL_PLAT_ROW(i), r0 = c->tco_first[i], r1 = r0 + c->tco_rows[i] - 1;
    if (!pr->years || !c->s->token_price_per_m.given) {
        xl_num(c, c->platforms, r, XP_PAYBACK, NAN, NULL);
        return;
    }
    char in[64], st[64], en[64];
    xl_range(in, sizeof in, "TCO", r0, r1, XT_PAYBACK_IN);
    xl_range(st, sizeof st, "TCO", r0, r1, XT_POS_START);
    xl_range(en, sizeof en, "TCO", r0, r1, XT_POS_END);
    xl_fx_na(c, c->platforms, r, XP_PAYBACK, c->f.num2, pr->payback_years,
             "=IF(COUNT(%s)>0,MIN(%s),IF(COUNTIF(%s,\"<0\")+COUNTIF(%s,\"<0\")>0,\"n/a\",0))",
             in, in, st, en);
}

/* Rank by LCOT among the covered platforms; ties by platform order, as
 * the engine ranks (the count of equal LCOTs in earlier rows). */
static void rank(xl_ctx *c, size_t i)
{
    const tc_platform_result *pr = &c->r->platforms[i];
    lxw_row_t r = XL_PLAT_ROW(i);
    size_t n = c->s->n_platforms, k = 0;
    if (!pr->covered || !isfinite(pr->levelized_cost_per_m_tokens)) {
        xl_str(c, c->platforms, r, XP_RANK, "not covered", c->f.text);
        return;
    }
    while (k < c->r->n_ranking && c->r->ranking[k] != i)
        k++;
    char all[64], before[64], me[16];
    xl_range(all, sizeof all, "Platforms", XL_PLAT_ROW(0), XL_PLAT_ROW(n - 1), XP_LCOT);
    cell(me, i, XP_LCOT);
    if (i == 0) {
        xl_fx(c, c->platforms, r, XP_RANK, c->f.int0, (double)k + 1, "=RANK(%s,%s,1)", me, all);
        return;
    }
    xl_range(before, sizeof before, "Platforms", XL_PLAT_ROW(0), XL_PLAT_ROW(i - 1), XP_LCOT);
    xl_fx(c, c->platforms, r, XP_RANK, c->f.int0, (double)k + 1, "=RANK(%s,%s,1)+COUNTIF(%s,%s)",
          me, all, before, me);
}

/* Horizon totals over the platform's TCO rows. */
static void totals(xl_ctx *c, size_t i)
{
    const tc_platform_result *pr = &c->r->platforms[i];
    lxw_worksheet *ws = c->platforms;
    lxw_row_t r = XL_PLAT_ROW(i), r0 = c->tco_first[i], r1 = r0 + c->tco_rows[i] - 1;
    char g[64], npv[16], tok[16];
    cell(npv, i, XP_TCO_NPV), cell(tok, i, XP_NPV_TOKENS);
#define TSUM(col, xc, fm, v, fn) do { xl_range(g, sizeof g, "TCO", r0, r1, xc); \
        xl_fx(c, ws, r, col, fm, pr->years ? (v) : NAN, "=" fn "(%s)", g); } while (0)
    TSUM(XP_TCO_NOM, XT_CASH, c->f.money0, pr->tco_nominal, "SUM");
    TSUM(XP_TCO_NPV, XT_DISC_COST, c->f.money0, pr->tco_npv, "SUM");
    TSUM(XP_NPV_TOKENS, XT_DISC_TOKENS, c->f.int0, pr->npv_tokens, "SUM");
    TSUM(XP_PNL, XT_PNL, c->f.money0, pr->pnl_total, "SUM");
    TSUM(XP_REV_NPV, XT_DISC_REV, c->f.money0, pr->revenue_npv, "SUM");
    TSUM(XP_MARGIN, XT_MARGIN, c->f.money0, pr->margin_total, "SUM");
    TSUM(XP_PEAK_MW, XT_MW, c->f.num2, pr->peak_facility_mw, "MAX");
#undef TSUM
    xl_fx(c, ws, r, XP_LCOT, c->f.money4, pr->levelized_cost_per_m_tokens, "=%s/%s*1000000", npv, tok);
    payback(c, i);
    xl_fx(c, ws, r, XP_SITE_MAX, c->f.int0, pr->site_max_tokens_per_day,
          "=FLOOR({site_power_mw}*1000/({p%zu.power_kw_per_gpu}*{pue})/{p%zu.gpus_per_node}"
          "*(1+1E-9),1)*{p%zu.gpus_per_node}*{p%zu.tokens_per_s_per_gpu}*{utilization}*86400",
          i, i, i, i);
    if (pr->site_fits >= 0) {
        char peak[16];
        cell(peak, i, XP_PEAK_MW);
        xl_fx_str(c, ws, r, XP_SITE_FITS, c->f.text, pr->site_fits ? "yes" : "no",
                  "=IF(%s<={site_power_mw},\"yes\",\"no\")", peak);
        if (!pr->site_fits)
            xl_note(c, ws, r, XP_SITE_FITS, "Over the site's power from year %d.",
                    pr->site_first_year_over);
    } else {
        xl_num(c, ws, r, XP_SITE_FITS, NAN, NULL);
    }
}

static void platform_row(xl_ctx *c, size_t i)
{
    const tc_platform_result *pr = &c->r->platforms[i];
    lxw_row_t r = XL_PLAT_ROW(i);
    xl_str(c, c->platforms, r, XP_ID, pr->in->id, c->f.text);
    xl_str(c, c->platforms, r, XP_NAME, pr->in->name, c->f.text);
    xl_str(c, c->platforms, r, XP_PRICING, tc_pricing_terms[pr->in->pricing.kind].name, c->f.text);
    if (pr->in->pricing.kind == TC_PRICING_API) {
        for (int k = XP_ENERGY; k <= XP_COST_H; k++)
            xl_num(c, c->platforms, r, (lxw_col_t)k, NAN, NULL);
        xl_num(c, c->platforms, r, XP_PFLOPS, NAN, NULL);
    } else {
        gpu_hour(c, i);
    }
    mix(c, i);
    totals(c, i);
    rank(c, i);
    if (!pr->covered)
        xl_note(c, c->platforms, r, XP_ID, "Does not cover every workload: see CostPerToken.");
}

void xl_sheet_platforms(xl_ctx *c)
{
    /* titles; money ones (flag 1) get the currency code appended */
    static const struct { const char *t; double w; int money; } t[XP_NCOLS] = {
        { "Platform", 12, 0 }, { "Name", 28, 0 }, { "Pricing", 8, 0 },
        { "Energy per GPU-hour", 12, 1 }, { "Facility per GPU-hour", 12, 1 },
        { "Capital recovery factor", 11, 0 }, { "Capital or price per GPU-hour", 13, 1 },
        { "Cost per GPU-hour, year 1", 13, 1 }, { "Tokens/s per GPU (mix)", 12, 0 },
        { "Tokens/s per MW", 13, 0 }, { "PFLOPS per currency-hour", 12, 0 },
        { "Cost per million tokens, year 1", 14, 1 }, { "Cost relative to baseline", 11, 0 },
        { "Relative to baseline", 13, 0 }, { "TCO, nominal", 15, 1 }, { "TCO, NPV", 15, 1 },
        { "Tokens, NPV", 17, 0 }, { "Levelized cost per million tokens", 14, 1 },
        { "P&L cost, total", 15, 1 }, { "Revenue, NPV", 15, 1 }, { "Gross margin, total", 15, 1 },
        { "Payback (years)", 10, 0 }, { "Peak facility MW", 10, 0 },
        { "Most tokens per day the site can serve", 17, 0 }, { "Fits the site", 8, 0 },
        { "Rank by LCOT", 8, 0 } };
    char h[XP_NCOLS][80];
    xl_col cols[XP_NCOLS];
    for (int k = 0; k < XP_NCOLS; k++) {
        if (t[k].money)
            snprintf(h[k], sizeof h[k], "%s (%s)", t[k].t, c->s->currency);
        else
            snprintf(h[k], sizeof h[k], "%s", t[k].t);
        cols[k] = (xl_col){ h[k], t[k].w };
    }
    xl_headers(c, c->platforms, cols, XP_NCOLS);
    xl_page_setup(c, c->platforms, "Platforms");
    for (size_t i = 0; i < c->s->n_platforms; i++)
        define_names(c, i);
    for (size_t i = 0; i < c->s->n_platforms; i++)
        platform_row(c, i);
}
