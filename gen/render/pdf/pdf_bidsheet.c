/* The bid sheet of `tokcost check --against -o DIR`: one page with what the
 * committee will see of this bid alone (r holds only its platforms, under
 * the committee's assumptions and workloads): headline figures, coverage of
 * each workload at its SLO, claims checked, and what will be flagged. */
#include "pdf.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tc_format.h"

/* A figure of metric m in the board style: money or a count. */
static const char *board(char *buf, size_t n, const tc_pdf *d, tc_metric m, double v)
{
    const char *unit = tc_metric_terms[m].unit;
    if (unit && strncmp(unit, "CUR", 3) == 0)      /* "CUR", "CUR/M tokens", ... */
        return tc_fmt_board_money(buf, n, v, d->s->currency);
    return tc_fmt_board_count(buf, n, v);
}

static void heading(tc_pdf *d, const char *bid)
{
    char buf[1200];
    const char *base = strrchr(bid, '/');
    pdf_new_page(d);
    if (d->st != TC_OK)
        return;
    snprintf(buf, sizeof buf, "Bid sheet: %s", base ? base + 1 : bid);
    pdf_bookmark(d, buf);
    pdf_text_box(d, d->fonts.bold, 16, d->left, d->y - 16, d->right - d->left, PDF_LEFT, buf);
    d->y -= 26;
    snprintf(buf, sizeof buf, "This bid alone, evaluated under the assumptions and workloads of "
             "\"%s\" (%s): what the committee will see of it. Bid file %s; input sha256 %s.",
             d->s->title ? d->s->title : "", d->s->file ? d->s->file : "", bid,
             d->s->input_sha256);
    pdf_note(d, buf);
    pdf_gap(d, 6);
}

static void headline(tc_pdf *d)
{
    static const pdf_col cols[] = {
        {"Platform", 0.22, PDF_LEFT}, {"Pricing", 0.09, PDF_LEFT}, {"Cost/GPU-h", 0.11, PDF_RIGHT},
        {"tok/s/GPU", 0.11, PDF_RIGHT}, {"tok/s per MW", 0.13, PDF_RIGHT},
        {"Cost/M tok", 0.11, PDF_RIGHT}, {"LCOT/M tok", 0.11, PDF_RIGHT}, {"TCO NPV", 0.12, PDF_RIGHT},
    };
    pdf_table t;
    pdf_subtitle(d, "Headline figures (year 1; LCOT and TCO over the horizon)");
    pdf_table_start(&t, d, cols, 8);
    for (size_t i = 0; i < d->s->n_platforms && d->st == TC_OK; i++) {
        const tc_platform_result *p = &d->r->platforms[i];
        char gh[48], tp[48], mw[48], cm[48], lc[48], npv[48];
        pdf_money(gh, sizeof gh, d, p->cost_per_gpu_hour, 2);
        tc_fmt_num(tp, sizeof tp, p->tokens_per_s_per_gpu, 0);
        board(mw, sizeof mw, d, TC_METRIC_TOKENS_PER_S_PER_MW, p->tokens_per_s_per_mw);
        board(cm, sizeof cm, d, TC_METRIC_COST_PER_M_TOKENS, p->cost_per_m_tokens);
        board(lc, sizeof lc, d, TC_METRIC_LCOT, p->levelized_cost_per_m_tokens);
        board(npv, sizeof npv, d, TC_METRIC_TCO_NPV, p->tco_npv);
        const char *cells[] = {p->in->name, tc_pricing_terms[p->in->pricing.kind].name, gh, tp,
                               mw, cm, lc, npv};
        pdf_table_row(&t, cells, 0);
    }
    pdf_table_end(&t);
}

static void coverage_row(tc_pdf *d, pdf_table *t, const tc_platform_result *p, size_t k)
{
    const tc_wl_result *w = &p->workloads[k];
    char slo[48] = "none", tp[48] = "", cm[48] = "";
    if (w->in->min_interactivity.given)
        snprintf(slo, sizeof slo, "%g tok/s", w->in->min_interactivity.value);
    if (w->covered && w->how != TC_TPUT_API)
        tc_fmt_num(tp, sizeof tp, w->tokens_per_s_per_gpu, 0);
    if (w->covered)
        board(cm, sizeof cm, d, TC_METRIC_COST_PER_M_TOKENS, w->cost_per_m_tokens);
    const char *status = !w->covered ? w->reason ? w->reason : "not covered"
                         : w->how == TC_TPUT_API ? "covered (api)" : "covered";
    const char *cells[] = {k == 0 ? p->in->name : "", w->in->name ? w->in->name : w->in->id,
                           slo, tp, cm, status};
    pdf_table_row(t, cells, w->covered ? 0 : PDF_ROW_MARK);
}

static void coverage(tc_pdf *d)
{
    static const pdf_col cols[] = {
        {"Platform", 0.20, PDF_LEFT}, {"Workload", 0.22, PDF_LEFT}, {"SLO", 0.10, PDF_RIGHT},
        {"tok/s/GPU at SLO", 0.14, PDF_RIGHT}, {"Cost/M tok", 0.11, PDF_RIGHT},
        {"Coverage", 0.23, PDF_LEFT},
    };
    pdf_table t;
    pdf_subtitle(d, "Coverage of the RFP's workloads");
    pdf_table_start(&t, d, cols, 6);
    for (size_t i = 0; i < d->s->n_platforms && d->st == TC_OK; i++)
        for (size_t k = 0; k < d->s->n_workloads && d->st == TC_OK; k++)
            coverage_row(d, &t, &d->r->platforms[i], k);
    pdf_table_end(&t);
}

static void claims(tc_pdf *d)
{
    static const pdf_col cols[] = {
        {"Platform", 0.24, PDF_LEFT}, {"Claim", 0.30, PDF_LEFT}, {"Claimed", 0.15, PDF_RIGHT},
        {"Computed", 0.15, PDF_RIGHT}, {"Deviation", 0.16, PDF_RIGHT},
    };
    size_t n = 0;
    for (size_t i = 0; i < d->s->n_platforms; i++)
        n += d->s->platforms[i].n_claims;
    if (n == 0)
        return;
    pdf_table t;
    pdf_subtitle(d, "Claims checked against the bid's own figures");
    pdf_table_start(&t, d, cols, 5);
    for (size_t i = 0; i < d->s->n_platforms && d->st == TC_OK; i++) {
        const tc_platform_result *p = &d->r->platforms[i];
        for (size_t k = 0; k < p->in->n_claims; k++) {
            const tc_claim_result *c = &p->claims[k];
            char a[48], b[48], dev[32];
            board(a, sizeof a, d, (tc_metric)c->metric, c->claimed);
            board(b, sizeof b, d, (tc_metric)c->metric, c->computed);
            pdf_pct(dev, sizeof dev, c->deviation, 1);
            const char *cells[] = {k == 0 ? p->in->name : "", tc_metric_terms[c->metric].name,
                                   a, b, dev};
            pdf_table_row(&t, cells, c->consistent ? 0 : PDF_ROW_MARK);
        }
    }
    pdf_table_end(&t);
}

static void flags(tc_pdf *d, char *const *const *fl, const size_t *n_fl)
{
    char buf[8192];
    size_t o = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < d->s->n_platforms; i++)
        for (size_t k = 0; k < n_fl[i] && o < sizeof buf; k++)
            o += (size_t)snprintf(buf + o, sizeof buf - o, "%s- %s: %s", o ? "\n" : "",
                                  d->s->platforms[i].name, fl[i][k]);
    pdf_subtitle(d, "What the committee will flag");
    pdf_block(d, o ? buf : "Nothing.");
}

/* One layout pass (d->retry: a text needed a character the subsets lack). */
static void layout(tc_pdf *d, const tc_results *r, char *const *const *fl, const size_t *n_fl,
                   const tc_render_opts *opts, pdf_chars *chars)
{
    const char *bid = r->scenario->n_platforms ? r->scenario->platforms[0].file : "";
    if (pdf_open(d, r, chars) == TC_OK && pdf_words_load(d, opts ? opts->templates_dir : NULL) == TC_OK &&
        pdf_vars_fill(d) == TC_OK) {
        d->first_body_page = 0;
        heading(d, bid);
        headline(d);
        coverage(d);
        claims(d);
        flags(d, fl, n_fl);
        pdf_frame(d);
    }
}

tc_status tc_render_bid_sheet(const tc_results *r, char *const *const *fl, const size_t *n_fl,
                              const char *dir, const char *const *inputs, size_t n_inputs,
                              const tc_render_opts *opts, char *err, size_t n)
{
    tc_pdf d;
    pdf_chars *chars = pdf_chars_new();
    if (!chars) {
        snprintf(err, n, "%s/%s: %s", dir, TC_OUT_BID_SHEET, tc_strerror(TC_ERR_NOMEM));
        return TC_ERR_NOMEM;
    }
    pdf_chars_scenario(chars, r->scenario);
    layout(&d, r, fl, n_fl, opts, chars);
    if (d.st == TC_OK && d.retry) {     /* the second pass has every character */
        pdf_close(&d);
        layout(&d, r, fl, n_fl, opts, chars);
    }
    tc_outset *o = d.st == TC_OK ? tc_outset_new(dir, inputs, n_inputs) : NULL;
    const char *path = o ? tc_outset_add(o, TC_OUT_BID_SHEET) : NULL;
    if (d.st == TC_OK && !path)
        pdf_fail(&d, TC_ERR_WRITE, "%s", o ? tc_outset_error(o) : tc_strerror(TC_ERR_NOMEM));
    if (path && pdf_save(&d, path) == TC_OK && tc_outset_commit(o) != TC_OK)
        pdf_fail(&d, TC_ERR_WRITE, "%s", tc_outset_error(o));
    tc_status st = d.st;
    if (st != TC_OK)
        snprintf(err, n, "%s/%s: %s", dir, TC_OUT_BID_SHEET, d.err);
    if (st == TC_OK && d.n_pages > 1)
        fprintf(stderr, "warning: %s/%s: the bid sheet runs to %zu pages\n", dir,
                TC_OUT_BID_SHEET, d.n_pages);
    tc_outset_free(o);
    pdf_close(&d);
    pdf_chars_free(chars);
    return st;
}
