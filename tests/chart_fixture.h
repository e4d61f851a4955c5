/* Hand-built scenarios and results for the chart tests (the evaluation is
 * written elsewhere): the METHOD.md reference pair, an owned/cloud/api mix
 * with years and credits, and ten platforms with 60-character names.
 * Year figures follow METHOD.md's fleet rules in simplified form. */
#ifndef TC_CHART_FIXTURE_H
#define TC_CHART_FIXTURE_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tc_results.h"

#define FX_MAX_P 12
#define FX_MAX_Y 15

typedef struct {
    tc_scenario s;
    tc_results r;
    tc_platform plats[FX_MAX_P];
    tc_platform_result pres[FX_MAX_P];
    tc_workload wl[2];
    tc_wl_result wres[FX_MAX_P][2];
    tc_perf perf[FX_MAX_P];
    tc_point points[FX_MAX_P][4];
    tc_year years[FX_MAX_P][FX_MAX_Y];
    size_t ranking[FX_MAX_P];
    char names[FX_MAX_P][96], ids[FX_MAX_P][16];
    tc_sensitivity sens;
    tc_tornado_row *rows_ptr[FX_MAX_P];
    tc_tornado_row rows[FX_MAX_P][6];
    size_t n_rows[FX_MAX_P];
    tc_monte_carlo mc;
    tc_quantiles lcot[FX_MAX_P], cpm[FX_MAX_P];
    double p_cheapest[FX_MAX_P];
} tc_fixture;

static tc_num fx_num(double v)
{
    tc_num n = {0};
    n.value = v;
    n.given = 1;
    return n;
}

static tc_fixture *fx_new(const char *title, int horizon, double tokens_per_day, double growth)
{
    tc_fixture *f = calloc(1, sizeof *f);
    if (!f)
        abort();
    tc_scenario *s = &f->s;
    s->title = (char *)title;
    strcpy(s->currency, "USD");
    s->horizon_years = horizon;
    s->discount_rate = fx_num(0.08);
    s->utilization = fx_num(1.0);
    s->price_per_kwh = fx_num(0.08);
    s->pue = fx_num(1.0);
    s->tokens_per_day = fx_num(tokens_per_day);
    s->growth = fx_num(growth);
    s->workloads = f->wl;
    s->n_workloads = 1;
    f->wl[0] = (tc_workload){.id = "chat", .name = "chat", .model = "deepseek-r1",
                             .isl = 1024, .osl = 1024, .share = fx_num(1.0),
                             .min_interactivity = fx_num(50)};
    s->platforms = f->plats;
    f->r.scenario = s;
    f->r.platforms = f->pres;
    f->r.ranking = f->ranking;
    return f;
}

/* Adds platform i: pricing kind, price (gpu_hour, node capex), kW, PFLOPS. */
static size_t fx_platform(tc_fixture *f, const char *name, tc_pricing_kind kind,
                          double price, double kw, double pflops, int gpn)
{
    size_t i = f->s.n_platforms++;
    tc_platform *p = &f->plats[i];
    snprintf(f->ids[i], sizeof f->ids[i], "p%zu", i);
    snprintf(f->names[i], sizeof f->names[i], "%s", name);
    p->id = f->ids[i];
    p->name = f->names[i];
    p->gpus_per_node = gpn;
    p->power_kw_per_gpu = fx_num(kw);
    p->peak_pflops = fx_num(pflops);
    p->peak_pflops.given = pflops > 0;
    p->pricing.kind = kind;
    p->pricing.gpu_hour = fx_num(kind == TC_PRICING_CLOUD ? price : 0);
    p->pricing.capex_per_node = fx_num(kind == TC_PRICING_OWNED ? price : 0);
    tc_platform_result *pr = &f->pres[i];
    pr->in = p;
    pr->workloads = f->wres[i];
    pr->site_fits = -1;
    f->wres[i][0].in = &f->wl[0];
    f->wres[i][0].perf_index = -1;
    return i;
}

/* Performance points (interactivity, throughput), output basis. */
static void fx_points(tc_fixture *f, size_t i, const double (*pts)[2], size_t n)
{
    tc_perf *e = &f->perf[i];
    *e = (tc_perf){.model = "deepseek-r1", .isl = 1024, .osl = 1024, .basis = TC_BASIS_OUTPUT,
                   .points = f->points[i], .n_points = n, .has_interactivity = 1};
    for (size_t k = 0; k < n; k++) {
        f->points[i][k].interactivity = fx_num(pts[k][0]);
        f->points[i][k].throughput = fx_num(pts[k][1]);
    }
    f->plats[i].perf = e;
    f->plats[i].n_perf = 1;
    f->wres[i][0].perf_index = 0;
}

/* Year-1 headline figures as METHOD.md defines them. */
static void fx_headline(tc_fixture *f, size_t i, double cost_h, double tput)
{
    tc_platform_result *p = &f->pres[i];
    const tc_scenario *s = &f->s;
    double kw = f->plats[i].power_kw_per_gpu.value, u = s->utilization.value;
    p->covered = 1;
    p->cost_per_gpu_hour = cost_h;
    p->tokens_per_s_per_gpu = tput;
    p->cost_per_m_tokens = cost_h / (tput * u * 3600.0) * 1e6;
    p->tokens_per_s_per_mw = tput / (kw * s->pue.value) * 1000.0;
    p->pflops_per_dollar_hour = f->plats[i].peak_pflops.given
                              ? f->plats[i].peak_pflops.value / cost_h : NAN;
    tc_wl_result *w = &f->wres[i][0];
    w->covered = 1;
    w->how = TC_TPUT_INTERP;
    w->tokens_per_s_per_gpu = tput;
    w->cost_per_m_tokens = p->cost_per_m_tokens;
}

static double fx_demand(const tc_fixture *f, int y)
{
    return f->s.tokens_per_day.value * pow(1.0 + f->s.growth.value, y - 1);
}

static void fx_year_common(tc_fixture *f, size_t i, int y, tc_year *yr)
{
    yr->year = y;
    yr->demand_tokens_per_day = fx_demand(f, y);
    yr->tokens = 365.0 * yr->demand_tokens_per_day;
    yr->tokens_per_s_per_gpu = f->pres[i].tokens_per_s_per_gpu;
    int gpn = f->plats[i].gpus_per_node;
    yr->nodes = ceil(yr->demand_tokens_per_day / 86400.0 /
                     (yr->tokens_per_s_per_gpu * f->s.utilization.value) / gpn);
    yr->gpus = yr->nodes * gpn;
}

static void fx_years_cloud(tc_fixture *f, size_t i)
{
    f->pres[i].years = f->years[i];
    double kw = f->plats[i].power_kw_per_gpu.value;
    for (int y = 1; y <= f->s.horizon_years; y++) {
        tc_year *yr = &f->years[i][y - 1];
        fx_year_common(f, i, y, yr);
        yr->nodes_installed = yr->nodes;
        yr->gpus_installed = yr->gpus;
        yr->rent = yr->gpus * 8760.0 * f->plats[i].pricing.gpu_hour.value;
        yr->opex = yr->rent;
        yr->cash = yr->opex;
        yr->facility_mw = yr->gpus * kw * f->s.pue.value / 1000.0;
    }
}

/* Owned: nodes bought when first needed, kept; straight-line book value
 * credited at the end of the horizon; other_per_year and one_time. */
static void fx_years_owned(tc_fixture *f, size_t i, double other, double one_time)
{
    f->pres[i].years = f->years[i];
    const tc_platform *p = &f->plats[i];
    double node = p->pricing.capex_per_node.value, kw = p->power_kw_per_gpu.value;
    double installed = 0, capex_in = 0, book = 0;
    for (int y = 1; y <= f->s.horizon_years; y++) {
        tc_year *yr = &f->years[i][y - 1];
        fx_year_common(f, i, y, yr);
        yr->nodes_bought = fmax(0.0, yr->nodes - installed);
        installed += yr->nodes_bought;
        yr->nodes_installed = installed;
        yr->gpus_installed = installed * p->gpus_per_node;
        yr->capex = yr->nodes_bought * node + (y == 1 ? one_time : 0);
        capex_in += yr->nodes_bought * node;
        book = book * 0.75 + yr->nodes_bought * node * 0.75;
        yr->energy = yr->gpus_installed * kw * f->s.pue.value * 8760 * f->s.price_per_kwh.value;
        yr->facility = yr->gpus_installed * kw * 150 * 12;
        yr->maintenance = 0.05 * capex_in;
        yr->software = yr->gpus_installed * 4500;
        yr->other = other;
        yr->opex = yr->energy + yr->facility + yr->maintenance + yr->software + yr->other;
        yr->credit = y == f->s.horizon_years ? book : 0;
        yr->cash = yr->capex + yr->opex - yr->credit;
        yr->facility_mw = yr->gpus_installed * kw * f->s.pue.value / 1000.0;
    }
}

/* API: cost per M tokens times tokens delivered. */
static void fx_years_api(tc_fixture *f, size_t i, double per_m)
{
    f->pres[i].years = f->years[i];
    tc_platform_result *p = &f->pres[i];
    p->covered = 1;
    p->cost_per_m_tokens = per_m;
    p->cost_per_gpu_hour = p->tokens_per_s_per_mw = p->pflops_per_dollar_hour = NAN;
    p->tokens_per_s_per_gpu = NAN;
    f->wres[i][0].covered = 1;
    f->wres[i][0].how = TC_TPUT_API;
    f->wres[i][0].tokens_per_s_per_gpu = NAN;
    for (int y = 1; y <= f->s.horizon_years; y++) {
        tc_year *yr = &f->years[i][y - 1];
        yr->year = y;
        yr->demand_tokens_per_day = fx_demand(f, y);
        yr->tokens = 365.0 * yr->demand_tokens_per_day;
        yr->nodes = yr->gpus = yr->facility_mw = NAN;
        yr->api = yr->tokens * per_m / 1e6;
        yr->opex = yr->cash = yr->api;
    }
}

static void fx_not_covered(tc_fixture *f, size_t i)
{
    tc_platform_result *p = &f->pres[i];
    p->covered = 0;
    p->cost_per_m_tokens = p->tokens_per_s_per_mw = p->tokens_per_s_per_gpu = NAN;
    p->pflops_per_dollar_hour = p->levelized_cost_per_m_tokens = NAN;
    p->years = NULL;
    f->wres[i][0].covered = 0;
    f->wres[i][0].reason = "the SLO is above every point";
}

/* LCOT and the site fit, from the years; ranking by LCOT. */
static void fx_finish(tc_fixture *f)
{
    const tc_scenario *s = &f->s;
    size_t n = s->n_platforms, m = 0;
    for (size_t i = 0; i < n; i++) {
        tc_platform_result *p = &f->pres[i];
        if (!p->years)
            continue;
        double cost = 0, tokens = 0, peak = 0;
        for (int y = 1; y <= s->horizon_years; y++) {
            double df = pow(1.0 + s->discount_rate.value, -y);
            cost += p->years[y - 1].cash * df;
            tokens += p->years[y - 1].tokens * df;
            peak = fmax(peak, p->years[y - 1].facility_mw);
            p->tco_nominal += p->years[y - 1].cash;
        }
        p->tco_npv = cost;
        p->levelized_cost_per_m_tokens = cost / tokens * 1e6;
        p->peak_facility_mw = isfinite(p->years[0].facility_mw) ? peak : NAN;
        if (s->site_power_mw.given && isfinite(p->years[0].facility_mw)) {
            p->site_fits = 1;
            for (int y = 1; y <= s->horizon_years && p->site_fits; y++)
                if (p->years[y - 1].facility_mw > s->site_power_mw.value) {
                    p->site_fits = 0;
                    p->site_first_year_over = y;
                }
        }
        f->ranking[m++] = i;
    }
    for (size_t a = 1; a < m; a++)      /* insertion sort by LCOT */
        for (size_t b = a; b > 0 && f->pres[f->ranking[b - 1]].levelized_cost_per_m_tokens >
                                    f->pres[f->ranking[b]].levelized_cost_per_m_tokens; b--) {
            size_t t = f->ranking[b];
            f->ranking[b] = f->ranking[b - 1];
            f->ranking[b - 1] = t;
        }
    f->r.n_ranking = m;
}

/* Sensitivity of the best platform and a Monte Carlo summary for all. */
static void fx_analysis(tc_fixture *f)
{
    static const char *const inputs[] = {"gpu_hour", "throughput", "utilization",
                                         "growth", "discount_rate"};
    static const double lo[] = {0.80, 1.25, 1.25, 1.02, 0.99};
    static const double hi[] = {1.20, 0.833, 1.00, 0.98, 1.01};
    size_t best = f->ranking[0];
    double base = f->pres[best].levelized_cost_per_m_tokens;
    for (size_t k = 0; k < 5; k++)
        f->rows[best][k] = (tc_tornado_row){.input = inputs[k], .low = base * lo[k], .high = base * hi[k]};
    f->n_rows[best] = 5;
    for (size_t i = 0; i < FX_MAX_P; i++)
        f->rows_ptr[i] = f->rows[i];
    f->sens = (tc_sensitivity){0.20, f->rows_ptr, f->n_rows};
    f->r.sensitivity = &f->sens;
    for (size_t i = 0; i < f->s.n_platforms; i++) {
        double l = f->pres[i].levelized_cost_per_m_tokens;
        f->lcot[i] = (tc_quantiles){l * 0.82, l * 1.01, l * 1.31, l * 1.04};
        f->cpm[i] = f->lcot[i];
        f->p_cheapest[i] = i == best ? 0.97 : isfinite(l) ? 0.03 / (double)(f->s.n_platforms - 1) : 0;
    }
    f->mc = (tc_monte_carlo){10000, 42, f->lcot, f->cpm, f->p_cheapest};
    f->r.monte_carlo = &f->mc;
}

/* METHOD.md's reference pair: H200 cloud 1.41 $/GPU-h at 90 tok/s/GPU and
 * GB300 NVL72 2.65 $/GPU-h at 6000, utilization 1, PUE 1. */
static tc_fixture *fx_reference(void)
{
    tc_fixture *f = fx_new("DeepSeek-R1 serving: Hopper vs Blackwell", 5, 5.0e9, 0.40);
    f->s.site_power_mw = fx_num(3.0);
    static const double h200[][2] = {{10, 160}, {30, 125}, {50, 90}, {80, 40}};
    static const double gb300[][2] = {{20, 9000}, {50, 6000}, {100, 2500}};
    size_t a = fx_platform(f, "HGX H200", TC_PRICING_CLOUD, 1.41, 1.73, 3.958, 8);
    size_t b = fx_platform(f, "GB300 NVL72", TC_PRICING_CLOUD, 2.65, 2.10, 15, 72);
    fx_points(f, a, h200, 4);
    fx_points(f, b, gb300, 3);
    fx_headline(f, a, 1.41, 90);
    fx_headline(f, b, 2.65, 6000);
    fx_years_cloud(f, a);
    fx_years_cloud(f, b);
    f->r.baseline = 0;
    fx_finish(f);
    fx_analysis(f);
    return f;
}

/* Owned GB200 against cloud and an API, over 6 years with growth: credits
 * in the last year, and the owned line crossing the others. */
static tc_fixture *fx_owned(void)
{
    tc_fixture *f = fx_new("Build or buy: owned GB200 vs cloud vs API", 6, 2.0e10, 0.35);
    f->s.utilization = fx_num(0.7);
    f->s.pue = fx_num(1.3);
    f->s.site_power_mw = fx_num(1.5);
    static const double gb200[][2] = {{20, 6000}, {50, 4000}, {100, 1500}};
    static const double h100[][2] = {{20, 900}, {40, 600}, {60, 300}};
    size_t a = fx_platform(f, "GB200 NVL72 (owned)", TC_PRICING_OWNED, 3.9e6, 1.65, 10, 72);
    size_t b = fx_platform(f, "H100 (cloud)", TC_PRICING_CLOUD, 2.20, 1.4, 1.979, 8);
    size_t c = fx_platform(f, "DeepSeek API", TC_PRICING_API, 0, 0, 0, 1);
    f->plats[c].power_kw_per_gpu.value = NAN;
    fx_points(f, a, gb200, 3);
    fx_points(f, b, h100, 3);
    fx_headline(f, a, 1.9, 4000);
    fx_headline(f, b, 2.20, 450);
    fx_years_owned(f, a, 2.0e5, 1.0e6);
    fx_years_cloud(f, b);
    fx_years_api(f, c, 0.95);
    f->r.baseline = 1;
    fx_finish(f);
    return f;
}

/* Ten platforms with 60-character names, one not covered, one API. */
static tc_fixture *fx_many(void)
{
    tc_fixture *f = fx_new("Ten bids, long names", 5, 5.0e9, 0.2);
    f->s.utilization = fx_num(0.8);
    for (size_t i = 0; i < 10; i++) {
        char name[96];
        snprintf(name, sizeof name, "Vendor %c Hyperscale Inference Cluster Configuration %zu",
                 (char)('A' + i), 10000000 + i);
        size_t k = fx_platform(f, name, i == 9 ? TC_PRICING_API : TC_PRICING_CLOUD,
                               1.2 + 0.3 * (double)i, 1.2 + 0.1 * (double)i, 2.0 + i, 8);
        double t = 150.0 * pow(1.6, (double)i);
        double pts[][2] = {{20, t * 1.5}, {50, t}, {90, t * 0.4}};
        if (i == 9) {
            f->plats[k].power_kw_per_gpu.value = NAN;
            fx_years_api(f, k, 1.10);
            continue;
        }
        fx_points(f, k, (const double (*)[2])pts, 3);
        if (i == 6) {
            fx_not_covered(f, k);
            continue;
        }
        fx_headline(f, k, f->plats[k].pricing.gpu_hour.value, t);
        fx_years_cloud(f, k);
    }
    f->r.baseline = 2;
    fx_finish(f);
    fx_analysis(f);
    return f;
}

#endif
