/* Year-1 unit figures (METHOD.md "Cost per GPU-hour" and "Headline metrics"). */
#include <math.h>

#include "eval_priv.h"

/* 1/L at r = 0, and where (1 + r)^L rounds to 1 (a Monte Carlo draw of
 * 1e-17): its limit, where r / (f - 1) would divide by 0. */
double tc_eval_crf(double r, int years)
{
    double f = pow(1 + r, years);
    if (r == 0 || f == 1)
        return 1.0 / years;
    return r * f / (f - 1);
}

/* Owned: the annuity that recovers the capital net of the discounted
 * residual, plus maintenance and software, per GPU-hour. */
static double owned_capital_per_hour(const tc_scenario *s, const tc_platform *p, double *crf)
{
    const tc_pricing *pp = &p->pricing;
    double c = (pp->capex_per_node.value + pp->network_capex_per_node.value) / p->gpus_per_node;
    double r = s->discount_rate.value, res = pp->residual_value.value;
    int life = pp->amortization_years;
    *crf = tc_eval_crf(r, life);
    double annual = (c - res * c / pow(1 + r, life)) * *crf
                    + pp->maintenance_rate.value * c + pp->software_per_gpu_year.value;
    return annual / 8760;
}

/* Cost per GPU-hour = capital (the price, for cloud) + energy + facility.
 * Cloud with power included: energy and facility are inside the price (0). */
static void gpu_hour_cost(const tc_scenario *s, tc_platform_result *pr)
{
    const tc_platform *p = pr->in;
    double kw = p->power_kw_per_gpu.value, u = s->utilization.value;
    double load = u + (1 - u) * p->idle_power_fraction.value;
    pr->energy_per_gpu_hour = kw * s->pue.value * load * s->price_per_kwh.value;
    pr->facility_per_gpu_hour = kw * s->facility_per_kw_month.value * 12 / 8760;
    pr->crf = NAN;
    if (p->pricing.kind == TC_PRICING_OWNED) {
        pr->capital_per_gpu_hour = owned_capital_per_hour(s, p, &pr->crf);
    } else {
        pr->capital_per_gpu_hour = p->pricing.gpu_hour.value;
        if (p->pricing.includes_power)
            pr->energy_per_gpu_hour = pr->facility_per_gpu_hour = 0;
    }
    pr->cost_per_gpu_hour =
        pr->capital_per_gpu_hour + pr->energy_per_gpu_hour + pr->facility_per_gpu_hour;
    pr->pflops_per_dollar_hour =
        p->peak_pflops.given ? p->peak_pflops.value / pr->cost_per_gpu_hour : NAN;
}

/* api: price of a request's tokens over the tokens the basis counts. */
static double api_cost_per_m(const tc_scenario *s, const tc_pricing *pp, const tc_workload *w)
{
    double spend = w->isl * pp->input_per_m.value + w->osl * pp->output_per_m.value;
    return spend / (s->token_basis == TC_BASIS_TOTAL ? w->isl + w->osl : w->osl);
}

static void workload_costs(const tc_scenario *s, tc_platform_result *pr)
{
    double per_hour_tokens = s->utilization.value * 3600;
    for (size_t i = 0; i < s->n_workloads; i++) {
        tc_wl_result *w = &pr->workloads[i];
        if (!w->covered)
            continue;
        if (pr->in->pricing.kind == TC_PRICING_API)
            w->cost_per_m_tokens = api_cost_per_m(s, &pr->in->pricing, w->in);
        else
            w->cost_per_m_tokens =
                pr->cost_per_gpu_hour / (w->tokens_per_s_per_gpu * per_hour_tokens) * 1e6;
    }
}

/* Mix: T = 1 / sum(s_i / T_i); cost = sum s_i * cost_i. */
static void mix(const tc_scenario *s, tc_platform_result *pr)
{
    double inv = 0, cost = 0;
    pr->covered = 1;
    for (size_t i = 0; i < s->n_workloads; i++) {
        const tc_wl_result *w = &pr->workloads[i];
        pr->covered &= w->covered;
        inv += w->in->share.value / w->tokens_per_s_per_gpu;
        cost += w->in->share.value * w->cost_per_m_tokens;
    }
    int gpus = pr->in->pricing.kind != TC_PRICING_API;
    pr->tokens_per_s_per_gpu = pr->covered && gpus ? 1 / inv : NAN;
    pr->cost_per_m_tokens = pr->covered ? cost : NAN;
    pr->tokens_per_s_per_mw = gpus ? pr->tokens_per_s_per_gpu
        / (pr->in->power_kw_per_gpu.value * s->pue.value) * 1000 : NAN;
}

void tc_eval_unit(const tc_scenario *s, tc_platform_result *pr)
{
    if (pr->in->pricing.kind == TC_PRICING_API) {
        pr->energy_per_gpu_hour = pr->facility_per_gpu_hour = NAN;
        pr->capital_per_gpu_hour = pr->crf = pr->cost_per_gpu_hour = NAN;
        pr->pflops_per_dollar_hour = NAN;
    } else {
        gpu_hour_cost(s, pr);
    }
    workload_costs(s, pr);
    mix(s, pr);
}
