/* The lean evaluation path (tc_plan.h): LCOT and year-1 mix cost per
 * million tokens only, for the analyses that evaluate a scenario 1e5 or 1e7
 * times. Every expression is tc_eval's (eval_unit.c, eval_fleet.c,
 * eval_tco.c), term for term and in the same order, so the doubles agree to
 * the last bit; what changes is what is computed once: the perf entry of
 * each workload, the bracket of each curve whose interactivities do not
 * vary, and the yearly demand, tokens and discount factors, shared by every
 * bid instead of recomputed per bid. */
#include <math.h>
#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "eval_plan_priv.h"

static int by_address(const void *a, const void *b)
{
    uintptr_t x = (uintptr_t)*(const tc_num *const *)a, y = (uintptr_t)*(const tc_num *const *)b;
    return (x > y) - (x < y);
}

/* vary is sorted by address (tc_plan_new's copy): robustness varies some
 * 10,000 inputs, looked up for every point of every curve. */
static int varies(const tc_num *x, const tc_num *const *vary, size_t n)
{
    return !vary || bsearch(&x, vary, n, sizeof *vary, by_address) != NULL;
}

/* Whether the bracket of w on e can move: an interactivity of e, or the SLO
 * (or, without SLO, a throughput: the best point) varies. */
static int curve_varies(const tc_perf *e, const tc_workload *w, const tc_num *const *vary,
                        size_t n)
{
    int slo = w->min_interactivity.given;
    if (slo && varies(&w->min_interactivity, vary, n))
        return 1;
    for (size_t j = 0; j < e->n_points; j++)
        if (varies(slo ? &e->points[j].interactivity : &e->points[j].throughput, vary, n))
            return 1;
    return 0;
}

static void resolve(const tc_perf *e, const tc_workload *w, plan_wl *q)
{
    if (!e->has_interactivity) {
        q->how = TC_TPUT_SINGLE;
        q->lo = q->hi = 0;
    } else if (!w->min_interactivity.given) {
        q->how = TC_TPUT_MAX;
        q->lo = q->hi = tc_eval_max_point(e);
    } else {
        q->how = tc_eval_bracket(e, w->min_interactivity.value, &q->lo, &q->hi);
    }
}

static void plan_platform(tc_plan *p, size_t i, const tc_num *const *vary, size_t n)
{
    const tc_scenario *s = p->s;
    const tc_platform *pl = &s->platforms[i];
    for (size_t k = 0; k < s->n_workloads; k++) {
        plan_wl *q = &p->wl[i * s->n_workloads + k];
        const tc_workload *w = &s->workloads[k];
        q->perf = pl->pricing.kind == TC_PRICING_API ? -1 : tc_eval_find_perf(pl, w);
        if (q->perf < 0)
            continue;
        const tc_perf *e = &pl->perf[q->perf];
        q->fixed = !e->has_interactivity || !curve_varies(e, w, vary, n);
        if (q->fixed)
            resolve(e, w, q);
        else
            q->at_max = !w->min_interactivity.given;
    }
}

/* Demand, tokens delivered, power price and discount factors of each year,
 * as eval_fleet.c's running products, and sum tokens_y df_end_y. */
void tc_plan_shared_years(tc_plan *p)
{
    const tc_scenario *s = p->s;
    double demand = s->tokens_per_day.value, price = s->price_per_kwh.value, df = 1;
    double npv_tokens = 0;
    for (int k = 0; k < s->horizon_years; k++) {
        p->demand[k] = demand;
        p->tokens[k] = 365 * demand;
        p->demand_s[k] = demand / 86400;
        p->power_price[k] = price;
        p->df_start[k] = df;
        df /= 1 + s->discount_rate.value;
        p->df_end[k] = df;
        npv_tokens += p->tokens[k] * p->df_end[k];
        demand *= 1 + s->growth.value;
        price *= 1 + s->escalation.value;
    }
    p->npv_tokens = npv_tokens;
}

tc_status tc_plan_new(const tc_scenario *s, const tc_num *const *vary, size_t n_vary,
                      tc_plan **out)
{
    *out = NULL;
    if (!s || !tc_eval_usable(s))
        return TC_ERR_INVALID;
    size_t cells = s->n_platforms * s->n_workloads;
    if (cells / s->n_platforms != s->n_workloads || cells > SIZE_MAX / sizeof(plan_wl))
        return TC_ERR_NOMEM;
    tc_plan *p = calloc(1, sizeof *p);
    const tc_num **sorted = vary ? malloc((n_vary ? n_vary : 1) * sizeof *sorted) : NULL;
    if (!p || !(p->wl = calloc(cells, sizeof *p->wl)) || (vary && !sorted)) {
        tc_plan_free(p);
        free(sorted);
        return TC_ERR_NOMEM;
    }
    if (vary) {
        memcpy(sorted, vary, n_vary * sizeof *sorted);
        qsort(sorted, n_vary, sizeof *sorted, by_address);
        vary = sorted;
    }
    p->s = s;
    for (size_t i = 0; i < s->n_platforms; i++)
        plan_platform(p, i, vary, n_vary);
    const tc_num *years_in[] = {&s->tokens_per_day, &s->growth, &s->discount_rate,
                                &s->price_per_kwh, &s->escalation};
    p->years_fixed = 1;
    for (size_t k = 0; k < sizeof years_in / sizeof *years_in; k++)
        p->years_fixed &= !varies(years_in[k], vary, n_vary);
    free(sorted);
    if (p->years_fixed)
        tc_plan_shared_years(p);
    *out = p;
    return TC_OK;
}

void tc_plan_free(tc_plan *p)
{
    if (!p)
        return;
    free(p->wl);
    free(p->slots);
    free(p);
}

/* Whether x is one of the points of a perf entry of pl some workload uses. */
static int used_point(const tc_plan *p, size_t i, const tc_num *x)
{
    const tc_platform *pl = &p->s->platforms[i];
    for (size_t k = 0; k < p->s->n_workloads; k++) {
        int e = p->wl[i * p->s->n_workloads + k].perf;
        for (size_t j = 0; e >= 0 && j < pl->perf[e].n_points; j++)
            if (x == &pl->perf[e].points[j].interactivity || x == &pl->perf[e].points[j].throughput)
                return 1;
    }
    return 0;
}

/* 1 when x is an input of platform i, *used whether its figures read it. */
static int platform_input(const tc_plan *p, size_t i, const tc_num *x, int *used)
{
    const tc_platform *pl = &p->s->platforms[i];
    const tc_pricing *pp = &pl->pricing;
    int api = pp->kind == TC_PRICING_API, owned = pp->kind == TC_PRICING_OWNED;
    int power = owned || (pp->kind == TC_PRICING_CLOUD && !pp->includes_power);
    const struct { const tc_num *x; int used; } f[] = {
        {&pl->peak_pflops, 0}, {&pl->power_kw_per_gpu, power},
        {&pl->idle_power_fraction, power}, {&pl->software_uplift, !api},
        {&pp->gpu_hour, pp->kind == TC_PRICING_CLOUD}, {&pp->annual_change, !owned},
        {&pp->capex_per_node, owned}, {&pp->network_capex_per_node, owned},
        {&pp->residual_value, owned}, {&pp->maintenance_rate, owned},
        {&pp->software_per_gpu_year, owned}, {&pp->input_per_m, api},
        {&pp->output_per_m, api}, {&pp->other_per_year, 1}, {&pp->one_time, 1},
    };
    for (size_t k = 0; k < sizeof f / sizeof *f; k++)
        if (x == f[k].x) {
            *used = f[k].used;
            return 1;
        }
    for (size_t k = 0; k < pl->n_perf; k++)
        for (size_t j = 0; j < pl->perf[k].n_points; j++)
            if (x == &pl->perf[k].points[j].interactivity || x == &pl->perf[k].points[j].throughput) {
                *used = used_point(p, i, x);
                return 1;
            }
    return 0;
}

int tc_plan_uses(const tc_plan *p, const tc_num *x)
{
    if (x == &p->s->site_power_mw || x == &p->s->token_price_per_m || x == NULL)
        return 0;
    for (size_t i = 0; i < p->s->n_platforms; i++) {
        int used;
        if (platform_input(p, i, x, &used))
            return used;
    }
    return 1;
}

int tc_plan_throughput(const tc_plan *p, const tc_platform *pl, const tc_workload *w,
                       const plan_wl *q, double *t)
{
    if (q->perf < 0)
        return 0;
    const tc_perf *e = &pl->perf[q->perf];
    tc_basis b = p->s->token_basis;
    plan_wl now = *q;
    if (q->at_max) {    /* resolve's branch, without its tests */
        now.how = TC_TPUT_MAX;
        now.lo = now.hi = tc_eval_max_point(e);
    } else if (!q->fixed) {
        resolve(e, w, &now);
    }
    if (now.how == TC_TPUT_NONE)
        return 0;
    double y_lo = tc_eval_on_basis(e, e->points[now.lo].throughput.value, b);
    if (now.how != TC_TPUT_INTERP) {
        *t = y_lo;
        return 1;
    }
    double y_hi = tc_eval_on_basis(e, e->points[now.hi].throughput.value, b);
    *t = tc_eval_interp(e->points[now.lo].interactivity.value, y_lo,
                        e->points[now.hi].interactivity.value, y_hi,
                        w->min_interactivity.value);
    return 1;
}

double tc_plan_life_pow(tc_plan *p, double base, int life)
{
    if (!p->pow_known || memcmp(&base, &p->pow_base, sizeof base) != 0 || life != p->pow_life) {
        p->pow_base = base;
        p->pow_life = life;
        p->pow_value = pow(base, life);
        p->pow_known = 1;
    }
    return p->pow_value;
}

/* Cost per GPU-hour (eval_unit.c gpu_hour_cost, owned_capital_per_hour). */
static double gpu_hour(tc_plan *p, const tc_platform *pl)
{
    const tc_scenario *s = p->s;
    const tc_pricing *pp = &pl->pricing;
    double kw = pl->power_kw_per_gpu.value, u = s->utilization.value;
    double load = u + (1 - u) * pl->idle_power_fraction.value;
    double energy = kw * s->pue.value * load * s->price_per_kwh.value;
    double facility = kw * s->facility_per_kw_month.value * 12 / 8760, capital;
    if (pp->kind == TC_PRICING_OWNED) {
        double c = (pp->capex_per_node.value + pp->network_capex_per_node.value)
                   / pl->gpus_per_node;
        double r = s->discount_rate.value, res = pp->residual_value.value;
        int life = pp->amortization_years;
        double f = tc_plan_life_pow(p, 1 + r, life);    /* tc_eval_crf's pow, taken once */
        double crf = r == 0 || f == 1 ? 1.0 / life : r * f / (f - 1);
        double annual = (c - res * c / f) * crf
                        + pp->maintenance_rate.value * c + pp->software_per_gpu_year.value;
        capital = annual / 8760;
    } else {
        capital = pp->gpu_hour.value;
        if (pp->includes_power)
            energy = facility = 0;
    }
    return capital + energy + facility;
}

/* Year-1 mix: T = 1 / sum(s_i / T_i), cost = sum s_i cost_i (eval_unit.c).
 * Returns covered; *tput is NAN for api. */
static int unit(tc_plan *p, size_t i, double *tput, double *cost)
{
    const tc_scenario *s = p->s;
    const tc_platform *pl = &s->platforms[i];
    const tc_pricing *pp = &pl->pricing;
    int api = pp->kind == TC_PRICING_API, covered = 1;
    double per_hour = api ? NAN : gpu_hour(p, pl), per_hour_tokens = s->utilization.value * 3600;
    double inv = 0, sum = 0;
    for (size_t k = 0; k < s->n_workloads; k++) {
        const tc_workload *w = &s->workloads[k];
        double t = NAN, c = NAN;
        if (api) {
            double spend = w->isl * pp->input_per_m.value + w->osl * pp->output_per_m.value;
            c = spend / (s->token_basis == TC_BASIS_TOTAL ? w->isl + w->osl : w->osl);
        } else if (tc_plan_throughput(p, pl, w, &p->wl[i * s->n_workloads + k], &t)) {
            c = per_hour / (t * per_hour_tokens) * 1e6;
        } else {
            covered = 0;
            t = NAN;
        }
        inv += w->share.value / t;
        sum += w->share.value * c;
    }
    *tput = covered && !api ? 1 / inv : NAN;
    *cost = covered ? sum : NAN;
    return covered;
}

/* ceil of y > 0 below 2^62 through an integer conversion (exact: the
 * same double as ceil's), ceil itself elsewhere (zero's sign, NAN, huge). */
static double ceil_fast(double y)
{
    if (!(y > 0 && y < 0x1p62))
        return ceil(y);
    double t = (double)(int64_t)y;
    return t < y ? t + 1 : t;
}

/* ceil that ignores floating noise (eval_fleet.c). */
static double ceil_clean(double x)
{
    return ceil_fast(x - 1e-9 * fabs(x));
}

/* The years of a covered platform, as eval_fleet.c fills and closes each
 * row: capex at the start of the year, opex and credit at its end, opex
 * summed in the row's order (rent, api, energy, facility, maintenance,
 * software, other; the literal zeros are the parts a pricing form does not
 * have, kept so every sum is the same double, signed zeros included). One
 * loop per pricing form, its per-year constants hoisted: each is the value
 * the row computes every year. */
typedef struct {
    const tc_plan *p;
    const tc_platform *pl;
    int h;
    double tput, uplift, growth;    /* 1 + software_uplift, 1 + annual_change */
    double u, gpn, per_gpn, other, one_time;    /* per_gpn: 1 / gpn, or 0 */
    double kw_pue_load, facility_gpu_year;
} plat_k;

/* Nodes for year k's demand at throughput t (eval_fleet.c nodes_needed:
 * demand / 86400 / (t u) / gpus per node, rounded up). For a power of two
 * gpus per node (8, as a rule), x / gpn and x * (1 / gpn) are the same
 * exact quotient rounded once, so the same double, and cheaper. */
static double nodes_needed(const plat_k *c, int k, double t)
{
    double x = c->p->demand_s[k] / (t * c->u);
    return ceil_clean(c->per_gpn != 0 ? x * c->per_gpn : x / c->gpn);
}

/* 1 / n when n is a power of two (the reciprocal is exact), else 0. */
static double exact_reciprocal(int n)
{
    return n > 0 && (n & (n - 1)) == 0 ? 1.0 / n : 0;
}

static double npv_api(const plat_k *c, double cost_per_m)
{
    const tc_plan *p = c->p;
    double change = 1, npv = 0;
    for (int k = 0; k < c->h; k++) {
        double capex = k == 0 ? c->one_time : 0;
        double api = 365 * p->demand[k] * cost_per_m / 1e6 * change;
        double opex = 0.0 + api + 0.0 + 0.0 + 0.0 + 0.0 + c->other;
        npv += capex * p->df_start[k] + (opex - 0.0) * p->df_end[k];
        change *= c->growth;
    }
    return npv;
}

static double npv_cloud(const plat_k *c)
{
    const tc_plan *p = c->p;
    const tc_pricing *pp = &c->pl->pricing;
    double rate = pp->gpu_hour.value, tput = c->tput, change = 1, npv = 0;
    int power = !pp->includes_power;
    for (int k = 0; k < c->h; k++) {
        double capex = k == 0 ? c->one_time : 0;
        double gpus = nodes_needed(c, k, tput) * c->gpn, energy = 0, facility = 0;
        double rent = gpus * 8760 * rate * change;
        if (power) {
            energy = gpus * (c->kw_pue_load * p->power_price[k] * 8760);
            facility = gpus * c->facility_gpu_year;
        }
        double opex = rent + 0.0 + energy + facility + 0.0 + 0.0 + c->other;
        npv += capex * p->df_start[k] + (opex - 0.0) * p->df_end[k];
        tput *= c->uplift;
        change *= c->growth;
    }
    return npv;
}

/* End of the horizon: the book value of every cohort in service
 * (eval_fleet.c owned_settle), added to the last year's credit. */
static double settle(const tc_platform *pl, int h, const double *bought)
{
    const tc_pricing *pp = &pl->pricing;
    int life = pp->amortization_years;
    double price = pp->capex_per_node.value + pp->network_capex_per_node.value;
    double res = pp->residual_value.value, credit = 0;
    for (int b = h - life < 0 ? 0 : h - life; b < h; b++) {
        double capex = bought[b] * price;
        credit += capex - (capex - res * capex) * (h - b) / life;
    }
    return credit;
}

/* Owned: cohorts bought to cover the year's nodes net of those alive
 * (bought in the last life - 1 years), each retired after life years with
 * its residual value as credit. */
static double npv_owned(const plat_k *c)
{
    const tc_plan *p = c->p;
    const tc_pricing *pp = &c->pl->pricing;
    int life = pp->amortization_years, h = c->h;
    double price = pp->capex_per_node.value + pp->network_capex_per_node.value;
    double maint = pp->maintenance_rate.value, sw = pp->software_per_gpu_year.value;
    double res = pp->residual_value.value, bought[MAX_YEARS], tput = c->tput, npv = 0;
    for (int k = 0; k < h; k++) {
        double nodes = nodes_needed(c, k, tput), alive = 0;
        for (int b = k - life + 1 < 0 ? 0 : k - life + 1; b < k; b++)
            alive += bought[b];
        bought[k] = nodes > alive ? nodes - alive : 0;
        double installed = alive + bought[k], gpus = installed * c->gpn;
        double capex = (k == 0 ? c->one_time : 0) + bought[k] * price;
        double energy = gpus * (c->kw_pue_load * p->power_price[k] * 8760);
        double opex = 0.0 + 0.0 + energy + gpus * c->facility_gpu_year
                      + maint * installed * price + sw * gpus + c->other;
        int retiring = k - life + 1;
        double credit = retiring >= 0 && k < h - 1 ? res * bought[retiring] * price : 0;
        if (k == h - 1)
            credit += settle(c->pl, h, bought);
        npv += capex * p->df_start[k] + (opex - credit) * p->df_end[k];
        tput *= c->uplift;
    }
    return npv;
}

/* LCOT = NPV of costs / NPV of tokens * 1e6 (eval_tco.c sums). */
static double lcot(const tc_plan *p, const tc_platform *pl, double tput, double cost_per_m)
{
    const tc_scenario *s = p->s;
    const tc_pricing *pp = &pl->pricing;
    double u = s->utilization.value, kw = pl->power_kw_per_gpu.value;
    double load = u + (1 - u) * pl->idle_power_fraction.value;
    plat_k c = {p, pl, s->horizon_years, tput, 1 + pl->software_uplift.value,
                1 + pp->annual_change.value, u, pl->gpus_per_node,
                exact_reciprocal(pl->gpus_per_node), pp->other_per_year.value,
                pp->one_time.value, kw * s->pue.value * load,
                kw * s->facility_per_kw_month.value * 12};
    double npv = pp->kind == TC_PRICING_API ? npv_api(&c, cost_per_m)
               : pp->kind == TC_PRICING_CLOUD ? npv_cloud(&c) : npv_owned(&c);
    return npv / p->npv_tokens * 1e6;
}

void tc_plan_eval(tc_plan *p, double *lcot_out, double *cost_out)
{
    const tc_scenario *s = p->s;
    if (!p->years_fixed)
        tc_plan_shared_years(p);
    for (size_t i = 0; i < s->n_platforms; i++) {
        double tput, cost;
        int covered = unit(p, i, &tput, &cost);
        if (cost_out)
            cost_out[i] = cost;
        if (lcot_out)
            lcot_out[i] = covered ? lcot(p, &s->platforms[i], tput, cost) : NAN;
    }
}

double tc_plan_eval_one(tc_plan *p, size_t i)
{
    if (!p->years_fixed)
        tc_plan_shared_years(p);
    double tput, cost;
    return unit(p, i, &tput, &cost) ? lcot(p, &p->s->platforms[i], tput, cost) : NAN;
}
