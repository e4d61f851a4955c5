/* The Summary sheet: what the scenario is, the headline table (year-1
 * figures, LCOT and NPV per platform, as formulas over the Platforms sheet's
 * names), the vendor claims checked, and every warning. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tc_format.h"
#include "xlsx.h"

static const char *base_name(const char *path)
{
    const char *s = path ? strrchr(path, '/') : NULL;
    return s ? s + 1 : path;
}

static void pair(xl_ctx *c, lxw_row_t *r, const char *label, const char *value)
{
    if (!value)
        return;
    xl_str(c, c->summary, *r, 0, label, c->f.header);
    xl_str(c, c->summary, *r, 1, value, c->f.text);
    (*r)++;
}

static void about(xl_ctx *c, lxw_row_t *r)
{
    const tc_scenario *s = c->s;
    char h[16];
    xl_str(c, c->summary, 0, 0, s->title, c->f.title);
    xl_str(c, c->summary, 1, 0, s->subtitle, c->f.subtitle);
    *r = 3;
    pair(c, r, "Prepared for", s->prepared_for);
    pair(c, r, "Prepared by", s->prepared_by);
    pair(c, r, "Date", s->date);
    pair(c, r, "Currency", s->currency);
    pair(c, r, "Token basis", s->token_basis == TC_BASIS_TOTAL ? "total (input + output tokens)"
                                                               : "output tokens");
    pair(c, r, "Baseline", s->platforms[c->r->baseline].id);
    snprintf(h, sizeof h, "%d", s->horizon_years);
    pair(c, r, "Horizon (years)", h);
    pair(c, r, "Scenario file", base_name(s->file));
    pair(c, r, "Input SHA-256", s->input_sha256);
    for (size_t k = 0; k < s->n_overrides; k++)
        pair(c, r, "What-if override", s->overrides[k]);
    pair(c, r, "How to read", "Blue cells on the Inputs sheet are inputs; every other figure is "
         "a formula over them. Change an input and every dependent figure moves.");
}

static void headline_row(xl_ctx *c, lxw_row_t r, size_t i)
{
    const tc_platform_result *pr = &c->r->platforms[i];
    lxw_worksheet *ws = c->summary;
    char rel[48];
    xl_str(c, ws, r, 0, pr->in->id, c->f.text);
    xl_str(c, ws, r, 1, pr->in->name, c->f.text);
    xl_fx(c, ws, r, 2, c->f.money4, pr->cost_per_gpu_hour, "={p%zu.cost_per_gpu_hour}", i);
    xl_fx(c, ws, r, 3, c->f.num1, pr->tokens_per_s_per_gpu, "={p%zu.tokens_per_s_per_gpu}", i);
    xl_fx(c, ws, r, 4, c->f.int0, pr->tokens_per_s_per_mw, "={p%zu.tokens_per_s_per_mw}", i);
    xl_fx(c, ws, r, 5, c->f.num4, pr->pflops_per_dollar_hour, "={p%zu.pflops_per_dollar_hour}", i);
    xl_fx(c, ws, r, 6, c->f.money4, pr->cost_per_m_tokens, "={p%zu.cost_per_m_tokens}", i);
    double ratio = tc_ratio_to(pr->cost_per_m_tokens, c->r->platforms[c->r->baseline].cost_per_m_tokens);
    char ref[64];
    xl_ref(ref, sizeof ref, "Platforms", XL_PLAT_ROW(i), XP_REL_TEXT);
    if (isfinite(ratio) && ratio > 0)
        xl_fx_str(c, ws, r, 7, c->f.text,
                  tc_fmt_vs(rel, sizeof rel, pr->cost_per_m_tokens,
                            c->r->platforms[c->r->baseline].cost_per_m_tokens), "=%s", ref);
    else
        xl_num(c, ws, r, 7, NAN, NULL);
    xl_fx(c, ws, r, 8, c->f.money4, pr->levelized_cost_per_m_tokens,
          "={p%zu.lcot}", i);
    xl_fx(c, ws, r, 9, c->f.money0, pr->tco_npv, "={p%zu.tco_npv}", i);
    int rank = 0;
    for (size_t k = 0; k < c->r->n_ranking; k++)
        if (c->r->ranking[k] == i)
            rank = (int)k + 1;
    if (rank)
        xl_num(c, ws, r, 10, rank, c->f.int0);
    else
        xl_str(c, ws, r, 10, "not covered", c->f.text);
}

static void headline(xl_ctx *c, lxw_row_t *r)
{
    char h[7][80];
    const char *cur = c->s->currency;
    snprintf(h[0], sizeof h[0], "Cost per GPU-hour (%s)", cur);
    snprintf(h[1], sizeof h[1], "Cost per million tokens, year 1 (%s)", cur);
    snprintf(h[2], sizeof h[2], "Levelized cost per million tokens (%s)", cur);
    snprintf(h[3], sizeof h[3], "TCO, NPV (%s)", cur);
    snprintf(h[4], sizeof h[4], "PFLOPS per %s-hour", cur);
    const char *t[] = { "Platform", "Name", h[0], "Tokens/s per GPU", "Tokens/s per MW", h[4],
                        h[1], "Relative cost", h[2], h[3], "Rank by LCOT" };
    (*r)++;
    xl_str(c, c->summary, (*r)++, 0, "Headline (year 1, and over the horizon)", c->f.section);
    for (lxw_col_t k = 0; k < 11; k++)
        xl_str(c, c->summary, *r, k, t[k], c->f.header);
    xl_note(c, c->summary, *r, 10, "The engine's ranking of the covered platforms by levelized "
            "cost (a value, not a formula).");
    (*r)++;
    for (size_t i = 0; i < c->s->n_platforms; i++)
        headline_row(c, (*r)++, i);
}

static const char *const claim_key[TC_CLAIM_METRIC_COUNT] = {
    "cost_per_m_tokens", "tokens_per_s_per_mw", "tokens_per_s_per_gpu", "cost_per_gpu_hour",
    "pflops_per_dollar_hour", "lcot" };

static const char *const claim_label[TC_CLAIM_METRIC_COUNT] = {
    "cost per million tokens", "tokens/s per MW", "tokens/s per GPU", "cost per GPU-hour",
    "PFLOPS per currency-hour", "levelized cost per million tokens" };

static void claim_row(xl_ctx *c, lxw_row_t r, size_t i, const tc_claim_result *cl)
{
    lxw_worksheet *ws = c->summary;
    char d[16], v[16], verdict[96];
    lxw_rowcol_to_cell(v, r, 2);
    lxw_rowcol_to_cell(d, r, 3);
    xl_str(c, ws, r, 0, c->s->platforms[i].id, c->f.text);
    xl_str(c, ws, r, 1, claim_label[cl->metric], c->f.text);
    xl_num(c, ws, r, 2, cl->claimed, c->f.in_num);
    xl_fx(c, ws, r, 3, c->f.num4, cl->computed, "={p%zu.%s}", i, claim_key[cl->metric]);
    xl_fx(c, ws, r, 4, c->f.pct, cl->deviation, "=(%s-%s)/%s", v, d, d);
    if (isnan(cl->computed))
        snprintf(verdict, sizeof verdict, "cannot be checked");
    else if (cl->consistent)
        snprintf(verdict, sizeof verdict, "consistent");
    else
        snprintf(verdict, sizeof verdict, "inconsistent: %.1f%% %s computed",
                 fabs(cl->deviation) * 100, cl->deviation < 0 ? "below" : "above");
    xl_str(c, ws, r, 5, verdict, c->f.text);
}

static void claims(xl_ctx *c, lxw_row_t *r)
{
    size_t n = 0;
    for (size_t i = 0; i < c->s->n_platforms; i++)
        n += c->s->platforms[i].n_claims;
    if (n == 0)
        return;
    static const char *const t[] = { "Platform", "Claim", "Claimed", "Computed", "Deviation",
                                     "Verdict" };
    (*r)++;
    xl_str(c, c->summary, (*r)++, 0, "Vendor claims checked", c->f.section);
    for (lxw_col_t k = 0; k < 6; k++)
        xl_str(c, c->summary, *r, k, t[k], c->f.header);
    xl_note(c, c->summary, *r, 5, "Consistent: the computed value, rounded to the claim's stated "
            "precision, equals it, or lies within 1%% of it (the engine's verdict).");
    (*r)++;
    for (size_t i = 0; i < c->s->n_platforms; i++)
        for (size_t k = 0; k < c->s->platforms[i].n_claims; k++)
            claim_row(c, (*r)++, i, &c->r->platforms[i].claims[k]);
}

static void warnings(xl_ctx *c, lxw_row_t *r)
{
    if (c->r->n_warnings + c->n_warnings == 0)
        return;
    (*r)++;
    xl_str(c, c->summary, (*r)++, 0, "Warnings", c->f.section);
    for (size_t k = 0; k < c->r->n_warnings; k++)
        xl_str(c, c->summary, (*r)++, 0, c->r->warnings[k], c->f.text);
    /* the workbook's own (a cut text); this loop may add none itself */
    for (size_t k = 0; k < c->n_warnings; k++)
        xl_str(c, c->summary, (*r)++, 0, c->warnings[k], c->f.text);
}

void xl_sheet_summary(xl_ctx *c)
{
    static const double w[] = { 20, 34, 13, 12, 13, 12, 14, 14, 14, 16, 10 };
    for (lxw_col_t k = 0; k < 11; k++)
        xl_check(c, worksheet_set_column(c->summary, k, k, w[k], NULL), "set column");
    xl_page_setup(c, c->summary, "Summary");
    lxw_row_t r;
    about(c, &r);
    headline(c, &r);
    claims(c, &r);
    warnings(c, &r);
    c->chart_row = r + 2;
}
