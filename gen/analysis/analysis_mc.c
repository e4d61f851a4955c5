/* Monte Carlo: every distribution input drawn, the scenario re-evaluated,
 * LCOT and year-1 cost per million tokens recorded per platform. Memory is
 * one buffer of `samples` values per platform and metric, nothing per draw
 * beyond what tc_eval itself allocates and frees.
 *
 * Draw order (fixed, so a seed means the same numbers everywhere): the
 * scenario struct walked in declaration order: assumptions (discount_rate,
 * utilization, price_per_kwh, escalation, pue, facility_per_kw_month,
 * site_power_mw, token_price_per_m), demand (tokens_per_day, growth), each
 * workload (share, min_interactivity), then each platform (peak_pflops,
 * power_kw_per_gpu, idle_power_fraction, software_uplift; pricing: gpu_hour,
 * annual_change, capex_per_node, network_capex_per_node, residual_value,
 * maintenance_rate, software_per_gpu_year, input_per_m, output_per_m,
 * other_per_year, one_time; each perf entry's points: interactivity,
 * throughput). Only inputs that are distributions consume draws. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include "tc_analysis.h"

typedef struct {
    tc_num **v;
    size_t n, cap;
} num_list;

/* Adds x when it is a distribution; counts only when v is NULL. */
static void add(num_list *l, tc_num *x)
{
    if (x->dist == TC_DIST_NONE)
        return;
    if (l->v && l->n < l->cap)
        l->v[l->n] = x;
    l->n++;
}

static void walk_platform(num_list *l, tc_platform *p)
{
    tc_pricing *pr = &p->pricing;
    tc_num *fields[] = {
        &p->peak_pflops, &p->power_kw_per_gpu, &p->idle_power_fraction,
        &p->software_uplift, &pr->gpu_hour, &pr->annual_change, &pr->capex_per_node,
        &pr->network_capex_per_node, &pr->residual_value, &pr->maintenance_rate,
        &pr->software_per_gpu_year, &pr->input_per_m, &pr->output_per_m,
        &pr->other_per_year, &pr->one_time,
    };
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
        add(l, fields[i]);
    for (size_t i = 0; i < p->n_perf; i++)
        for (size_t j = 0; j < p->perf[i].n_points; j++) {
            add(l, &p->perf[i].points[j].interactivity);
            add(l, &p->perf[i].points[j].throughput);
        }
}

static void walk(num_list *l, tc_scenario *c)
{
    tc_num *fields[] = {
        &c->discount_rate, &c->utilization, &c->price_per_kwh, &c->escalation,
        &c->pue, &c->facility_per_kw_month, &c->site_power_mw,
        &c->token_price_per_m, &c->tokens_per_day, &c->growth,
    };
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
        add(l, fields[i]);
    for (size_t i = 0; i < c->n_workloads; i++) {
        add(l, &c->workloads[i].share);
        add(l, &c->workloads[i].min_interactivity);
    }
    for (size_t i = 0; i < c->n_platforms; i++)
        walk_platform(l, &c->platforms[i]);
}

typedef struct {
    tc_scenario *c;
    num_list inputs;
    double *lcot, *cost;        /* [platform * samples + draw] */
    long *cheapest;             /* draws won, per platform */
} mc_run;

/* Records draw d of res; the cheapest is the lowest finite LCOT (the
 * first platform on a tie). */
static void record(mc_run *m, const tc_results *res, long samples, long d)
{
    size_t np = m->c->n_platforms, best = np;
    for (size_t i = 0; i < np; i++) {
        double l = res->platforms[i].levelized_cost_per_m_tokens;
        m->lcot[i * (size_t)samples + (size_t)d] = l;
        m->cost[i * (size_t)samples + (size_t)d] = res->platforms[i].cost_per_m_tokens;
        if (isfinite(l) && (best == np || l < res->platforms[best].levelized_cost_per_m_tokens))
            best = i;
    }
    if (best < np)
        m->cheapest[best]++;
}

static tc_status draws(mc_run *m, const tc_analysis *a, char *err, size_t n)
{
    tc_rng g;
    tc_rng_seed(&g, a->seed);
    for (long d = 0; d < a->samples; d++) {
        for (size_t k = 0; k < m->inputs.n; k++)
            m->inputs.v[k]->value = tc_dist_draw(m->inputs.v[k], &g);
        tc_results *res = NULL;
        tc_status st = tc_eval(m->c, &res);
        if (st != TC_OK) {
            if (n)
                snprintf(err, n, "monte carlo draw %ld: %s", d + 1, tc_strerror(st));
            return st;
        }
        record(m, res, a->samples, d);
        tc_results_free(res);
    }
    return TC_OK;
}

static tc_monte_carlo *summarize(mc_run *m, const tc_analysis *a)
{
    size_t np = m->c->n_platforms, ns = (size_t)a->samples;
    tc_monte_carlo *x = calloc(1, sizeof *x);
    if (!x)
        return NULL;
    x->samples = a->samples;
    x->seed = a->seed;
    x->lcot = calloc(np ? np : 1, sizeof *x->lcot);
    x->cost_per_m = calloc(np ? np : 1, sizeof *x->cost_per_m);
    x->p_cheapest = calloc(np ? np : 1, sizeof *x->p_cheapest);
    if (!x->lcot || !x->cost_per_m || !x->p_cheapest) {
        tc_monte_carlo_free(x);
        return NULL;
    }
    for (size_t i = 0; i < np; i++) {
        tc_quantiles_summary(m->lcot + i * ns, ns, &x->lcot[i]);
        tc_quantiles_summary(m->cost + i * ns, ns, &x->cost_per_m[i]);
        x->p_cheapest[i] = (double)m->cheapest[i] / (double)ns;
    }
    return x;
}

static tc_status prepare(mc_run *m, const tc_scenario *s)
{
    size_t np = s->n_platforms, ns = (size_t)s->analysis.samples;
    m->c = tc_analysis_copy(s, NULL, 0);
    if (!m->c)
        return TC_ERR_NOMEM;
    walk(&m->inputs, m->c);     /* count */
    if (m->inputs.n == 0)
        return TC_OK;
    m->inputs.cap = m->inputs.n;
    m->inputs.v = malloc(m->inputs.cap * sizeof *m->inputs.v);
    m->inputs.n = 0;
    if (!m->inputs.v || (np && ns > SIZE_MAX / sizeof(double) / np))
        return TC_ERR_NOMEM;
    walk(&m->inputs, m->c);
    size_t cells = np * ns > 0 ? np * ns : 1;
    m->lcot = malloc(cells * sizeof *m->lcot);
    m->cost = malloc(cells * sizeof *m->cost);
    m->cheapest = calloc(np ? np : 1, sizeof *m->cheapest);
    return m->lcot && m->cost && m->cheapest ? TC_OK : TC_ERR_NOMEM;
}

tc_status tc_monte_carlo_run(const tc_scenario *s, tc_monte_carlo **out, char *err, size_t n)
{
    *out = NULL;
    if (s->analysis.samples < 1) {
        if (n)
            snprintf(err, n, "analysis.monte_carlo.samples: must be at least 1");
        return TC_ERR_INVALID;
    }
    mc_run m = {0};
    tc_status st = prepare(&m, s);
    if (st == TC_OK && m.inputs.n > 0) {
        st = draws(&m, &s->analysis, err, n);
        if (st == TC_OK && !(*out = summarize(&m, &s->analysis)))
            st = TC_ERR_NOMEM;
    }
    free(m.inputs.v);
    free(m.lcot);
    free(m.cost);
    free(m.cheapest);
    tc_analysis_copy_free(m.c);
    return st;
}
