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
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include "analysis_mc.h"

typedef struct {
    tc_num **v;
    size_t n, cap;
} num_list;

/* Adds x when it is a distribution; counts beyond cap. */
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

size_t tc_mc_inputs(tc_scenario *c, tc_num **v, size_t max)
{
    num_list l = {v, 0, v ? max : 0};
    walk(&l, c);
    return l.n;
}

/* Above this many platform-draws (16 bytes each) the figures come from two
 * passes in bounded memory instead of every draw kept. */
#define TC_MC_STORE_MAX 2000000.0

/* Every draw kept: [platform * samples + draw] per metric. */
typedef struct {
    tc_mc_consumer base;
    size_t np, ns;
    double *lcot, *cost;
    long *cheapest;             /* draws won, per platform */
} mc_store;

/* Draw d's cheapest is the lowest finite LCOT (the first platform on a tie). */
static void store(tc_mc_consumer *c, const double *out, long d0, size_t nb)
{
    mc_store *m = (mc_store *)c;
    size_t np = m->np;
    for (size_t b = 0; b < nb; b++) {
        const double *lcot = out + b * 2 * np, *cost = lcot + np;
        size_t d = (size_t)d0 + b, best = np;
        for (size_t i = 0; i < np; i++) {
            m->lcot[i * m->ns + d] = lcot[i];
            m->cost[i * m->ns + d] = cost[i];
            if (isfinite(lcot[i]) && (best == np || lcot[i] < lcot[best]))
                best = i;
        }
        if (best < np)
            m->cheapest[best]++;
    }
}

static tc_monte_carlo *mc_new(const tc_analysis *a, size_t np)
{
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
    return x;
}

/* The figures of platforms [i0, i1) from the kept draws. */
typedef struct {
    const mc_store *m;
    tc_monte_carlo *out;
    size_t i0, i1;
} summary_job;

static void *summarize(void *arg)
{
    summary_job *j = arg;
    size_t ns = j->m->ns;
    for (size_t i = j->i0; i < j->i1; i++) {
        tc_quantiles_summary(j->m->lcot + i * ns, ns, &j->out->lcot[i]);
        tc_quantiles_summary(j->m->cost + i * ns, ns, &j->out->cost_per_m[i]);
        j->out->p_cheapest[i] = (double)j->m->cheapest[i] / (double)ns;
    }
    return NULL;
}

/* Each platform's series is its own: with two lanes a thread takes the
 * second half (the same figures; the caller does all when no thread). */
static void summarize_lanes(const mc_store *m, tc_monte_carlo *out, int lanes)
{
    summary_job a = {m, out, 0, m->np}, b = a;
    pthread_t t;
    if (lanes > 1 && m->np > 1) {
        a.i1 = b.i0 = m->np / 2;
        if (pthread_create(&t, NULL, summarize, &b) == 0) {
            summarize(&a);
            pthread_join(t, NULL);
            return;
        }
        a.i1 = m->np;
    }
    summarize(&a);
}

static tc_status run_store(const tc_scenario *s, int lanes, tc_monte_carlo **out)
{
    size_t np = s->n_platforms, ns = (size_t)s->analysis.samples;
    mc_store m = {{store}, np, ns, NULL, NULL, NULL};
    tc_status st = TC_ERR_NOMEM;
    if (ns <= SIZE_MAX / sizeof(double) / np) {
        m.lcot = malloc(np * ns * sizeof *m.lcot);
        m.cost = malloc(np * ns * sizeof *m.cost);
        m.cheapest = calloc(np, sizeof *m.cheapest);
    }
    if (m.lcot && m.cost && m.cheapest)
        st = tc_mc_draw(s, lanes, &m.base);
    if (st == TC_OK && !(*out = mc_new(&s->analysis, np)))
        st = TC_ERR_NOMEM;
    if (st == TC_OK)
        summarize_lanes(&m, *out, lanes);
    free(m.lcot);
    free(m.cost);
    free(m.cheapest);
    return st;
}

static tc_status run_stream(const tc_scenario *s, int lanes, tc_monte_carlo **out)
{
    if (!(*out = mc_new(&s->analysis, s->n_platforms)))
        return TC_ERR_NOMEM;
    return tc_mc_stream_run(s, lanes, *out);
}

tc_status tc_monte_carlo_run_lanes(const tc_scenario *s, int lanes, int stream,
                                   tc_monte_carlo **out, char *err, size_t n)
{
    *out = NULL;
    if (s->analysis.samples < 1) {
        if (n)
            snprintf(err, n, "analysis.monte_carlo.samples: must be at least 1");
        return TC_ERR_INVALID;
    }
    tc_scenario *c = tc_analysis_copy(s, NULL, 0);
    if (!c)
        return TC_ERR_NOMEM;
    size_t ni = tc_mc_inputs(c, NULL, 0);
    tc_analysis_copy_free(c);
    if (ni == 0)
        return TC_OK;
    if (stream < 0)
        stream = (double)s->analysis.samples * (double)s->n_platforms > TC_MC_STORE_MAX;
    tc_status st = s->n_platforms == 0 ? TC_ERR_INVALID
                 : stream ? run_stream(s, lanes, out) : run_store(s, lanes, out);
    if (st != TC_OK) {
        tc_monte_carlo_free(*out);
        *out = NULL;
        if (n)
            snprintf(err, n, "monte carlo: %s", tc_strerror(st));
    }
    return st;
}

tc_status tc_monte_carlo_run(const tc_scenario *s, tc_monte_carlo **out, char *err, size_t n)
{
    int lanes = s->analysis.samples * (long)s->n_platforms >= 20000 ? TC_MC_LANES : 1;
    return tc_monte_carlo_run_lanes(s, lanes, -1, out, err, n);
}
