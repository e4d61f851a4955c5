/* Sensitivity (tornado), Monte Carlo and bid scoring: each only when the
 * scenario asked for it (the results then carry it). */
#include "pdf.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tc_format.h"

#define MC_CHART_H 220.0

/* Scenario keys as a reader knows them; an unknown key is shown as is. */
static const char *input_label(const char *key)
{
    static const char *const names[][2] = {
        {"gpu_hour", "Price per GPU-hour"}, {"capex_per_node", "Capital cost per node"},
        {"api_price", "API prices per token"}, {"throughput", "Throughput (every point)"},
        {"utilization", "Utilization"}, {"price_per_kwh", "Electricity price"},
        {"pue", "PUE"}, {"power_kw_per_gpu", "Power per GPU"},
        {"discount_rate", "Discount rate"}, {"growth", "Demand growth"},
    };
    for (size_t i = 0; key && i < sizeof names / sizeof names[0]; i++)
        if (strcmp(key, names[i][0]) == 0)
            return names[i][1];
    return key ? key : "";
}

static void tornado_table(tc_pdf *d)
{
    const tc_sensitivity *s = d->r->sensitivity;
    const tc_platform_result *best = pdf_best(d);
    size_t p = best ? (size_t)(best - d->r->platforms) : d->r->baseline;
    char lo[64], hi[64], sw[32];
    pdf_pct(sw, sizeof sw, s->swing, 0);
    snprintf(lo, sizeof lo, "LCOT with the input %s lower", sw);
    snprintf(hi, sizeof hi, "LCOT with the input %s higher", sw);
    pdf_col cols[] = {{"Input", 0.34, PDF_LEFT}, {lo, 0.22, PDF_RIGHT}, {hi, 0.22, PDF_RIGHT},
                      {"Range", 0.22, PDF_RIGHT}};
    pdf_table t;
    if (!s->rows || !s->n_rows)
        return;
    pdf_table_start(&t, d, cols, 4);
    for (size_t i = 0; i < s->n_rows[p] && d->st == TC_OK; i++) {
        const tc_tornado_row *row = &s->rows[p][i];
        char c[3][64];
        pdf_board(c[0], sizeof c[0], d, row->low);
        pdf_board(c[1], sizeof c[1], d, row->high);
        pdf_board(c[2], sizeof c[2], d, fabs(row->high - row->low));
        const char *cells[] = {row->label ? row->label : input_label(row->input), c[0], c[1], c[2]};
        pdf_table_row(&t, cells, 0);
    }
    pdf_table_end(&t);
}

static void monte_carlo_table(tc_pdf *d)
{
    const tc_monte_carlo *mc = d->r->monte_carlo;
    pdf_col cols[] = {{"Bid", 0.30, PDF_LEFT},      {"LCOT P5", 0.12, PDF_RIGHT},
                      {"LCOT P50", 0.12, PDF_RIGHT}, {"LCOT P95", 0.12, PDF_RIGHT},
                      {"LCOT mean", 0.12, PDF_RIGHT}, {"Share of draws cheapest", 0.22, PDF_RIGHT}};
    char note[160], num[32];
    pdf_table t;
    snprintf(note, sizeof note, "%s draws, seed %llu.", tc_fmt_num(num, sizeof num, (double)mc->samples, 0),
             mc->seed);
    pdf_note(d, note);
    pdf_table_start(&t, d, cols, 6);
    for (size_t i = 0; i < d->s->n_platforms && d->st == TC_OK; i++) {
        const tc_quantiles *q = mc->lcot ? &mc->lcot[i] : NULL;
        char c[5][64];
        pdf_board(c[0], sizeof c[0], d, q ? q->p5 : NAN);
        pdf_board(c[1], sizeof c[1], d, q ? q->p50 : NAN);
        pdf_board(c[2], sizeof c[2], d, q ? q->p95 : NAN);
        pdf_board(c[3], sizeof c[3], d, q ? q->mean : NAN);
        pdf_pct(c[4], sizeof c[4], mc->p_cheapest ? mc->p_cheapest[i] : NAN, 1);
        const char *cells[] = {d->r->platforms[i].in->name, c[0], c[1], c[2], c[3], c[4]};
        pdf_table_row(&t, cells, &d->r->platforms[i] == pdf_best(d) ? PDF_ROW_MARK : 0);
    }
    pdf_table_end(&t);
}

void pdf_sec_analysis(tc_pdf *d)
{
    const tc_results *r = d->r;
    if (!r->sensitivity && !r->monte_carlo)
        return;
    if (r->sensitivity) {
        pdf_title(d, pdf_say(d, "analysis", "sensitivity_title"));
        pdf_block(d, pdf_say(d, "analysis", "sensitivity_intro"));
        tornado_table(d);
        pdf_chart(d, TC_CHART_TORNADO, 220);
    }
    if (r->monte_carlo) {
        /* the table and its chart read together: both start on one page */
        pdf_need(d, 120.0 + 22.0 * (double)d->s->n_platforms + MC_CHART_H + 14.0);
        if (r->sensitivity)
            pdf_subtitle(d, pdf_say(d, "analysis", "monte_carlo_title"));
        else
            pdf_title(d, pdf_say(d, "analysis", "monte_carlo_title"));
        pdf_block(d, pdf_say(d, "analysis", "monte_carlo_intro"));
        monte_carlo_table(d);
        pdf_chart(d, TC_CHART_MONTE_CARLO, MC_CHART_H);
    }
}

/* "levelized_cost_per_m_tokens", 0.6 -> "LCOT per M tokens, weight 60%". */
static const char *criterion_head(tc_pdf *d, const tc_criterion *c)
{
    char buf[300], w[32], pflops[64];
    const char *label = tc_metric_terms[c->metric].short_label;
    if (c->metric == TC_METRIC_PFLOPS_PER_DOLLAR_HOUR)     /* in the scenario's currency */
        label = pdf_pflops_head(pflops, sizeof pflops, d);
    snprintf(buf, sizeof buf, "%s, weight %s", label, pdf_pct(w, sizeof w, c->weight, 0));
    return pdf_keep(d, strdup(buf));
}

static void ranked_table(tc_pdf *d, const tc_scoring *sc)
{
    const tc_analysis *a = &d->s->analysis;
    size_t nc = a->n_criteria < PDF_MAX_COLS - 3 ? a->n_criteria : PDF_MAX_COLS - 3;
    pdf_col cols[PDF_MAX_COLS] = {{"Rank", 0.07, PDF_CENTER}, {"Bid", 0.33, PDF_LEFT},
                                  {"Score", 0.10, PDF_RIGHT}};
    for (size_t k = 0; k < nc; k++)
        cols[3 + k] = (pdf_col){criterion_head(d, &a->criteria[k]), 0.50 / (double)nc, PDF_RIGHT};
    pdf_table t;
    pdf_table_start(&t, d, cols, 3 + nc);
    for (size_t i = 0; i < sc->n_scores && d->st == TC_OK; i++) {
        const tc_score *s = &sc->scores[i];
        if (s->rank == 0)
            continue;
        char c[PDF_MAX_COLS][48];
        const char *cells[PDF_MAX_COLS];
        snprintf(c[0], sizeof c[0], "%d", s->rank);
        tc_fmt_num(c[2], sizeof c[2], s->score, 1);
        for (size_t k = 0; k < nc; k++)
            tc_fmt_num(c[3 + k], sizeof c[3 + k], s->criterion_scores ? s->criterion_scores[k] : NAN, 1);
        for (size_t k = 0; k < 3 + nc; k++)
            cells[k] = c[k];
        cells[1] = d->r->platforms[s->platform].in->name;
        pdf_table_row(&t, cells, s->rank == 1 ? PDF_ROW_MARK : 0);
    }
    pdf_table_end(&t);
}

static void non_compliant_table(tc_pdf *d, const tc_scoring *sc)
{
    pdf_col cols[] = {{"Bid", 0.35, PDF_LEFT}, {"Why it is not compliant", 0.65, PDF_LEFT}};
    size_t n = 0;
    pdf_table t;
    for (size_t i = 0; i < sc->n_scores; i++)
        n += sc->scores[i].rank == 0;
    if (n == 0)
        return;
    pdf_subtitle(d, pdf_say(d, "scoring", "non_compliant_title"));
    pdf_table_start(&t, d, cols, 2);
    for (size_t i = 0; i < sc->n_scores && d->st == TC_OK; i++) {
        const tc_score *s = &sc->scores[i];
        if (s->rank != 0)
            continue;
        const char *cells[] = {d->r->platforms[s->platform].in->name, s->reason ? s->reason : ""};
        pdf_table_row(&t, cells, 0);
    }
    pdf_table_end(&t);
}

void pdf_sec_scoring(tc_pdf *d)
{
    const tc_scoring *sc = d->r->scoring;
    if (!sc)
        return;
    pdf_title(d, pdf_say(d, "scoring", "title"));
    pdf_block(d, pdf_say(d, "scoring", "intro"));
    ranked_table(d, sc);
    non_compliant_table(d, sc);
}
