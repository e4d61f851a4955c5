/* The Scoring sheet, live: a row per bid in platform order with its
 * compliance (each requirement's bound, an input, against the bid's figure),
 * each criterion's value and its 0..100 score against the best compliant
 * bid, the weighted score (weights are inputs, normalised to sum to 1) and
 * the rank; below, each criterion's weight, direction and best value. */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "xlsx.h"

enum { XS_RANK, XS_PLAT, XS_SCORE, XS_OK, XS_WHY, XS_CRIT };    /* then value, score per criterion */
#define XS_ROW(i) ((lxw_row_t)(2 + (i)))
#define XS_MAX_CRIT 60

/* Where each scoring metric is: a Platforms figure (its name key), or the
 * TCO column whose worst year counts (facility_mw). */
static const struct {
    const char *key;
    size_t offset;              /* into tc_platform_result or tc_year */
    int tco_col;                /* -1: a Platforms figure */
} figures[TC_METRIC_COUNT] = {
    [TC_METRIC_COST_PER_M_TOKENS] = { "cost_per_m_tokens",
                                      offsetof(tc_platform_result, cost_per_m_tokens), -1 },
    [TC_METRIC_TOKENS_PER_S_PER_MW] = { "tokens_per_s_per_mw",
                                        offsetof(tc_platform_result, tokens_per_s_per_mw), -1 },
    [TC_METRIC_TOKENS_PER_S_PER_GPU] = { "tokens_per_s_per_gpu",
                                         offsetof(tc_platform_result, tokens_per_s_per_gpu), -1 },
    [TC_METRIC_COST_PER_GPU_HOUR] = { "cost_per_gpu_hour",
                                      offsetof(tc_platform_result, cost_per_gpu_hour), -1 },
    [TC_METRIC_PFLOPS_PER_DOLLAR_HOUR] = { "pflops_per_dollar_hour",
                                           offsetof(tc_platform_result, pflops_per_dollar_hour), -1 },
    [TC_METRIC_LCOT] = { "lcot", offsetof(tc_platform_result, levelized_cost_per_m_tokens), -1 },
    [TC_METRIC_TCO_NPV] = { "tco_npv", offsetof(tc_platform_result, tco_npv), -1 },
    [TC_METRIC_TCO_NOMINAL] = { "tco_nominal", offsetof(tc_platform_result, tco_nominal), -1 },
    [TC_METRIC_FACILITY_MW] = { NULL, offsetof(tc_year, facility_mw), XT_MW },
};

/* The formula of bid i's figure into buf and its engine value (NAN when it
 * does not apply, or for meets_slo: *buf is then empty). */
static double figure_of(const xl_ctx *c, size_t i, tc_metric m, int worst_is_max, char *buf,
                        size_t n)
{
    const tc_platform_result *pr = &c->r->platforms[i];
    buf[0] = '\0';
    if ((unsigned)m >= TC_METRIC_MEETS_SLO)
        return NAN;
    if (figures[m].tco_col < 0) {
        double v = *(const double *)((const char *)pr + figures[m].offset);
        if (isfinite(v))
            snprintf(buf, n, "{p%zu.%s}", i, figures[m].key);
        return v;
    }
    double w = NAN;
    for (int y = 0; pr->years && y < c->s->horizon_years; y++) {
        double v = *(const double *)((const char *)&pr->years[y] + figures[m].offset);
        if (!isnan(v) && (isnan(w) || (worst_is_max ? v > w : v < w)))
            w = v;
    }
    if (isfinite(w)) {
        char g[64];
        lxw_row_t r0 = c->tco_first[i], r1 = r0 + c->tco_rows[i] - 1;
        xl_range(g, sizeof g, "TCO", r0, r1, (lxw_col_t)figures[m].tco_col);
        snprintf(buf, n, "%s(%s)", worst_is_max ? "MAX" : "MIN", g);
    }
    return w;
}

static const tc_score *score_of(const xl_ctx *c, size_t i)
{
    for (size_t k = 0; k < c->r->scoring->n_scores; k++)
        if (c->r->scoring->scores[k].platform == i)
            return &c->r->scoring->scores[k];
    return NULL;
}

/* Lower is better for criterion k: its own direction, else the metric's. */
static int lower_is_better(const xl_ctx *c, size_t k)
{
    const tc_criterion *q = &c->s->analysis.criteria[k];
    tc_better b = q->better != TC_BETTER_DEFAULT ? q->better : tc_metric_terms[q->metric].better;
    return b == TC_BETTER_LOWER;
}

/* Appends to buf (size n, *o used); a text that does not fit sets *o to n. */
static void add(char *buf, size_t n, size_t *o, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void add(char *buf, size_t n, size_t *o, const char *fmt, ...)
{
    if (*o >= n)
        return;
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(buf + *o, n - *o, fmt, ap);
    va_end(ap);
    *o = k < 0 || (size_t)k >= n - *o ? n : *o + (size_t)k;
}

/* Compliance of covered bid i: "OR(fail,...)" over the bounds that apply,
 * and the list of failures as the formula writes it. 0 when none applies,
 * or when so many do that the formula would not fit (the engine's verdict
 * is then written as a value). */
static int bounds(xl_ctx *c, size_t i, char *cond, size_t n, char *why, size_t wn,
                  char *cached, size_t cn)
{
    const tc_analysis *a = &c->s->analysis;
    size_t o = 0, w = 0, cw = 0;
    int count = 0;
    cached[0] = why[0] = cond[0] = '\0';
    for (size_t k = 0; k < a->n_requirements; k++) {
        const tc_requirement *q = &a->requirements[k];
        const char *name = tc_metric_terms[q->metric].name;
        for (int side = 0; side < 2 && q->metric != TC_METRIC_MEETS_SLO; side++) {
            if (!(side ? q->has_min : q->has_max))
                continue;
            char f[256];
            double v = figure_of(c, i, q->metric, !side, f, sizeof f);
            if (!f[0])
                continue;   /* no such figure for this bid: not checked, as the analysis */
            const char *cmp = side ? "<" : ">", *word = side ? "below its min" : "above its max";
            add(cond, n, &o, "%s%s%s{sc.%s%zu}", count ? "," : "", f, cmp, side ? "min" : "max", k);
            add(why, wn, &w, "&IF(%s%s{sc.%s%zu},\"; %s %s\",\"\")", f, cmp,
                side ? "min" : "max", k, name, word);
            if (side ? v < q->min : v > q->max)
                add(cached, cn, &cw, "; %s %s", name, word);
            count++;
        }
    }
    return o < n && w < wn && cw < cn ? count : 0;
}

static void compliance(xl_ctx *c, lxw_worksheet *ws, size_t i)
{
    lxw_row_t r = XS_ROW(i);
    const tc_score *s = score_of(c, i);
    char cond[4000], why[6000], cached[600];
    if (!c->r->platforms[i].covered || !bounds(c, i, cond, sizeof cond, why, sizeof why,
                                               cached, sizeof cached)) {
        xl_str(c, ws, r, XS_OK, s && !s->reason ? "yes" : "no", c->f.text);
        xl_str(c, ws, r, XS_WHY, s ? s->reason : NULL, c->f.text);
        return;
    }
    xl_fx_str(c, ws, r, XS_OK, c->f.text, cached[0] ? "no" : "yes",
              "=IF(OR(%s),\"no\",\"yes\")", cond);
    xl_fx_str(c, ws, r, XS_WHY, c->f.text, cached[0] ? cached + 2 : "", "=MID(\"\"%s,3,1000)", why);
}

/* A number, or "" where the bid is not compliant. */
static void cell_or_blank(xl_ctx *c, lxw_worksheet *ws, lxw_row_t r, int col, lxw_format *f,
                          int ok, double v, const char *tmpl, const char *ok_cell, const char *expr)
{
    if (ok && isfinite(v))
        xl_fx(c, ws, r, (lxw_col_t)col, f, v, tmpl, ok_cell, expr);
    else
        xl_fx_str(c, ws, r, (lxw_col_t)col, f, "", tmpl, ok_cell, expr);
}

/* Bid i's value and score on criterion k; adds "+{weight}*score" to sum. */
static void criterion_cells(xl_ctx *c, lxw_worksheet *ws, size_t i, size_t k, lxw_row_t best_row,
                            char *sum, size_t n)
{
    lxw_row_t r = XS_ROW(i);
    const tc_score *s = score_of(c, i);
    int ok = s && !s->reason;
    lxw_col_t vc = (lxw_col_t)(XS_CRIT + 2 * k);
    char okc[16], f[256], vcell[16], best[32], sc[16], e[400];
    int lower = lower_is_better(c, k);
    double v = figure_of(c, i, c->s->analysis.criteria[k].metric, lower, f, sizeof f);
    lxw_rowcol_to_cell(okc, r, XS_OK);
    lxw_rowcol_to_cell(vcell, r, vc);
    lxw_rowcol_to_cell_abs(best, best_row + (lxw_row_t)k, XS_WHY + 4, 1, 1);
    lxw_rowcol_to_cell(sc, r, vc + 1);
    cell_or_blank(c, ws, r, vc, NULL, ok && f[0], v, "=IF(%s=\"yes\",%s,\"\")", okc,
                  f[0] ? f : "\"\"");
    snprintf(e, sizeof e, "100*%s/%s", lower ? best : vcell, lower ? vcell : best);
    cell_or_blank(c, ws, r, vc + 1, c->f.num1, ok && f[0],
                  ok && s->criterion_scores ? s->criterion_scores[k] : NAN,
                  "=IF(%s=\"yes\",%s,\"\")", okc, e);
    size_t o = strlen(sum);
    snprintf(sum + o, o < n ? n - o : 0, "%s{sc.nw%zu}*%s", k ? "+" : "", k, sc);
}

static void bid_row(xl_ctx *c, lxw_worksheet *ws, size_t i, size_t nc, lxw_row_t best_row)
{
    lxw_row_t r = XS_ROW(i);
    const tc_score *s = score_of(c, i);
    int ok = s && !s->reason;
    char okc[16], e[400], sum[2000] = "";
    lxw_rowcol_to_cell(okc, r, XS_OK);
    xl_str(c, ws, r, XS_PLAT, c->s->platforms[i].id, c->f.text);
    compliance(c, ws, i);
    for (size_t k = 0; k < nc; k++)
        criterion_cells(c, ws, i, k, best_row, sum, sizeof sum);
    cell_or_blank(c, ws, r, XS_SCORE, c->f.num1, ok, ok ? s->score : NAN,
                  "=IF(%s=\"yes\",%s,\"\")", okc, nc ? sum : "0");
    char me[16], rng[64], prev[64];
    lxw_rowcol_to_cell(me, r, XS_SCORE);
    xl_range(rng, sizeof rng, "Scoring", XS_ROW(0), XS_ROW(c->s->n_platforms - 1), XS_SCORE);
    if (i == 0) {
        snprintf(e, sizeof e, "RANK(%s,%s,0)", me, rng);
    } else {    /* ties in platform order, as the analysis ranks */
        xl_range(prev, sizeof prev, "Scoring", XS_ROW(0), XS_ROW(i - 1), XS_SCORE);
        snprintf(e, sizeof e, "RANK(%s,%s,0)+COUNTIF(%s,%s)", me, rng, prev, me);
    }
    cell_or_blank(c, ws, r, XS_RANK, c->f.int0, ok, ok ? s->rank : NAN, "=IF(%s=\"yes\",%s,\"\")",
                  okc, e);
}

/* Criteria table from row r0: metric, weight (Inputs), normalised weight,
 * direction, best compliant value. */
static void criteria(xl_ctx *c, lxw_worksheet *ws, lxw_row_t r0, size_t nc)
{
    static const char *const h[] = { "Criterion", "Weight", "Normalised weight", "Better",
                                     "Best compliant value" };
    const tc_analysis *a = &c->s->analysis;
    const lxw_col_t c0 = XS_WHY;    /* the wide column holds the metric */
    xl_str(c, ws, r0 - 1, c0, "Criteria", c->f.section);
    for (lxw_col_t k = 0; k < 5; k++)
        xl_str(c, ws, r0, c0 + k, h[k], c->f.header);
    char all[1200] = "";
    size_t o = 0;
    for (size_t k = 0; k < nc; k++)
        o += (size_t)snprintf(all + o, o < sizeof all ? sizeof all - o : 0, "%s{sc.w%zu}",
                              k ? "," : "", k);
    double sum = 0;
    for (size_t k = 0; k < nc; k++)
        sum += a->criteria[k].weight;
    for (size_t k = 0; k < nc && xl_ok(c); k++) {
        lxw_row_t r = r0 + 1 + (lxw_row_t)k;
        int lower = lower_is_better(c, k);
        char key[32], base[300], vals[64];
        const char *name = tc_metric_terms[a->criteria[k].metric].name;
        xl_str(c, ws, r, c0, name, c->f.text);
        xl_fx(c, ws, r, c0 + 1, c->f.num4, a->criteria[k].weight, "={sc.w%zu}", k);
        snprintf(key, sizeof key, "sc.nw%zu", k);
        snprintf(base, sizeof base, "score_nweight_%s", name);
        xl_define(c, key, base, "Scoring", r, c0 + 2);
        xl_fx(c, ws, r, c0 + 2, c->f.num6, a->criteria[k].weight / sum, "={sc.w%zu}/SUM(%s)", k, all);
        xl_str(c, ws, r, c0 + 3, lower ? "lower" : "higher", c->f.text);
        xl_range(vals, sizeof vals, "Scoring", XS_ROW(0), XS_ROW(c->s->n_platforms - 1),
                 (lxw_col_t)(XS_CRIT + 2 * k));
        double best = NAN;
        char f[256];
        for (size_t j = 0; j < c->r->scoring->n_scores; j++) {
            const tc_score *s = &c->r->scoring->scores[j];
            double v = s->reason ? NAN : figure_of(c, s->platform, a->criteria[k].metric, lower,
                                                   f, sizeof f);
            if (!isnan(v) && (isnan(best) || (lower ? v < best : v > best)))
                best = v;
        }
        xl_fx(c, ws, r, c0 + 4, NULL, best, "=%s(%s)", lower ? "MIN" : "MAX", vals);
    }
}

void xl_sheet_scoring(xl_ctx *c)
{
    const tc_analysis *an = &c->s->analysis;
    size_t nc = an->n_criteria < XS_MAX_CRIT ? an->n_criteria : XS_MAX_CRIT;
    lxw_worksheet *ws = workbook_add_worksheet(c->wb, "Scoring");
    if (!ws) {
        xl_fail(c, TC_ERR_RENDER, "workbook: cannot add sheet Scoring");
        return;
    }
    xl_str(c, ws, 0, 0, "Live: compliance against the requirement bounds and the criterion "
           "weights of the Inputs sheet; each criterion scored 0..100 against the best compliant "
           "bid, weighted sum, ranked; a non-compliant bid is not ranked.", c->f.note);
    char h[XS_CRIT + 2 * XS_MAX_CRIT][80];
    static const char *const t[] = { "Rank", "Platform", "Score", "Compliant", "Non-compliance" };
    static const double wd[] = { 6, 12, 9, 10, 36 };
    for (int k = 0; k < XS_CRIT; k++) {
        xl_str(c, ws, 1, (lxw_col_t)k, t[k], c->f.header);
        xl_check(c, worksheet_set_column(ws, (lxw_col_t)k, (lxw_col_t)k, wd[k], NULL), "set column");
    }
    for (size_t k = 0; k < nc; k++) {
        const char *name = tc_metric_terms[an->criteria[k].metric].name;
        snprintf(h[2 * k], sizeof h[0], "%s", name);
        snprintf(h[2 * k + 1], sizeof h[0], "%s: score", name);
        for (int j = 0; j < 2; j++) {
            lxw_col_t col = (lxw_col_t)(XS_CRIT + 2 * k + (size_t)j);
            xl_str(c, ws, 1, col, h[2 * k + (size_t)j], c->f.header);
            xl_check(c, worksheet_set_column(ws, col, col, 14, NULL), "set column");
        }
    }
    xl_check(c, worksheet_set_row(ws, 1, 30, NULL), "set row");
    worksheet_freeze_panes(ws, 2, 2);
    xl_page_setup(c, ws, "Scoring");
    lxw_row_t best_row = XS_ROW(c->s->n_platforms) + 2;
    criteria(c, ws, best_row, nc);
    for (size_t i = 0; i < c->s->n_platforms && xl_ok(c); i++) {
        char key[48], base[300];
        snprintf(key, sizeof key, "p%zu.score", i);
        snprintf(base, sizeof base, "%s_score", c->s->platforms[i].id);
        xl_define(c, key, base, "Scoring", XS_ROW(i), XS_SCORE);
        snprintf(key, sizeof key, "p%zu.score_rank", i);
        snprintf(base, sizeof base, "%s_score_rank", c->s->platforms[i].id);
        xl_define(c, key, base, "Scoring", XS_ROW(i), XS_RANK);
        bid_row(c, ws, i, nc, best_row + 1);
    }
}
