/* tc_analyze: runs the analyses s->analysis asks for; scenario copies that
 * the analyses modify and re-evaluate. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tc_analysis.h"

/* The perf entries of p, each with its own copy of the points. */
static int copy_perf(tc_platform *p)
{
    const tc_perf *src = p->perf;
    p->perf = NULL;
    if (p->n_perf == 0)
        return 1;
    p->perf = calloc(p->n_perf, sizeof *p->perf);
    if (!p->perf)
        return 0;
    for (size_t i = 0; i < p->n_perf; i++) {
        p->perf[i] = src[i];
        p->perf[i].points = NULL;
        size_t np = src[i].n_points;
        if (np == 0)
            continue;
        p->perf[i].points = malloc(np * sizeof *src[i].points);
        if (!p->perf[i].points)
            return 0;
        memcpy(p->perf[i].points, src[i].points, np * sizeof *src[i].points);
    }
    return 1;
}

static int copy_platforms(tc_scenario *c, const tc_scenario *s,
                          const size_t *keep, size_t n_keep)
{
    c->n_platforms = keep ? n_keep : s->n_platforms;
    c->platforms = calloc(c->n_platforms ? c->n_platforms : 1, sizeof *c->platforms);
    if (!c->platforms)
        return 0;
    for (size_t i = 0; i < c->n_platforms; i++) {
        c->platforms[i] = s->platforms[keep ? keep[i] : i];
        if (!copy_perf(&c->platforms[i]))
            return 0;
    }
    return 1;
}

static int has_platform(const tc_scenario *c, const char *id)
{
    for (size_t i = 0; id && i < c->n_platforms; i++)
        if (c->platforms[i].id && strcmp(c->platforms[i].id, id) == 0)
            return 1;
    return 0;
}

tc_scenario *tc_analysis_copy(const tc_scenario *s, const size_t *keep, size_t n_keep)
{
    tc_scenario *c = malloc(sizeof *c);
    if (!c)
        return NULL;
    *c = *s;
    c->platforms = NULL;
    c->n_platforms = 0;
    c->workloads = NULL;
    memset(&c->analysis, 0, sizeof c->analysis);
    c->workloads = malloc((s->n_workloads ? s->n_workloads : 1) * sizeof *c->workloads);
    int ok = c->workloads != NULL && copy_platforms(c, s, keep, n_keep);
    if (!ok) {
        tc_analysis_copy_free(c);
        return NULL;
    }
    if (s->n_workloads)
        memcpy(c->workloads, s->workloads, s->n_workloads * sizeof *c->workloads);
    if (c->n_platforms && !has_platform(c, s->baseline))
        c->baseline = c->platforms[0].id;
    return c;
}

void tc_analysis_copy_free(tc_scenario *c)
{
    if (!c)
        return;
    for (size_t i = 0; c->platforms && i < c->n_platforms; i++) {
        for (size_t j = 0; c->platforms[i].perf && j < c->platforms[i].n_perf; j++)
            free(c->platforms[i].perf[j].points);
        free(c->platforms[i].perf);
    }
    free(c->platforms);
    free(c->workloads);
    free(c);
}

/* A draw evaluates every workload of every bid: past this many, a run would
 * take minutes (10,000,000 samples are allowed; at 1,000 bids x 400
 * workloads 2,500 reach it), so it is skipped with the reason, as a run
 * with no distribution is. */
#define MC_CELLS_MAX 1e9

static tc_status run_monte_carlo(const tc_scenario *s, tc_results *r, char *err, size_t n)
{
    double cells = (double)s->analysis.samples * (double)s->n_platforms * (double)s->n_workloads;
    if (cells > MC_CELLS_MAX)
        return tc_results_warn(r, "monte carlo skipped: %ld samples x %zu bids x %zu workloads "
                               "is over 1e9 evaluations (set analysis.monte_carlo.samples to "
                               "at most %.0f)", s->analysis.samples, s->n_platforms,
                               s->n_workloads,
                               floor(MC_CELLS_MAX / ((double)s->n_platforms * s->n_workloads)));
    tc_status st = tc_monte_carlo_run(s, &r->monte_carlo, err, n);
    if (st == TC_OK && !r->monte_carlo)
        st = tc_results_warn(r, "monte carlo skipped: no input is a distribution");
    return st;
}

tc_status tc_analyze(const tc_scenario *s, tc_results *r, tc_diags *d)
{
    const tc_analysis *a = &s->analysis;
    tc_status st = TC_OK;
    char err[1024] = "";
    size_t located = d->count;
    tc_results_clear_analysis(r);
    if (a->has_sensitivity)
        st = tc_sensitivity_run(s, r, &r->sensitivity, err, sizeof err);
    if (st == TC_OK)
        st = tc_break_even_run(s, r, &r->break_even, &r->n_break_even, err, sizeof err);
    if (st == TC_OK && a->has_monte_carlo)
        st = run_monte_carlo(s, r, err, sizeof err);
    if (st == TC_OK && a->has_scoring)
        st = tc_scoring_run(s, r, &r->scoring, d);
    if (st == TC_OK)
        st = tc_robustness_run(s, r, &r->robustness, err, sizeof err);
    if (st != TC_OK) {
        tc_results_clear_analysis(r);
        if (!err[0])
            snprintf(err, sizeof err, "analysis: %s", tc_strerror(st));
        if (d->count == located)    /* not in the scenario: no place to show */
            tc_diags_add(d, s->file ? s->file : "scenario", 0, 0, "", "%s", err);
    }
    return st;
}
