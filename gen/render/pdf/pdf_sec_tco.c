/* Multi-year TCO: totals by bid, the cash and P&L views by year of the
 * recommended bid (and the baseline), margin and payback, break-even. */
#include "pdf.h"

#include <math.h>
#include <stdio.h>

#include "tc_format.h"

static int has_price(const tc_pdf *d)
{
    return d->s->token_price_per_m.given;
}

static void totals_table(tc_pdf *d)
{
    int price = has_price(d);
    pdf_col cols[] = {{"Bid", 0.23, PDF_LEFT},          {"TCO, nominal", 0.14, PDF_RIGHT},
                      {"TCO, present value", 0.14, PDF_RIGHT}, {"LCOT per M tokens", 0.10, PDF_RIGHT},
                      {"P&L cost, total", 0.14, PDF_RIGHT},
                      {"Margin, total", 0.14, PDF_RIGHT}, {"Payback", 0.11, PDF_RIGHT}};
    pdf_table t;
    pdf_subtitle(d, pdf_say(d, "tco", "summary_title"));
    pdf_table_start(&t, d, cols, price ? 7 : 5);
    for (size_t i = 0; i < d->s->n_platforms && d->st == TC_OK; i++) {
        const tc_platform_result *p = &d->r->platforms[i];
        char c[6][64];
        pdf_board(c[0], sizeof c[0], d, p->tco_nominal);
        pdf_board(c[1], sizeof c[1], d, p->tco_npv);
        pdf_board(c[2], sizeof c[2], d, p->levelized_cost_per_m_tokens);
        pdf_board(c[3], sizeof c[3], d, p->pnl_total);
        pdf_board(c[4], sizeof c[4], d, p->margin_total);
        tc_fmt_payback(c[5], sizeof c[5], p->payback_years);
        const char *cells[] = {p->in->name, c[0], c[1], c[2], c[3], c[4], c[5]};
        pdf_table_row(&t, cells, p == pdf_best(d) ? PDF_ROW_MARK : 0);
    }
    pdf_table_end(&t);
}

static void cash_table(tc_pdf *d, const tc_platform_result *p)
{
    char title[400];
    snprintf(title, sizeof title, "%s: %s", pdf_say(d, "tco", "cash_title"), p->in->name);
    pdf_col cols[] = {{"Year", 0.06, PDF_CENTER}, {"Capex", 0.12, PDF_RIGHT},
                      {"Rent and API", 0.12, PDF_RIGHT}, {"Energy and facility", 0.12, PDF_RIGHT},
                      {"Maintenance and other", 0.13, PDF_RIGHT},
                      {"Credits", 0.11, PDF_RIGHT}, {"Cash cost", 0.12, PDF_RIGHT},
                      {"Cumulative", 0.13, PDF_RIGHT}, {"GPUs", 0.09, PDF_RIGHT}};
    pdf_table t;
    pdf_subtitle(d, title);
    pdf_table_start(&t, d, cols, 9);
    double cum = 0;
    for (int y = 0; y < d->s->horizon_years && d->st == TC_OK; y++) {
        const tc_year *v = &p->years[y];
        char c[9][64];
        cum += v->cash;
        snprintf(c[0], sizeof c[0], "%d", v->year);
        pdf_money(c[1], sizeof c[1], d, v->capex, 0);
        pdf_money(c[2], sizeof c[2], d, v->rent + v->api, 0);
        pdf_money(c[3], sizeof c[3], d, v->energy + v->facility, 0);
        pdf_money(c[4], sizeof c[4], d, v->maintenance + v->software + v->other, 0);
        pdf_money(c[5], sizeof c[5], d, -v->credit, 0);
        pdf_money(c[6], sizeof c[6], d, v->cash, 0);
        pdf_money(c[7], sizeof c[7], d, cum, 0);
        tc_fmt_num(c[8], sizeof c[8], v->gpus_installed, 0);
        const char *cells[] = {c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8]};
        pdf_table_row(&t, cells, 0);
    }
    pdf_table_end(&t);
}

static void pnl_table(tc_pdf *d, const tc_platform_result *p)
{
    char title[400];
    int price = has_price(d);
    snprintf(title, sizeof title, "%s: %s", pdf_say(d, "tco", "pnl_title"), p->in->name);
    pdf_col cols[] = {{"Year", 0.08, PDF_CENTER}, {"Tokens delivered", 0.16, PDF_RIGHT},
                      {"Depreciation", 0.16, PDF_RIGHT}, {"Operating cost", 0.16, PDF_RIGHT},
                      {"P&L cost", 0.16, PDF_RIGHT}, {"Revenue", 0.14, PDF_RIGHT},
                      {"Gross margin", 0.14, PDF_RIGHT}};
    pdf_table t;
    pdf_subtitle(d, title);
    pdf_table_start(&t, d, cols, price ? 7 : 5);
    for (int y = 0; y < d->s->horizon_years && d->st == TC_OK; y++) {
        const tc_year *v = &p->years[y];
        char c[7][64];
        snprintf(c[0], sizeof c[0], "%d", v->year);
        tc_fmt_si(c[1], sizeof c[1], v->tokens);
        pdf_money(c[2], sizeof c[2], d, v->depreciation, 0);
        pdf_money(c[3], sizeof c[3], d, v->pnl_cost - v->depreciation, 0);
        pdf_money(c[4], sizeof c[4], d, v->pnl_cost, 0);
        pdf_money(c[5], sizeof c[5], d, v->revenue, 0);
        pdf_money(c[6], sizeof c[6], d, v->gross_margin, 0);
        const char *cells[] = {c[0], c[1], c[2], c[3], c[4], c[5], c[6]};
        pdf_table_row(&t, cells, 0);
    }
    pdf_table_end(&t);
}

static void break_even_table(tc_pdf *d)
{
    const tc_results *r = d->r;
    pdf_col cols[] = {{"Bids compared", 0.50, PDF_LEFT}, {"Input", 0.20, PDF_LEFT},
                      {"Equal cost at", 0.30, PDF_RIGHT}};
    pdf_table t;
    if (r->n_break_even == 0 || !r->break_even)
        return;
    pdf_subtitle(d, pdf_say(d, "tco", "break_even_title"));
    pdf_note(d, pdf_say(d, "tco", "break_even_intro"));
    pdf_table_start(&t, d, cols, 3);
    for (size_t i = 0; i < r->n_break_even && d->st == TC_OK; i++) {
        const tc_break_even *b = &r->break_even[i];
        char pair[600], val[128];
        int util = b->input && b->input[0] == 'u';
        snprintf(pair, sizeof pair, "%s and %s", r->platforms[b->a].in->name,
                 r->platforms[b->b].in->name);
        if (!isfinite(b->value))
            snprintf(val, sizeof val, "%s", b->reason ? b->reason : "no crossing in range");
        else if (util)
            pdf_pct(val, sizeof val, b->value, 1);
        else
            pdf_board(val, sizeof val, d, b->value);
        const char *cells[] = {pair, util ? "utilization" : "electricity price per kWh", val};
        pdf_table_row(&t, cells, 0);
    }
    pdf_table_end(&t);
}

void pdf_sec_tco(tc_pdf *d)
{
    const tc_platform_result *best = pdf_best(d), *base = pdf_baseline(d);
    pdf_title(d, pdf_say(d, "tco", "title"));
    pdf_block(d, pdf_say(d, "tco", "intro"));
    totals_table(d);
    pdf_block(d, pdf_say(d, "tco", has_price(d) && best ? "margin" : "no_price"));
    pdf_chart_titled(d, pdf_say(d, "tco", "chart_title"), TC_CHART_TCO_STACK, 220);
    if (best && best->years) {
        cash_table(d, best);
        pnl_table(d, best);
    }
    if (base && base != best && base->years) {
        cash_table(d, base);
        pnl_table(d, base);
    }
    pdf_chart_titled(d, pdf_say(d, "tco", "cumulative_title"), TC_CHART_CUMULATIVE, 220);
    break_even_table(d);
}
