/* Horizon totals: TCO, NPV, LCOT, P&L, margin, payback and site fit. */
#include <math.h>

#include "eval_priv.h"

/* Cumulative cash with capex paid at the start of each year (S_y) and the
 * year's revenue, opex and credits by its end (E_y); the first year with
 * S_y < 0 <= E_y is interpolated linearly inside the year. */
double tc_eval_payback(const tc_year *years, int n)
{
    double cum = 0;
    int negative = 0;
    for (int k = 0; k < n; k++) {
        const tc_year *y = &years[k];
        double start = cum - y->capex;
        double end = start + y->revenue - y->opex + y->credit;
        if (start < 0 && end >= 0) {
            double x = k + -start / (end - start);
            return ceil(x * 12 - 1e-9) / 12;
        }
        negative |= start < 0 || end < 0;
        cum = end;
    }
    return negative ? NAN : 0;
}

static void sums(tc_platform_result *pr, int h)
{
    double nominal = 0, npv = 0, tokens = 0, pnl = 0, rev = 0, margin = 0;
    for (int k = 0; k < h; k++) {
        const tc_year *y = &pr->years[k];
        nominal += y->cash;
        npv += y->capex * y->df_start + (y->opex - y->credit) * y->df_end;
        tokens += y->tokens * y->df_end;
        pnl += y->pnl_cost;
        rev += y->revenue * y->df_end;
        margin += y->gross_margin;
    }
    pr->tco_nominal = nominal;
    pr->tco_npv = npv;
    pr->npv_tokens = tokens;
    pr->levelized_cost_per_m_tokens = npv / tokens * 1e6;
    pr->pnl_total = pnl;
    pr->revenue_npv = rev;
    pr->margin_total = margin;
}

/* Peak facility power over the horizon against the site's envelope, and the
 * year-1 tokens per day of the most whole nodes the envelope can power. */
static void site(const tc_scenario *s, tc_platform_result *pr)
{
    const tc_platform *p = pr->in;
    double peak = 0;
    for (int k = 0; k < s->horizon_years; k++)
        peak = fmax(peak, pr->years[k].facility_mw);
    pr->peak_facility_mw = peak;
    if (!s->site_power_mw.given)
        return;
    double mw = s->site_power_mw.value;
    pr->site_fits = peak <= mw;
    for (int k = 0; k < s->horizon_years && !pr->site_fits; k++)
        if (pr->years[k].facility_mw > mw) {
            pr->site_first_year_over = k + 1;
            break;
        }
    double nodes = mw * 1000 / (p->power_kw_per_gpu.value * s->pue.value) / p->gpus_per_node;
    nodes = floor(nodes + 1e-9 * nodes);    /* 12.0 computed as 11.999999999 is 12 nodes */
    pr->site_max_tokens_per_day = nodes * p->gpus_per_node * pr->tokens_per_s_per_gpu
                                  * s->utilization.value * 86400;
}

void tc_eval_totals(const tc_scenario *s, tc_platform_result *pr)
{
    sums(pr, s->horizon_years);
    pr->payback_years = s->token_price_per_m.given
        ? tc_eval_payback(pr->years, s->horizon_years) : NAN;
    if (pr->in->pricing.kind != TC_PRICING_API)
        site(s, pr);
}
