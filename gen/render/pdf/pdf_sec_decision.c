/* What would change the recommendation: the closest flips and the caveats
 * on the executive summary, and the section listing every input that flips
 * the winner and every input that holds. The sentences are the core's
 * (tc_decision.h), the same the terminal prints. */
#include "pdf.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tc_decision.h"
#include "tc_format.h"

#define CLOSEST 3

/* Appends "- line\n" to buf (size n) at *used. */
static void bullet(char *buf, size_t n, size_t *used, const char *line)
{
    if (*used < n)
        *used += (size_t)snprintf(buf + *used, n - *used, "- %s\n", line);
}

static void summary_flips(tc_pdf *d)
{
    const tc_robustness *x = d->r->robustness;
    char buf[4096] = "", line[1024];
    size_t used = 0;
    for (size_t i = 0; x && i < x->n_flips && i < CLOSEST; i++)
        bullet(buf, sizeof buf, &used, tc_flip_text(line, sizeof line, d->r, &x->flips[i]));
    if (x && x->n_flips == 0)
        bullet(buf, sizeof buf, &used, pdf_say(d, "decision", "none"));
    if (d->r->monte_carlo)
        bullet(buf, sizeof buf, &used, pdf_say(d, "decision", "monte_carlo"));
    if (!used)
        return;
    pdf_subtitle(d, pdf_say(d, "decision", "summary_title"));
    pdf_block(d, buf);
}

static void summary_caveats(tc_pdf *d)
{
    tc_caveats *c = tc_caveats_new(d->r);
    if (!c) {
        pdf_fail(d, TC_ERR_NOMEM, "%s", tc_strerror(TC_ERR_NOMEM));
        return;
    }
    char buf[8192] = "";
    size_t used = 0;
    for (size_t i = 0; i < c->n; i++)
        bullet(buf, sizeof buf, &used, c->items[i].text);
    if (c->n) {
        pdf_subtitle(d, pdf_say(d, "decision", "caveats_title"));
        pdf_block(d, buf);
    }
    tc_caveats_free(c);
}

void pdf_summary_decision(tc_pdf *d)
{
    if (!d->r->decision.has_winner || d->st != TC_OK)
        return;
    summary_flips(d);
    summary_caveats(d);
}

/* "GPU-hour price" of "NVIDIA HGX B200", or the scenario input's label. */
static const char *input_cell(char *buf, size_t n, const tc_pdf *d, const tc_flip *f)
{
    const char *label = f->kind == TC_IN_POINT_THROUGHPUT ? "Throughput (every point)"
                                                          : tc_input_info_of(f->kind)->label;
    if (f->platform < 0)
        snprintf(buf, n, "%s", label);
    else
        snprintf(buf, n, "%s, %s", label, d->r->platforms[f->platform].in->name);
    return buf;
}

/* The move of the input: "-23.6%", "+29.5%", a rise to double or more as a
 * multiple ("4.8x", the sentence's "4.8 times today's"), a rate in points
 * to 3 significant figures ("-12.5 pts", "+115 pts", from 0 too), other
 * inputs at 0 "from 0". */
static void change_cell(char *buf, size_t n, const tc_flip *f)
{
    char v[64];
    double pts = tc_round_sig((f->value - f->point) * 100, 3);
    if (tc_input_info_of(f->kind)->fmt == TC_IN_FMT_PERCENT)     /* points, even from 0 */
        snprintf(buf, n, "%s%s pts", f->value > f->point ? "+" : "",
                 tc_fmt_num(v, sizeof v, pts, fabs(pts) >= 100 ? 0 : 1));
    else if (isnan(f->change))
        snprintf(buf, n, "from 0");
    else if (f->change > 0 && tc_fmt_rise(v, sizeof v, 1 + f->change, 0) == 1)
        tc_fmt_times(buf, n, 1 + f->change);
    else
        snprintf(buf, n, "%s%s", f->change > 0 ? "+" : "",
                 pdf_pct(v, sizeof v, f->change, fabs(f->change) < 0.01 ? 2 : 1));
}

static void flip_table(tc_pdf *d, const tc_robustness *x)
{
    pdf_col cols[] = {{"Input", 0.34, PDF_LEFT},  {"Today", 0.15, PDF_RIGHT},
                      {"Flips at", 0.15, PDF_RIGHT}, {"Change", 0.10, PDF_RIGHT},
                      {"Then wins", 0.26, PDF_LEFT}};
    pdf_table t;
    pdf_table_start(&t, d, cols, 5);
    for (size_t i = 0; i < x->n_flips && d->st == TC_OK; i++) {
        const tc_flip *f = &x->flips[i];
        char c[4][512];
        input_cell(c[0], sizeof c[0], d, f);
        tc_input_value_text(c[1], sizeof c[1], d->r, f->kind, f->point);
        tc_input_value_text(c[2], sizeof c[2], d->r, f->kind, f->value);
        change_cell(c[3], sizeof c[3], f);
        const char *cells[] = {c[0], c[1], c[2], c[3], d->r->platforms[f->winner_then].in->name};
        pdf_table_row(&t, cells, 0);
    }
    pdf_table_end(&t);
}

static const char *hold_label(const tc_hold *h)
{
    return h->kind == TC_IN_POINT_THROUGHPUT ? "Throughput (every point)"
                                             : tc_input_info_of(h->kind)->label;
}

/* "Scenario: Discount rate, PUE. NVIDIA HGX H200: Power per GPU, ..." (holds
 * come in table order: the scenario's inputs, then each bid's). */
static size_t holds_text(const tc_pdf *d, const tc_robustness *x, char *buf, size_t n)
{
    size_t used = 0;
    for (size_t i = 0; i < x->n_holds; i++) {
        const tc_hold *h = &x->holds[i];
        int first = i == 0 || x->holds[i - 1].platform != h->platform;
        const char *group = h->platform < 0 ? "Scenario" : d->r->platforms[h->platform].in->name;
        int last = i + 1 == x->n_holds || x->holds[i + 1].platform != h->platform;
        int len = snprintf(buf ? buf + used : NULL, buf ? n - used : 0, "%s%s%s%s%s",
                           first && i ? " " : "", first ? group : "", first ? ": " : "",
                           hold_label(h), last ? "." : ", ");
        used += len > 0 ? (size_t)len : 0;
    }
    return used;
}

static void holds_note(tc_pdf *d, const tc_robustness *x)
{
    if (x->n_holds == 0)
        return;
    const char *intro = pdf_say(d, "decision", "holds");
    size_t len = strlen(intro) + 1 + holds_text(d, x, NULL, 0) + 1;
    char *buf = malloc(len);
    if (!buf) {
        pdf_fail(d, TC_ERR_NOMEM, "%s", tc_strerror(TC_ERR_NOMEM));
        return;
    }
    size_t used = (size_t)snprintf(buf, len, "%s ", intro);
    holds_text(d, x, buf + used, len - used);
    pdf_note(d, buf);
    free(buf);
}

void pdf_sec_decision(tc_pdf *d)
{
    const tc_robustness *x = d->r->robustness;
    if (!x)
        return;
    pdf_title(d, pdf_say(d, "decision", "title"));
    pdf_block(d, pdf_say(d, "decision", "intro"));
    if (x->n_flips)
        flip_table(d, x);
    else
        pdf_block(d, pdf_say(d, "decision", "none"));
    holds_note(d, x);
}
