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

/* What is live and what is a value, one short line a row (a long cell
 * would widen the printed page). */
static const char *const live_lines[] = {
    "Blue cells on the Inputs sheet are inputs; they are unlocked, and every sheet is protected",
    "without a password, so a formula is not overwritten by accident (Unprotect Sheet lifts it).",
    "Every figure on the Summary, Platforms, Workloads, CostPerToken, TCO and Scoring sheets is",
    "a formula over the inputs: year-1 costs, fleet, cohorts, NPV, LCOT, margin, payback, rank,",
    "winner, claim verdicts, scores. Grey inputs (horizon, workload shares and sequence lengths)",
    "shape the sheets: change them in the scenario and render again. Sensitivity, break-even",
    "and Monte Carlo figures are values computed at render time for the inputs as filed.",
};

static void how_to_read(xl_ctx *c, lxw_row_t *r)
{
    for (size_t k = 0; k < sizeof live_lines / sizeof *live_lines; k++) {
        if (k == 0)
            xl_str(c, c->summary, *r, 0, "How to read", c->f.header);
        xl_str(c, c->summary, (*r)++, 1, live_lines[k], c->f.text);
    }
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
    how_to_read(c, r);
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
    char rk[64];
    xl_ref(rk, sizeof rk, "Platforms", XL_PLAT_ROW(i), XP_RANK);
    size_t k = 0;
    while (k < c->r->n_ranking && c->r->ranking[k] != i)
        k++;
    if (k < c->r->n_ranking && isfinite(pr->levelized_cost_per_m_tokens))
        xl_fx(c, ws, r, 10, c->f.int0, (double)k + 1, "=%s", rk);
    else
        xl_str(c, ws, r, 10, "not covered", c->f.text);
}

/* The platform ranked n (1, 2) by LCOT on the Platforms sheet: its row's
 * cell in col, looked up live. */
static void ranked(char *buf, size_t len, const xl_ctx *c, int n, int col)
{
    char ids[64], ranks[64];
    size_t last = c->s->n_platforms - 1;
    xl_range(ids, sizeof ids, "Platforms", XL_PLAT_ROW(0), XL_PLAT_ROW(last), (lxw_col_t)col);
    xl_range(ranks, sizeof ranks, "Platforms", XL_PLAT_ROW(0), XL_PLAT_ROW(last), XP_RANK);
    snprintf(buf, len, "INDEX(%s,MATCH(%d,%s,0))", ids, n, ranks);
}

/* Winner and runner-up by LCOT among the covered bids, and the margin
 * between them: LCOT ratio and NPV difference (runner-up over winner). */
static void decision(xl_ctx *c, lxw_row_t *r)
{
    const tc_results *res = c->r;
    if (res->n_ranking == 0)
        return;
    const tc_platform_result *w = &res->platforms[res->ranking[0]];
    char id1[200], id2[200], l1[200], l2[200], n1[200], n2[200];
    ranked(id1, sizeof id1, c, 1, XP_ID), ranked(id2, sizeof id2, c, 2, XP_ID);
    ranked(l1, sizeof l1, c, 1, XP_LCOT), ranked(l2, sizeof l2, c, 2, XP_LCOT);
    ranked(n1, sizeof n1, c, 1, XP_TCO_NPV), ranked(n2, sizeof n2, c, 2, XP_TCO_NPV);
    (*r)++;
    xl_str(c, c->summary, (*r)++, 0, "Decision (lowest levelized cost among the bids covering the "
           "mix)", c->f.section);
    xl_str(c, c->summary, *r, 0, "Winner", c->f.header);
    xl_define(c, "winner", "winner", "Summary", *r, 1);
    xl_fx_str(c, c->summary, (*r)++, 1, c->f.text, w->in->id, "=%s", id1);
    if (res->n_ranking < 2)
        return;
    const tc_platform_result *u = &res->platforms[res->ranking[1]];
    xl_str(c, c->summary, *r, 0, "Runner-up", c->f.header);
    xl_define(c, "runner_up", "runner_up", "Summary", *r, 1);
    xl_fx_str(c, c->summary, (*r)++, 1, c->f.text, u->in->id, "=%s", id2);
    xl_str(c, c->summary, *r, 0, "LCOT, 2nd / 1st", c->f.header);
    xl_define(c, "decision.lcot_ratio", "lcot_ratio", "Summary", *r, 1);
    xl_fx(c, c->summary, (*r)++, 1, c->f.ratio, u->levelized_cost_per_m_tokens
          / w->levelized_cost_per_m_tokens, "=%s/%s", l2, l1);
    xl_str(c, c->summary, *r, 0, "TCO NPV, 2nd - 1st", c->f.header);
    xl_define(c, "decision.npv_difference", "npv_difference", "Summary", *r, 1);
    xl_fx(c, c->summary, (*r)++, 1, c->f.money0, u->tco_npv - w->tco_npv, "=%s-%s", n2, n1);
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
    xl_note(c, c->summary, *r, 10, "Rank of the covered platforms by levelized cost, lowest "
            "first (ties in platform order); a formula.");
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

static void claim_row(xl_ctx *c, lxw_row_t r, size_t i, size_t k)
{
    const tc_claim_result *cl = &c->r->platforms[i].claims[k];
    const tc_claim *in = &c->s->platforms[i].claims[k];
    lxw_worksheet *ws = c->summary;
    char d[16], v[16], q[16], dev[16], verdict[96], gap[64];
    lxw_rowcol_to_cell(v, r, 2);
    lxw_rowcol_to_cell(q, r, 3);
    lxw_rowcol_to_cell(d, r, 4);
    lxw_rowcol_to_cell(dev, r, 5);
    xl_str(c, ws, r, 0, c->s->platforms[i].id, c->f.text);
    xl_str(c, ws, r, 1, claim_label[cl->metric], c->f.text);
    xl_fx(c, ws, r, 2, c->f.text, cl->claimed, "={p%zu.claim%zu}", i, k);   /* as written */
    xl_num(c, ws, r, 3, in->quantum, c->f.fixed_num);
    xl_fx(c, ws, r, 4, c->f.num4, cl->computed, "={p%zu.%s}", i, claim_key[cl->metric]);
    xl_fx(c, ws, r, 5, c->f.pct, cl->deviation, "=(%s-%s)/%s", v, d, d);
    if (isnan(cl->computed)) {
        xl_str(c, ws, r, 6, "cannot be checked", c->f.text);
        return;
    }
    if (cl->consistent)
        snprintf(verdict, sizeof verdict, "consistent");
    else
        snprintf(verdict, sizeof verdict, "inconsistent: %s computed",
                 tc_fmt_gap(gap, sizeof gap, cl->deviation));
    /* METHOD.md: equal at the stated precision, or within 1%; the gap as
     * tc_fmt_gap words it (a multiple from double, to 2 significant
     * figures) */
    xl_fx_str(c, ws, r, 6, c->f.text, verdict, "=IF(OR(AND(%s>0,ROUND(%s/%s,0)=ROUND(%s/%s,0)),"
              "ABS(%s-%s)<=0.01*ABS(%s)),\"consistent\",\"inconsistent: \"&IF(ROUND(%s*100,1)>=100,"
              "IF(ROUND(1+%s,1)<10,TEXT(1+%s,\"0.0\"),TEXT(ROUND(1+%s,1-INT(LOG10(1+%s))),\"0\"))"
              "&\" times\",TEXT(ABS(%s)*100,\"0.0\")&\"%% \"&IF(%s<0,\"below\",\"above\"))"
              "&\" computed\")",
              q, d, q, v, q, v, d, d, dev, dev, dev, dev, dev, dev, dev);
}

static void claims(xl_ctx *c, lxw_row_t *r)
{
    size_t n = 0;
    for (size_t i = 0; i < c->s->n_platforms; i++)
        n += c->s->platforms[i].n_claims;
    if (n == 0)
        return;
    static const char *const t[] = { "Platform", "Claim", "Claimed", "Stated precision",
                                     "Computed", "Deviation", "Verdict" };
    (*r)++;
    xl_str(c, c->summary, (*r)++, 0, "Vendor claims checked", c->f.section);
    for (lxw_col_t k = 0; k < 7; k++)
        xl_str(c, c->summary, *r, k, t[k], c->f.header);
    xl_note(c, c->summary, *r, 6, "Consistent: the computed value, rounded to the claim's stated "
            "precision, equals it, or lies within 1%% of it; a formula. The claimed value is an input "
            "(Inputs sheet); its precision is as written in the bid.");
    (*r)++;
    for (size_t i = 0; i < c->s->n_platforms; i++)
        for (size_t k = 0; k < c->s->platforms[i].n_claims; k++)
            claim_row(c, (*r)++, i, k);
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
    static const double w[] = { 20, 34, 14, 12, 16, 12, 14, 14, 14, 16, 10 };
    for (lxw_col_t k = 0; k < 11; k++)
        xl_check(c, worksheet_set_column(c->summary, k, k, w[k], NULL), "set column");
    xl_page_setup(c, c->summary, "Summary");
    lxw_row_t r;
    about(c, &r);
    headline(c, &r);
    decision(c, &r);
    claims(c, &r);
    warnings(c, &r);
    c->chart_row = r + 2;
}
