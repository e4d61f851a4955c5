/* The cover and the executive summary: what the board reads first. */
#include "pdf.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tc_format.h"


/* Wrapped lines of text in font f, size, from the cursor; returns the height. */
static void lines_at(tc_pdf *d, HPDF_Font f, double size, double lead, const char *s,
                     size_t max)
{
    char buf[2048];
    const char *lines[8];
    size_t n = pdf_wrap(d, f, size, s, d->right - d->left, buf, sizeof buf, lines,
                        max < 8 ? max : 8);
    for (size_t i = 0; i < n; i++) {
        pdf_text(d, f, size, d->left, d->y - size, lines[i]);
        d->y -= lead;
    }
}

static void cover_field(tc_pdf *d, const char *label, const char *value, double size)
{
    if (!value || !value[0])
        return;
    pdf_color(d, 1, PDF_GREY);
    pdf_text_box(d, d->fonts.regular, PDF_TS_COVER_LABEL, d->left, d->y - PDF_TS_COVER_LABEL, d->right - d->left, PDF_LEFT,
                 label);
    d->y -= 13;
    pdf_color(d, 1, PDF_INK);
    lines_at(d, d->fonts.regular, size, size + 4, value, 2);
    d->y -= 12;
}

/* A what-if must not pass for the scenario as filed: the cover says so in
 * a red band, with every override, before anyone turns the page. */
static void what_if_band(tc_pdf *d)
{
    const tc_scenario *s = d->s;
    char list[1024] = "";
    size_t used = 0;
    for (size_t i = 0; i < s->n_overrides && used < sizeof list; i++)
        used += (size_t)snprintf(list + used, sizeof list - used, "%s%s", i ? ";  " : "",
                                 s->overrides[i]);
    double top = d->y - 22, h = 46;
    pdf_color(d, 1, PDF_ALERT);
    HPDF_Page_Rectangle(d->page, (HPDF_REAL)d->left, (HPDF_REAL)(top - h),
                        (HPDF_REAL)(d->right - d->left), (HPDF_REAL)h);
    HPDF_Page_Fill(d->page);
    pdf_color(d, 1, PDF_WHITE);
    pdf_text(d, d->fonts.bold, PDF_TS_BAND, d->left + 10, top - 18, pdf_say(d, "cover", "what_if"));
    pdf_text_box(d, d->fonts.regular, PDF_TS_BAND_TEXT, d->left + 10, top - 35, d->right - d->left - 20,
                 PDF_LEFT, list);
    pdf_color(d, 1, PDF_INK);
    d->y = top - h;
}

void pdf_sec_cover(tc_pdf *d)
{
    const tc_scenario *s = d->s;
    pdf_new_page(d);
    if (d->st != TC_OK)
        return;
    pdf_bookmark(d, s->title);
    pdf_color(d, 1, PDF_NAVY);
    HPDF_Page_Rectangle(d->page, 0, (HPDF_REAL)(d->ph - 14), (HPDF_REAL)d->pw, 14);
    HPDF_Page_Fill(d->page);
    d->y = d->ph - 190;
    pdf_color(d, 1, PDF_GREY);
    lines_at(d, d->fonts.bold, PDF_TS_KICKER, 14, pdf_say(d, "cover", "kicker"), 1);
    d->y -= 14;
    pdf_color(d, 1, PDF_NAVY);
    lines_at(d, d->fonts.bold, PDF_TS_COVER_TITLE, 33, s->title, 4);
    if (s->subtitle) {
        d->y -= 6;
        pdf_color(d, 1, PDF_GREY);
        lines_at(d, d->fonts.regular, PDF_TS_COVER_SUB, 19, s->subtitle, 3);
    }
    d->y -= 16;
    pdf_color(d, 0, PDF_NAVY);
    HPDF_Page_SetLineWidth(d->page, 2.0);
    HPDF_Page_MoveTo(d->page, (HPDF_REAL)d->left, (HPDF_REAL)d->y);
    HPDF_Page_LineTo(d->page, (HPDF_REAL)(d->left + 90), (HPDF_REAL)d->y);
    HPDF_Page_Stroke(d->page);
    if (s->n_overrides)
        what_if_band(d);
    d->y = d->ph * 0.42;
    cover_field(d, pdf_say(d, "cover", "prepared_for"), s->prepared_for, PDF_TS_COVER_FIELD);
    cover_field(d, pdf_say(d, "cover", "prepared_by"), s->prepared_by, PDF_TS_COVER_FIELD);
    const char *date = NULL;
    for (size_t i = 0; i < d->words.n_vars; i++)
        if (strcmp(d->words.vars[i].name, "date") == 0)
            date = d->words.vars[i].value;
    cover_field(d, pdf_say(d, "cover", "date"),
                date && date[0] ? date : pdf_say(d, "cover", "no_date"), PDF_TS_COVER_FIELD);
    cover_field(d, pdf_say(d, "cover", "input_hash"), s->input_sha256, PDF_TS_COVER_HASH);
    d->y = d->bottom + 40;
    pdf_note(d, pdf_say(d, "cover", "note"));
}

/* The recommendation, in a shaded box the width of the page. */
static void callout(tc_pdf *d, const char *text)
{
    char buf[4096];
    const char *lines[24];
    double pad = 10, w = d->right - d->left - 2 * pad - 4;
    size_t n = pdf_wrap(d, d->fonts.bold, PDF_TS_CALLOUT, text, w, buf, sizeof buf, lines, 24);
    double h = (double)n * 15.0 + 2 * pad - 3;
    pdf_need(d, h + 8);
    pdf_color(d, 1, PDF_CALLOUT_FILL);
    HPDF_Page_Rectangle(d->page, (HPDF_REAL)d->left, (HPDF_REAL)(d->y - h),
                        (HPDF_REAL)(d->right - d->left), (HPDF_REAL)h);
    HPDF_Page_Fill(d->page);
    pdf_color(d, 1, PDF_NAVY);
    HPDF_Page_Rectangle(d->page, (HPDF_REAL)d->left, (HPDF_REAL)(d->y - h), 4, (HPDF_REAL)h);
    HPDF_Page_Fill(d->page);
    pdf_color(d, 1, PDF_CALLOUT_INK);
    for (size_t i = 0; i < n; i++)
        pdf_text(d, d->fonts.bold, PDF_TS_CALLOUT, d->left + pad + 4, d->y - pad - PDF_TS_CALLOUT - i * 15.0 + 2,
                 lines[i]);
    pdf_color(d, 1, PDF_BLACK);
    d->y -= h + 16;
}

static const char *recommendation(tc_pdf *d)
{
    const tc_platform_result *best = pdf_best(d), *base = pdf_baseline(d);
    if (!best)
        return pdf_say(d, "summary", "recommendation_none");
    if (best == base)
        return pdf_say(d, "summary", d->r->n_ranking > 1 ? "recommendation_is_baseline"
                                                         : "recommendation_only");
    if (!base || !base->covered)
        return pdf_say(d, "summary", d->r->n_ranking > 1 ? "recommendation_no_baseline"
                                                         : "recommendation_only");
    if (d->r->decision.has_runner_up && d->r->decision.runner_up == d->r->baseline)
        return pdf_say(d, "summary", "recommendation_runner_up_is_baseline");
    return pdf_say(d, "summary", "recommendation");
}

typedef const char *(*metric_fmt)(char *, size_t, const tc_pdf *, double);

static const char *f_money2(char *b, size_t n, const tc_pdf *d, double v)
{
    return pdf_board(b, n, d, v);
}
static const char *f_fine(char *b, size_t n, const tc_pdf *d, double v)
{
    return pdf_board(b, n, d, v);
}
static const char *f_num3(char *b, size_t n, const tc_pdf *d, double v)
{
    (void)d;
    return tc_fmt_num(b, n, v, 3);
}
static const char *f_num0(char *b, size_t n, const tc_pdf *d, double v)
{
    (void)d;
    return fabs(v) < 100 && v != floor(v) ? tc_fmt_num(b, n, v, 1) : tc_fmt_board_count(b, n, v);
}

static double metric(const tc_platform_result *p, int i)
{
    switch (i) {
    case 0: return p->cost_per_gpu_hour;
    case 1: return p->pflops_per_dollar_hour;
    case 2: return p->tokens_per_s_per_gpu;
    case 3: return p->tokens_per_s_per_mw;
    case 4: return p->cost_per_m_tokens;
    default: return p->levelized_cost_per_m_tokens;
    }
}

static void headline_table(tc_pdf *d, const tc_platform_result *base,
                           const tc_platform_result *other)
{
    char pflops[64];
    const char *const names[] = {
        "Cost per GPU-hour", pdf_pflops_head(pflops, sizeof pflops, d), "Tokens/s per GPU",
        "Tokens/s per MW", "Cost per million tokens", "LCOT per million tokens (horizon)"};
    static const metric_fmt fmts[] = {f_money2, f_num3, f_num0, f_num0, f_fine, f_fine};
    char head[2][300];
    snprintf(head[0], sizeof head[0], "%s (baseline)", base->in->name);
    snprintf(head[1], sizeof head[1], "%s", other ? other->in->name : "");
    pdf_col cols[] = {{"Year 1", 0.34, PDF_LEFT}, {head[0], 0.24, PDF_RIGHT},
                      {head[1], 0.24, PDF_RIGHT}, {"Relative", 0.18, PDF_RIGHT}};
    pdf_table t;
    pdf_table_start(&t, d, cols, other ? 4 : 2);
    for (int i = 0; i < 6; i++) {
        char a[64], b[64], rel[64];
        const char *cells[] = {names[i], fmts[i](a, sizeof a, d, metric(base, i)),
                               other ? fmts[i](b, sizeof b, d, metric(other, i)) : "",
                               other ? tc_fmt_vs(rel, sizeof rel, metric(other, i), metric(base, i)) : ""};
        pdf_table_row(&t, cells, i >= 4 ? PDF_ROW_BOLD : 0);
    }
    pdf_table_end(&t);
}

static void ranking_row(tc_pdf *d, pdf_table *t, size_t i, const char *rank)
{
    const tc_platform_result *p = &d->r->platforms[i], *base = pdf_baseline(d);
    char c[8][96], name[300];
    snprintf(name, sizeof name, "%s%s", p->in->name, i == d->r->baseline ? " (baseline)" : "");
    for (int m = 0; m < 6; m++) {
        static const metric_fmt fmts[] = {f_money2, f_num3, f_num0, f_num0, f_fine, f_fine};
        fmts[m](c[m], sizeof c[m], d, metric(p, m));
    }
    tc_fmt_vs(c[6], sizeof c[6], p->levelized_cost_per_m_tokens,
              base ? base->levelized_cost_per_m_tokens : NAN);
    if (i == d->r->baseline)
        snprintf(c[6], sizeof c[6], "baseline");
    const char *cells[] = {rank, name, c[0], c[1], c[2], c[3], c[4], c[5], c[6]};
    pdf_table_row(t, cells, p == pdf_best(d) ? PDF_ROW_MARK : 0);
}

static void ranking_table(tc_pdf *d)
{
    char pflops[64];
    pdf_col cols[] = {{"#", 0.04, PDF_RIGHT},       {"Bid", 0.22, PDF_LEFT},
                      {"Cost per GPU-hour", 0.10, PDF_RIGHT},
                      {pdf_pflops_head(pflops, sizeof pflops, d), 0.09, PDF_RIGHT},
                      {"Tokens/s per GPU", 0.10, PDF_RIGHT},
                      {"Tokens/s per MW", 0.11, PDF_RIGHT},
                      {"Cost per M tokens", 0.11, PDF_RIGHT},
                      {"LCOT per M tokens", 0.11, PDF_RIGHT},
                      {"LCOT vs baseline", 0.12, PDF_RIGHT}};
    pdf_table t;
    pdf_table_start(&t, d, cols, 9);
    for (size_t k = 0; k < d->r->n_ranking; k++) {
        char rank[24];
        snprintf(rank, sizeof rank, "%zu", k + 1);
        ranking_row(d, &t, d->r->ranking[k], rank);
    }
    for (size_t i = 0; i < d->s->n_platforms; i++)
        if (!d->r->platforms[i].covered)
            ranking_row(d, &t, i, "\xe2\x80\x93");
    pdf_table_end(&t);
}

void pdf_sec_summary(tc_pdf *d)
{
    const tc_platform_result *best = pdf_best(d), *base = pdf_baseline(d);
    pdf_title(d, pdf_say(d, "summary", "title"));
    callout(d, recommendation(d));
    pdf_summary_decision(d);
    if (base) {
        const tc_platform_result *other = best != base ? best
            : d->r->n_ranking > 1 ? &d->r->platforms[d->r->ranking[1]] : NULL;
        pdf_subtitle(d, pdf_say(d, "summary", "headline_title"));
        pdf_note(d, pdf_say(d, "summary", "headline_intro"));
        headline_table(d, base, other);
    }
    pdf_chart_titled(d, pdf_say(d, "summary", "chart_title"), TC_CHART_COST_PER_M, 230);
    pdf_subtitle(d, pdf_say(d, "summary", "ranking_title"));
    pdf_note(d, pdf_say(d, "summary", "ranking_intro"));
    ranking_table(d);
}
