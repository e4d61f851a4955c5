/* The post-evaluation check's test (tc_results_nonfinite): is every figure
 * of the results that applies a finite number? A figure that does not
 * apply is NAN by design (tc_results.h); anything else that is not finite
 * is an overflow or a division by zero, which the inputs' ranges are meant
 * to make impossible (gen/core/inputs.c). */
#include <math.h>
#include <stddef.h>
#include <stdio.h>

#include "eval_priv.h"

typedef struct {
    char *what;
    size_t n;
    int bad;
} finder;

/* Records the first figure that should be finite and is not. */
static void need(finder *f, double v, const char *label, const char *id, int year)
{
    if (f->bad || isfinite(v))
        return;
    f->bad = 1;
    if (year)
        snprintf(f->what, f->n, "the %s of %s in year %d", label, id, year);
    else
        snprintf(f->what, f->n, "the %s of %s", label, id);
}

static void unit_figures(finder *f, const tc_scenario *s, const tc_platform_result *pr)
{
    const tc_platform *p = pr->in;
    int gpus = p->pricing.kind != TC_PRICING_API;
    if (gpus) {
        need(f, pr->cost_per_gpu_hour, "cost per GPU-hour", p->id, 0);
        if (p->pricing.kind == TC_PRICING_OWNED)
            need(f, pr->crf, "capital recovery factor", p->id, 0);
        if (p->peak_pflops.given)
            need(f, pr->pflops_per_dollar_hour, "PFLOPS per dollar-hour", p->id, 0);
    }
    for (size_t i = 0; i < s->n_workloads; i++) {
        const tc_wl_result *w = &pr->workloads[i];
        if (!w->covered)
            continue;
        if (gpus)
            need(f, w->tokens_per_s_per_gpu, "throughput at the SLO", p->id, 0);
        need(f, w->cost_per_m_tokens, "cost per million tokens", p->id, 0);
    }
    if (pr->covered) {
        if (gpus)
            need(f, pr->tokens_per_s_per_mw, "tokens per second per MW", p->id, 0);
        need(f, pr->cost_per_m_tokens, "cost per million tokens", p->id, 0);
    }
}

static void year_figures(finder *f, const tc_scenario *s, const tc_platform *p, const tc_year *y)
{
    int gpus = p->pricing.kind != TC_PRICING_API, k = y->year;
    const double cash[] = {y->demand_tokens_per_day, y->tokens, y->capex, y->rent, y->api,
                           y->energy, y->facility, y->maintenance, y->software, y->other,
                           y->opex, y->credit, y->cash, y->depreciation, y->pnl_cost,
                           y->df_start, y->df_end};
    for (size_t i = 0; i < sizeof cash / sizeof *cash; i++)
        need(f, cash[i], "cash flow", p->id, k);
    if (gpus) {
        const double fleet[] = {y->tokens_per_s_per_gpu, y->nodes, y->gpus, y->nodes_installed,
                                y->gpus_installed, y->facility_mw};
        for (size_t i = 0; i < sizeof fleet / sizeof *fleet; i++)
            need(f, fleet[i], "fleet", p->id, k);
    }
    if (p->pricing.kind == TC_PRICING_OWNED)
        need(f, y->nodes_bought, "fleet", p->id, k);
    if (s->token_price_per_m.given) {
        need(f, y->revenue, "revenue", p->id, k);
        need(f, y->gross_margin, "gross margin", p->id, k);
    }
}

static void total_figures(finder *f, const tc_scenario *s, const tc_platform_result *pr)
{
    const tc_platform *p = pr->in;
    for (int k = 0; k < s->horizon_years; k++)
        year_figures(f, s, p, &pr->years[k]);
    need(f, pr->tco_nominal, "TCO", p->id, 0);
    need(f, pr->tco_npv, "TCO NPV", p->id, 0);
    need(f, pr->npv_tokens, "NPV of tokens", p->id, 0);
    need(f, pr->levelized_cost_per_m_tokens, "levelized cost per million tokens", p->id, 0);
    need(f, pr->pnl_total, "P&L cost", p->id, 0);
    if (s->token_price_per_m.given) {
        need(f, pr->revenue_npv, "revenue NPV", p->id, 0);
        need(f, pr->margin_total, "gross margin", p->id, 0);
    }
    if (isinf(pr->payback_years))       /* NAN: never paid back */
        need(f, pr->payback_years, "payback", p->id, 0);
    if (p->pricing.kind != TC_PRICING_API) {
        need(f, pr->peak_facility_mw, "peak facility power", p->id, 0);
        if (s->site_power_mw.given)
            need(f, pr->site_max_tokens_per_day, "most tokens per day the site powers", p->id, 0);
    }
}

int tc_results_nonfinite(const tc_results *r, char *what, size_t n)
{
    finder f = {what, n, 0};
    const tc_scenario *s = r->scenario;
    for (size_t i = 0; i < s->n_platforms && !f.bad; i++) {
        const tc_platform_result *pr = &r->platforms[i];
        unit_figures(&f, s, pr);
        if (pr->covered)
            total_figures(&f, s, pr);
        for (size_t k = 0; k < pr->in->n_claims; k++)
            if (isinf(pr->claims[k].deviation))    /* NAN: cannot be checked */
                need(&f, pr->claims[k].deviation, "claim deviation", pr->in->id, 0);
    }
    const tc_decision *d = &r->decision;
    if (d->has_runner_up) {
        need(&f, d->lcot_ratio, "LCOT ratio to the winner", s->platforms[d->runner_up].id, 0);
        need(&f, d->npv_difference, "TCO NPV difference to the winner",
             s->platforms[d->runner_up].id, 0);
    }
    return f.bad;
}
