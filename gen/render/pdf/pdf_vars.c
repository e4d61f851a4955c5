/* The placeholders the report wording may use, and their values for one
 * run. A template naming any other placeholder is refused when loaded. */
#include "pdf.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tc_format.h"

const char *const pdf_var_names[] = {
    "title", "subtitle", "prepared_for", "prepared_by", "date", "input_sha256",
    "input_hash_short", "scenario_file", "currency", "token_basis",
    "horizon_years", "discount_rate", "utilization", "price_per_kwh", "escalation", "pue",
    "facility_per_kw_month", "site_power_mw", "token_price", "tokens_per_day", "growth",
    "n_platforms", "n_covered", "n_workloads",
    "best_platform", "best_lcot", "best_cost_per_m", "best_cost_per_gpu_hour",
    "best_tokens_per_mw", "best_tokens_per_gpu", "best_tco_npv", "best_tco_nominal",
    "best_peak_mw", "best_payback", "best_margin",
    "baseline_platform", "baseline_lcot", "baseline_cost_per_m", "baseline_tco_npv",
    "lcot_vs_baseline", "cost_vs_baseline", "npv_saving",
    "runner_up_platform", "runner_up_lcot", "lcot_vs_runner_up", "runner_up_margin",
    "runner_up_more", "npv_vs_runner_up", "mc_stay_share", "mc_samples",
    "page", "pages",
};
const size_t pdf_n_var_names = sizeof pdf_var_names / sizeof pdf_var_names[0];

static const char *const months[] = {"January", "February", "March", "April", "May", "June",
                                     "July", "August", "September", "October", "November",
                                     "December"};

/* The report date: scenario.date, else SOURCE_DATE_EPOCH, else none (the
 * cover then identifies the report by its input hash). Never "now". */
int pdf_date(const tc_pdf *d, int *y, int *m, int *day)
{
    if (d->s->date && sscanf(d->s->date, "%4d-%2d-%2d", y, m, day) == 3 && *m >= 1 &&
        *m <= 12 && *day >= 1 && *day <= 31)
        return 1;
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    char *end;
    long long t = sde ? strtoll(sde, &end, 10) : -1;
    if (!sde || *end || t < 0 || t > 253402300799LL)
        return 0;
    time_t tt = (time_t)t;
    struct tm tm;
    if (!gmtime_r(&tt, &tm))
        return 0;
    *y = tm.tm_year + 1900;
    *m = tm.tm_mon + 1;
    *day = tm.tm_mday;
    return 1;
}

static void set(tc_pdf *d, const char *name, const char *value)
{
    pdf_words_set(d, name, value);
}

static void set_num(tc_pdf *d, const char *name, double v, int decimals)
{
    char buf[64];
    set(d, name, tc_fmt_num(buf, sizeof buf, v, decimals));
}

static void set_pct(tc_pdf *d, const char *name, const tc_num *v)
{
    char buf[64];
    set(d, name, pdf_pct(buf, sizeof buf, v->value, fabs(v->value * 100 - round(v->value * 100)) > 1e-9 ? 1 : 0));
}

static void fill_scenario(tc_pdf *d)
{
    const tc_scenario *s = d->s;
    char buf[128];
    int y, m, day;
    set(d, "title", s->title);
    set(d, "subtitle", s->subtitle);
    set(d, "prepared_for", s->prepared_for);
    set(d, "prepared_by", s->prepared_by);
    if (pdf_date(d, &y, &m, &day)) {
        snprintf(buf, sizeof buf, "%d %s %d", day, months[m - 1], y);
        set(d, "date", buf);
    }
    set(d, "input_sha256", s->input_sha256);
    snprintf(buf, sizeof buf, "%.12s", s->input_sha256);
    set(d, "input_hash_short", buf);
    const char *slash = s->file ? strrchr(s->file, '/') : NULL;
    set(d, "scenario_file", slash ? slash + 1 : s->file);  /* no machine path */
    set(d, "currency", s->currency);
    set(d, "token_basis", s->token_basis == TC_BASIS_TOTAL ? "total (input and output)" : "output");
    set_num(d, "n_platforms", (double)s->n_platforms, 0);
    set_num(d, "n_workloads", (double)s->n_workloads, 0);
    set_num(d, "n_covered", (double)d->r->n_ranking, 0);
}

static void fill_assumptions(tc_pdf *d)
{
    const tc_scenario *s = d->s;
    char buf[128];
    set_num(d, "horizon_years", s->horizon_years, 0);
    set_pct(d, "discount_rate", &s->discount_rate);
    set_pct(d, "utilization", &s->utilization);
    set_pct(d, "escalation", &s->escalation);
    set_pct(d, "growth", &s->growth);
    set(d, "price_per_kwh", pdf_money(buf, sizeof buf, d, s->price_per_kwh.value, 3));
    set_num(d, "pue", s->pue.value, 2);
    set(d, "facility_per_kw_month", pdf_money(buf, sizeof buf, d, s->facility_per_kw_month.value, 2));
    set_num(d, "site_power_mw", s->site_power_mw.given ? s->site_power_mw.value : NAN, 1);
    set(d, "token_price", pdf_money(buf, sizeof buf, d,
                                    s->token_price_per_m.given ? s->token_price_per_m.value : NAN, 2));
    set(d, "tokens_per_day", tc_fmt_si(buf, sizeof buf, s->tokens_per_day.value));
}

static void fill_best(tc_pdf *d, const tc_platform_result *b)
{
    char buf[128];
    if (!b)
        return;
    set(d, "best_platform", b->in->name);
    set(d, "best_lcot", pdf_board(buf, sizeof buf, d, b->levelized_cost_per_m_tokens));
    set(d, "best_cost_per_m", pdf_board(buf, sizeof buf, d, b->cost_per_m_tokens));
    set(d, "best_cost_per_gpu_hour", pdf_board(buf, sizeof buf, d, b->cost_per_gpu_hour));
    set(d, "best_tokens_per_mw", tc_fmt_board_count(buf, sizeof buf, b->tokens_per_s_per_mw));
    set(d, "best_tokens_per_gpu", tc_fmt_board_count(buf, sizeof buf, b->tokens_per_s_per_gpu));
    set(d, "best_tco_npv", pdf_board(buf, sizeof buf, d, b->tco_npv));
    set(d, "best_tco_nominal", pdf_board(buf, sizeof buf, d, b->tco_nominal));
    set_num(d, "best_peak_mw", b->peak_facility_mw, 2);
    set(d, "best_margin", pdf_board(buf, sizeof buf, d, b->margin_total));
    set(d, "best_payback", tc_fmt_payback(buf, sizeof buf, b->payback_years));
}

static void fill_compare(tc_pdf *d, const tc_platform_result *b, const tc_platform_result *base)
{
    char buf[128];
    if (base) {
        set(d, "baseline_platform", base->in->name);
        set(d, "baseline_lcot", pdf_board(buf, sizeof buf, d, base->levelized_cost_per_m_tokens));
        set(d, "baseline_cost_per_m", pdf_board(buf, sizeof buf, d, base->cost_per_m_tokens));
        set(d, "baseline_tco_npv", pdf_board(buf, sizeof buf, d, base->tco_npv));
    }
    if (b && base) {
        set(d, "lcot_vs_baseline", tc_fmt_vs(buf, sizeof buf, b->levelized_cost_per_m_tokens,
                                           base->levelized_cost_per_m_tokens));
        set(d, "cost_vs_baseline", tc_fmt_vs(buf, sizeof buf, b->cost_per_m_tokens,
                                           base->cost_per_m_tokens));
        set(d, "npv_saving", pdf_board(buf, sizeof buf, d, base->tco_npv - b->tco_npv));
    }
    const tc_decision *dec = &d->r->decision;
    if (dec->has_runner_up) {
        /* runner_up_margin keeps its percentage for templates written before
         * runner_up_more, which words it as a board reads it */
        set(d, "runner_up_margin", pdf_pct(buf, sizeof buf, dec->lcot_ratio - 1, 1));
        set(d, "runner_up_more", tc_fmt_more(buf, sizeof buf, dec->lcot_ratio));
        set(d, "npv_vs_runner_up", pdf_board(buf, sizeof buf, d, dec->npv_difference));
    }
    const tc_monte_carlo *mc = d->r->monte_carlo;
    if (mc && dec->has_winner) {
        set(d, "mc_stay_share", pdf_pct(buf, sizeof buf, mc->p_cheapest[dec->winner], 1));
        set_num(d, "mc_samples", (double)mc->samples, 0);
    }
    if (b && d->r->n_ranking > 1) {
        const tc_platform_result *two = &d->r->platforms[d->r->ranking[1]];
        set(d, "runner_up_platform", two->in->name);
        set(d, "runner_up_lcot", pdf_board(buf, sizeof buf, d, two->levelized_cost_per_m_tokens));
        set(d, "lcot_vs_runner_up", tc_fmt_vs(buf, sizeof buf, b->levelized_cost_per_m_tokens,
                                            two->levelized_cost_per_m_tokens));
    }
}

tc_status pdf_vars_fill(tc_pdf *d)
{
    fill_scenario(d);
    fill_assumptions(d);
    fill_best(d, pdf_best(d));
    fill_compare(d, pdf_best(d), pdf_baseline(d));
    return d->st;
}
