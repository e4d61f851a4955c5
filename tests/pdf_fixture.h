/* Results built by hand for the report tests: METHOD.md's reference table
 * (HGX H200 against GB300 NVL72, cloud, utilization 1, PUE 1), and a
 * 30-platform variant with accented, long names. The year rows follow the
 * fleet and TCO formulas of METHOD.md for cloud pricing. */
#ifndef PDF_FIXTURE_H
#define PDF_FIXTURE_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tc_results.h"

typedef struct {
    tc_scenario s;
    tc_results r;
} fixture;

static tc_num fx_num(double v, int given)
{
    tc_num n = {0};
    n.value = v;
    n.given = given;
    n.line = given ? 10 : 0;
    return n;
}

static void fx_platform(fixture *f, size_t i, const char *id, const char *name, double gpu_hour,
                        double pflops, double kw, double tput)
{
    tc_platform *p = &f->s.platforms[i];
    p->id = strdup(id);
    p->name = strdup(name);
    p->vendor = strdup("Example Cloud");
    p->source = strdup("SemiAnalysis InferenceX v2");
    p->gpus_per_node = i % 2 ? 72 : 8;
    p->peak_pflops = fx_num(pflops, 1);
    p->power_kw_per_gpu = fx_num(kw, 1);
    p->idle_power_fraction = fx_num(1.0, 0);
    p->pricing.kind = TC_PRICING_CLOUD;
    p->pricing.gpu_hour = fx_num(gpu_hour, 1);
    p->pricing.includes_power = 1;
    p->n_perf = 1;
    p->perf = calloc(1, sizeof *p->perf);
    p->perf->model = strdup("deepseek-r1");
    p->perf->isl = p->perf->osl = 1024;
    p->perf->config = strdup(i % 2 ? "FP4, MTP, disaggregated" : "FP8");
    p->perf->n_points = 1;
    p->perf->points = calloc(1, sizeof *p->perf->points);
    p->perf->points[0].throughput = fx_num(tput, 1);
}

static void fx_years(fixture *f, tc_platform_result *pr)
{
    const tc_scenario *s = &f->s;
    const tc_platform *p = pr->in;
    int h = s->horizon_years;
    pr->years = calloc((size_t)h, sizeof *pr->years);
    pr->tco_nominal = pr->tco_npv = pr->npv_tokens = pr->pnl_total = 0;
    pr->peak_facility_mw = 0;
    for (int y = 1; y <= h; y++) {
        tc_year *yr = &pr->years[y - 1];
        double r = s->discount_rate.value;
        yr->year = y;
        yr->demand_tokens_per_day = s->tokens_per_day.value * pow(1 + s->growth.value, y - 1);
        yr->tokens = 365 * yr->demand_tokens_per_day;
        yr->tokens_per_s_per_gpu = pr->tokens_per_s_per_gpu;
        yr->nodes = ceil(yr->demand_tokens_per_day / 86400 / pr->tokens_per_s_per_gpu /
                         p->gpus_per_node);
        yr->gpus = yr->nodes * p->gpus_per_node;
        yr->nodes_installed = yr->nodes;
        yr->gpus_installed = yr->gpus;
        yr->rent = yr->gpus * 8760 * p->pricing.gpu_hour.value;
        yr->opex = yr->rent;
        yr->cash = yr->opex;
        yr->pnl_cost = yr->opex;
        yr->revenue = NAN;
        yr->gross_margin = NAN;
        yr->facility_mw = yr->gpus * p->power_kw_per_gpu.value * s->pue.value / 1000;
        yr->df_start = pow(1 + r, -(y - 1));
        yr->df_end = pow(1 + r, -y);
        pr->tco_nominal += yr->cash;
        pr->tco_npv += yr->cash * yr->df_end;
        pr->npv_tokens += yr->tokens * yr->df_end;
        pr->pnl_total += yr->pnl_cost;
        if (yr->facility_mw > pr->peak_facility_mw)
            pr->peak_facility_mw = yr->facility_mw;
    }
    pr->levelized_cost_per_m_tokens = pr->tco_npv / pr->npv_tokens * 1e6;
    pr->site_fits = pr->peak_facility_mw <= s->site_power_mw.value;
    pr->site_first_year_over = 0;
    for (int y = 1; y <= h && !pr->site_fits; y++)
        if (pr->years[y - 1].facility_mw > s->site_power_mw.value) {
            pr->site_first_year_over = y;
            break;
        }
    pr->site_max_tokens_per_day = s->site_power_mw.value * 1000 / p->power_kw_per_gpu.value *
                                  pr->tokens_per_s_per_gpu * 86400;
}

static void fx_result(fixture *f, size_t i)
{
    tc_platform_result *pr = &f->r.platforms[i];
    const tc_platform *p = &f->s.platforms[i];
    pr->in = p;
    pr->covered = 1;
    pr->cost_per_gpu_hour = p->pricing.gpu_hour.value;
    pr->energy_per_gpu_hour = pr->facility_per_gpu_hour = pr->capital_per_gpu_hour = NAN;
    pr->crf = NAN;
    pr->pflops_per_dollar_hour = p->peak_pflops.value / pr->cost_per_gpu_hour;
    pr->tokens_per_s_per_gpu = p->perf->points[0].throughput.value;
    pr->tokens_per_s_per_mw = pr->tokens_per_s_per_gpu / p->power_kw_per_gpu.value * 1000;
    pr->cost_per_m_tokens = pr->cost_per_gpu_hour / (pr->tokens_per_s_per_gpu * 3600) * 1e6;
    pr->workloads = calloc(f->s.n_workloads, sizeof *pr->workloads);
    for (size_t w = 0; w < f->s.n_workloads; w++) {
        tc_wl_result *wr = &pr->workloads[w];
        wr->in = &f->s.workloads[w];
        wr->covered = 1;
        wr->perf_index = 0;
        wr->how = TC_TPUT_SINGLE;
        wr->tokens_per_s_per_gpu = pr->tokens_per_s_per_gpu;
        wr->cost_per_m_tokens = pr->cost_per_m_tokens;
    }
    pr->revenue_npv = pr->margin_total = pr->payback_years = NAN;
    fx_years(f, pr);
}

static void fx_claim(fixture *f, size_t i, tc_claim_metric m, double claimed, double computed)
{
    tc_platform *p = &f->s.platforms[i];
    tc_platform_result *pr = &f->r.platforms[i];
    size_t k = p->n_claims++;
    p->claims = realloc(p->claims, p->n_claims * sizeof *p->claims);
    pr->claims = realloc(pr->claims, p->n_claims * sizeof *pr->claims);
    p->claims[k] = (tc_claim){m, claimed, 0.01, 20, 7};
    double dev = (claimed - computed) / computed;
    pr->claims[k] = (tc_claim_result){m, claimed, computed, dev, fabs(dev) <= 0.01};
}

static void fx_scenario(fixture *f, size_t n)
{
    tc_scenario *s = &f->s;
    s->title = strdup("DeepSeek-R1 serving: Hopper vs Blackwell for Société Générale — Zürich €");
    s->subtitle = strdup("Board review, Q1");
    s->prepared_for = strdup("Board of Directors, Société Générale");
    s->prepared_by = strdup("Infrastructure Finance");
    s->date = strdup("2026-11-21");
    strcpy(s->currency, "USD");
    s->baseline = strdup("h200");
    s->horizon_years = 5;
    s->discount_rate = fx_num(0.08, 1);
    s->utilization = fx_num(1.0, 1);
    s->price_per_kwh = fx_num(0.10, 0);
    s->escalation = fx_num(0.0, 0);
    s->pue = fx_num(1.0, 1);
    s->facility_per_kw_month = fx_num(0.0, 0);
    s->site_power_mw = fx_num(10, 1);
    s->token_price_per_m = fx_num(NAN, 0);
    s->tokens_per_day = fx_num(5e9, 1);
    s->growth = fx_num(0.4, 1);
    s->n_workloads = 1;
    s->workloads = calloc(1, sizeof *s->workloads);
    s->workloads[0].id = strdup("r1");
    s->workloads[0].name = strdup("Reasoning assistant");
    s->workloads[0].model = strdup("deepseek-r1");
    s->workloads[0].isl = s->workloads[0].osl = 1024;
    s->workloads[0].share = fx_num(1.0, 1);
    s->n_platforms = n;
    s->platforms = calloc(n, sizeof *s->platforms);
    s->file = strdup("/home/someone/scenarios/seed.yaml");
    memset(s->input_sha256, 'a', 64);
}

/* Ranks covered platforms by LCOT (insertion sort: the fixture is small). */
static void fx_rank(fixture *f)
{
    size_t n = f->s.n_platforms;
    f->r.ranking = calloc(n, sizeof *f->r.ranking);
    for (size_t i = 0; i < n; i++) {
        if (!f->r.platforms[i].covered)
            continue;
        size_t k = f->r.n_ranking++;
        while (k > 0 && f->r.platforms[f->r.ranking[k - 1]].levelized_cost_per_m_tokens >
                            f->r.platforms[i].levelized_cost_per_m_tokens) {
            f->r.ranking[k] = f->r.ranking[k - 1];
            k--;
        }
        f->r.ranking[k] = i;
    }
}

static fixture *fixture_seed(void)
{
    fixture *f = calloc(1, sizeof *f);
    fx_scenario(f, 2);
    fx_platform(f, 0, "h200", "HGX H200", 1.41, 3.958, 1.73, 90);
    fx_platform(f, 1, "gb300", "GB300 NVL72", 2.65, 15, 2.10, 6000);
    f->r.scenario = &f->s;
    f->r.platforms = calloc(2, sizeof *f->r.platforms);
    fx_result(f, 0);
    fx_result(f, 1);
    fx_claim(f, 0, TC_CLAIM_COST_PER_M_TOKENS, 4.20, f->r.platforms[0].cost_per_m_tokens);
    fx_claim(f, 0, TC_CLAIM_TOKENS_PER_S_PER_MW, 54000, f->r.platforms[0].tokens_per_s_per_mw);
    fx_claim(f, 1, TC_CLAIM_COST_PER_M_TOKENS, 0.12, f->r.platforms[1].cost_per_m_tokens);
    f->r.platforms[1].claims[0].consistent = 1;   /* at the stated precision */
    fx_claim(f, 1, TC_CLAIM_TOKENS_PER_S_PER_MW, 2.8e6, f->r.platforms[1].tokens_per_s_per_mw);
    fx_rank(f);
    return f;
}

static fixture *fixture_many(size_t n)
{
    fixture *f = calloc(1, sizeof *f);
    fx_scenario(f, n);
    f->s.paper = TC_PAPER_LETTER;
    f->r.scenario = &f->s;
    f->r.platforms = calloc(n, sizeof *f->r.platforms);
    for (size_t i = 0; i < n; i++) {
        char id[32], name[200];
        snprintf(id, sizeof id, i == 0 ? "h200" : "p%zu", i);
        snprintf(name, sizeof name, i % 3 == 0 ? "Plateforme n°%zu Société Générale — Zürich € "
                                                 "très longue désignation commerciale"
                                               : "Bid %zu Ærø Łódź", i);
        fx_platform(f, i, id, name, 1.0 + 0.1 * (double)i, 3.958, 1.73, 90 + 40.0 * (double)i);
        fx_result(f, i);
    }
    f->r.platforms[n - 1].covered = 0;
    f->r.platforms[n - 1].workloads[0].covered = 0;
    f->r.platforms[n - 1].workloads[0].reason = "the SLO is above every measured point";
    f->r.platforms[n - 1].cost_per_m_tokens = NAN;
    f->r.platforms[n - 1].levelized_cost_per_m_tokens = NAN;
    fx_rank(f);
    return f;
}

static void fixture_free(fixture *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->s.n_platforms; i++) {
        tc_platform *p = &f->s.platforms[i];
        free(p->id), free(p->name), free(p->vendor), free(p->source);
        free(p->perf->model), free(p->perf->config), free(p->perf->points), free(p->perf);
        free(p->claims);
        free(f->r.platforms[i].workloads), free(f->r.platforms[i].years);
        free(f->r.platforms[i].claims);
    }
    free(f->s.platforms), free(f->r.platforms), free(f->r.ranking);
    free(f->s.workloads[0].id), free(f->s.workloads[0].name), free(f->s.workloads[0].model);
    free(f->s.workloads);
    free(f->s.title), free(f->s.subtitle), free(f->s.prepared_for), free(f->s.prepared_by);
    free(f->s.date), free(f->s.baseline), free(f->s.file);
    free(f);
}

#endif
