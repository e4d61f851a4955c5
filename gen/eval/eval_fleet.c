/* Fleet and yearly cash and P&L rows (METHOD.md "Fleet and multi-year TCO").
 * Escalations are running products rather than pow() per year: the same
 * values to the last bits that matter, at a fraction of the cost. */
#include <math.h>

#include "eval_priv.h"

/* Per-year inputs shared by the three pricing forms. */
typedef struct {
    double demand;          /* D_y */
    double tput;            /* T_y, mix, with software uplift */
    double change;          /* (1 + annual_change)^(y-1) */
    double power_price;     /* p * (1 + e)^(y-1) */
} year_in;

/* ceil that ignores floating noise: 9.9999999999 nodes' worth of demand
 * computed as 10.0000000001 must stay 10 nodes. */
static double ceil_clean(double x)
{
    return ceil(x - 1e-9 * fabs(x));
}

/* Energy per installed GPU-year at the load factor, and facility per GPU-year. */
static double energy_per_gpu_year(const tc_scenario *s, const tc_platform *p, double price)
{
    double u = s->utilization.value;
    double load = u + (1 - u) * p->idle_power_fraction.value;
    return p->power_kw_per_gpu.value * s->pue.value * load * price * 8760;
}

static double facility_per_gpu_year(const tc_scenario *s, const tc_platform *p)
{
    return p->power_kw_per_gpu.value * s->facility_per_kw_month.value * 12;
}

static void needed(const tc_scenario *s, const tc_platform *p, const year_in *in, tc_year *y)
{
    double x = in->demand / 86400 / (in->tput * s->utilization.value) / p->gpus_per_node;
    y->tokens_per_s_per_gpu = in->tput;
    y->nodes = ceil_clean(x);
    y->gpus = y->nodes * p->gpus_per_node;
}

static void cloud_year(const tc_scenario *s, const tc_platform *p, const year_in *in, tc_year *y)
{
    needed(s, p, in, y);
    y->nodes_installed = y->nodes;
    y->gpus_installed = y->gpus;
    y->nodes_bought = NAN;
    y->rent = y->gpus * 8760 * p->pricing.gpu_hour.value * in->change;
    if (!p->pricing.includes_power) {
        y->energy = y->gpus * energy_per_gpu_year(s, p, in->power_price);
        y->facility = y->gpus * facility_per_gpu_year(s, p);
    }
}

static void api_year(const tc_platform_result *pr, const year_in *in, tc_year *y)
{
    y->tokens_per_s_per_gpu = NAN;
    y->nodes = y->gpus = y->nodes_installed = y->gpus_installed = y->nodes_bought = NAN;
    y->api = 365 * in->demand * pr->cost_per_m_tokens / 1e6 * in->change;
}

/* Owned, year k (0-based): cohorts bought in b > k - L are in service; the
 * new cohort tops them up to the nodes needed (refresh and growth at once). */
static void owned_year(const tc_scenario *s, const tc_platform *p, const year_in *in,
                       tc_year *years, int k)
{
    const tc_pricing *pp = &p->pricing;
    int life = pp->amortization_years;
    double price = pp->capex_per_node.value + pp->network_capex_per_node.value;
    tc_year *y = &years[k];
    needed(s, p, in, y);
    double alive = 0;
    for (int b = k - life + 1 < 0 ? 0 : k - life + 1; b < k; b++)
        alive += years[b].nodes_bought;
    y->nodes_bought = y->nodes > alive ? y->nodes - alive : 0;
    y->nodes_installed = alive + y->nodes_bought;
    y->gpus_installed = y->nodes_installed * p->gpus_per_node;
    y->capex += y->nodes_bought * price;
    y->energy = y->gpus_installed * energy_per_gpu_year(s, p, in->power_price);
    y->facility = y->gpus_installed * facility_per_gpu_year(s, p);
    y->maintenance = pp->maintenance_rate.value * y->nodes_installed * price;
    y->software = pp->software_per_gpu_year.value * y->gpus_installed;
    y->depreciation = y->nodes_installed * price * (1 - pp->residual_value.value) / life;
    int retiring = k - life + 1;    /* the horizon's last year is settled below */
    if (retiring >= 0 && k < s->horizon_years - 1)
        y->credit = pp->residual_value.value * years[retiring].nodes_bought * price;
}

/* End of the horizon: every cohort in service returns its book value
 * capex - (capex - R*capex) * age / L; one retiring now has age L: R*capex. */
static void owned_settle(const tc_scenario *s, const tc_platform *p, tc_year *years)
{
    const tc_pricing *pp = &p->pricing;
    int h = s->horizon_years, life = pp->amortization_years;
    double price = pp->capex_per_node.value + pp->network_capex_per_node.value;
    double res = pp->residual_value.value;
    for (int b = h - life < 0 ? 0 : h - life; b < h; b++) {
        double capex = years[b].nodes_bought * price;
        years[h - 1].credit += capex - (capex - res * capex) * (h - b) / life;
    }
}

static void common_year(const tc_scenario *s, const tc_platform_result *pr, int k,
                        const year_in *in, tc_year *y, double *df)
{
    *y = (tc_year){ .year = k + 1, .demand_tokens_per_day = in->demand };
    y->tokens = 365 * in->demand;
    y->other = pr->in->pricing.other_per_year.value;
    y->capex = k == 0 ? pr->in->pricing.one_time.value : 0;
    y->facility_mw = NAN;
    y->df_start = *df;
    *df /= 1 + s->discount_rate.value;
    y->df_end = *df;
}

/* Cash and P&L sums of a filled row. */
static void close_year(const tc_scenario *s, const tc_platform *p, tc_year *y)
{
    y->opex = y->rent + y->api + y->energy + y->facility + y->maintenance + y->software + y->other;
    y->cash = y->capex + y->opex - y->credit;
    y->pnl_cost = y->depreciation + y->opex + (y->year == 1 ? p->pricing.one_time.value : 0);
    if (s->token_price_per_m.given) {
        y->revenue = y->tokens * s->token_price_per_m.value / 1e6;
        y->gross_margin = y->revenue - y->pnl_cost;
    } else {
        y->revenue = y->gross_margin = NAN;
    }
    if (p->pricing.kind != TC_PRICING_API)
        y->facility_mw = y->gpus_installed * p->power_kw_per_gpu.value * s->pue.value / 1000;
}

void tc_eval_fleet(const tc_scenario *s, tc_platform_result *pr)
{
    const tc_platform *p = pr->in;
    int h = s->horizon_years;
    year_in in = { s->tokens_per_day.value, pr->tokens_per_s_per_gpu, 1, s->price_per_kwh.value };
    double df = 1;
    for (int k = 0; k < h; k++) {
        common_year(s, pr, k, &in, &pr->years[k], &df);
        if (p->pricing.kind == TC_PRICING_CLOUD)
            cloud_year(s, p, &in, &pr->years[k]);
        else if (p->pricing.kind == TC_PRICING_API)
            api_year(pr, &in, &pr->years[k]);
        else
            owned_year(s, p, &in, pr->years, k);
        in.demand *= 1 + s->growth.value;
        in.tput *= 1 + p->software_uplift.value;
        in.change *= 1 + p->pricing.annual_change.value;
        in.power_price *= 1 + s->escalation.value;
    }
    if (p->pricing.kind == TC_PRICING_OWNED)
        owned_settle(s, p, pr->years);
    for (int k = 0; k < h; k++)
        close_year(s, p, &pr->years[k]);
}
