/* tc_eval: one evaluation of METHOD.md over a scenario. Analytics calls it
 * ~1e5 times per run, so the results and all their arrays are carved from
 * one allocation (r->arena); only warnings allocate further. */
#include <math.h>
#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "eval_priv.h"

typedef struct {
    size_t platforms, workloads, years, claims, ranking, total;
} layout;

static size_t aligned(size_t n)
{
    const size_t a = alignof(max_align_t);
    return (n + a - 1) / a * a;
}

/* Byte offsets of each array in the arena; 0 total on overflow. */
static layout plan(const tc_scenario *s)
{
    layout l = { 0 };
    size_t np = s->n_platforms, nw = s->n_workloads, h = (size_t)s->horizon_years, nc = 0;
    for (size_t i = 0; i < np; i++)
        nc += s->platforms[i].n_claims;
    if (nw > SIZE_MAX / 4 / sizeof(tc_wl_result) / np || nc > SIZE_MAX / 64)
        return l;
    l.platforms = aligned(sizeof(tc_results));
    l.workloads = l.platforms + aligned(np * sizeof(tc_platform_result));
    l.years = l.workloads + aligned(np * nw * sizeof(tc_wl_result));
    l.claims = l.years + aligned(np * h * sizeof(tc_year));
    l.ranking = l.claims + aligned(nc * sizeof(tc_claim_result));
    l.total = l.ranking + aligned(np * sizeof(size_t));
    return l;
}

static tc_results *carve(const tc_scenario *s)
{
    layout l = plan(s);
    char *base = l.total ? calloc(1, l.total) : NULL;
    if (!base)
        return NULL;
    tc_results *r = (tc_results *)base;
    r->arena = base;
    r->scenario = s;
    r->platforms = (tc_platform_result *)(base + l.platforms);
    r->ranking = (size_t *)(base + l.ranking);
    tc_wl_result *wl = (tc_wl_result *)(base + l.workloads);
    tc_year *years = (tc_year *)(base + l.years);
    tc_claim_result *claims = (tc_claim_result *)(base + l.claims);
    for (size_t i = 0; i < s->n_platforms; i++) {
        tc_platform_result *pr = &r->platforms[i];
        pr->in = &s->platforms[i];
        pr->workloads = wl + i * s->n_workloads;
        pr->years = years + i * (size_t)s->horizon_years;
        pr->claims = claims;
        claims += pr->in->n_claims;
    }
    return r;
}

/* Figures that stay NAN unless a later step applies to the platform. */
static void not_applicable(tc_platform_result *pr)
{
    pr->tco_nominal = pr->tco_npv = pr->npv_tokens = NAN;
    pr->levelized_cost_per_m_tokens = pr->pnl_total = NAN;
    pr->revenue_npv = pr->margin_total = pr->payback_years = NAN;
    pr->peak_facility_mw = pr->site_max_tokens_per_day = NAN;
    pr->site_fits = -1;
    pr->site_first_year_over = 0;
}

static void eval_platform(const tc_scenario *s, tc_platform_result *pr)
{
    for (size_t i = 0; i < s->n_workloads; i++)
        tc_eval_throughput(s, pr->in, &s->workloads[i], &pr->workloads[i]);
    tc_eval_unit(s, pr);
    not_applicable(pr);
    if (pr->covered) {
        tc_eval_fleet(s, pr);
        tc_eval_totals(s, pr);
    } else {
        pr->years = NULL;
    }
    tc_eval_claims(pr);
}

static tc_status warn_platform(tc_results *r, const tc_platform_result *pr)
{
    tc_status st = TC_OK;
    for (size_t i = 0; i < r->scenario->n_workloads && st == TC_OK; i++) {
        const tc_wl_result *w = &pr->workloads[i];
        if (!w->covered)
            st = tc_results_warn(r, "platform %s does not cover workload %s: %s",
                                 pr->in->id, w->in->id, w->reason);
        else if (w->how == TC_TPUT_SINGLE && w->in->min_interactivity.given)
            st = tc_results_warn(r, "platform %s: throughput given without interactivity; "
                                 "slo of workload %s not checked", pr->in->id, w->in->id);
    }
    return st == TC_OK ? tc_eval_import_warn(r, pr->in) : st;
}

/* Covered platforms by LCOT ascending, ties (and NAN, last) by index. */
static int cheaper(const tc_platform_result *a, const tc_platform_result *b)
{
    double x = a->levelized_cost_per_m_tokens, y = b->levelized_cost_per_m_tokens;
    return isnan(y) ? !isnan(x) : x < y;
}

static void rank(tc_results *r)
{
    size_t n = 0;
    for (size_t i = 0; i < r->scenario->n_platforms; i++) {
        if (!r->platforms[i].covered)
            continue;
        size_t j = n++;
        for (; j > 0 && cheaper(&r->platforms[i], &r->platforms[r->ranking[j - 1]]); j--)
            r->ranking[j] = r->ranking[j - 1];
        r->ranking[j] = i;
    }
    r->n_ranking = n;
}

/* Winner and runner-up: the first two of the ranking (LCOT among the bids
 * covering the mix), when their LCOT is a number. */
static void decide(tc_results *r)
{
    tc_decision *d = &r->decision;
    *d = (tc_decision){ .lcot_ratio = NAN, .npv_difference = NAN };
    const tc_platform_result *w = r->n_ranking ? &r->platforms[r->ranking[0]] : NULL;
    if (!w || !isfinite(w->levelized_cost_per_m_tokens))
        return;
    d->has_winner = 1;
    d->winner = r->ranking[0];
    const tc_platform_result *u = r->n_ranking > 1 ? &r->platforms[r->ranking[1]] : NULL;
    if (!u || !isfinite(u->levelized_cost_per_m_tokens))
        return;
    d->has_runner_up = 1;
    d->runner_up = r->ranking[1];
    d->lcot_ratio = u->levelized_cost_per_m_tokens / w->levelized_cost_per_m_tokens;
    d->npv_difference = u->tco_npv - w->tco_npv;
}

static int baseline_index(const tc_scenario *s)
{
    if (!s->baseline)
        return 0;
    for (size_t i = 0; i < s->n_platforms; i++)
        if (s->platforms[i].id && strcmp(s->platforms[i].id, s->baseline) == 0)
            return (int)i;
    return -1;
}

/* Inputs the formulas divide by or loop over; the loader rejects these, so
 * reaching here means a caller built the scenario wrongly. */
int tc_eval_usable(const tc_scenario *s)
{
    if (s->n_platforms == 0 || s->n_workloads == 0 || s->horizon_years < 1
        || s->horizon_years > 64)
        return 0;
    for (size_t i = 0; i < s->n_platforms; i++) {
        const tc_platform *p = &s->platforms[i];
        if (p->gpus_per_node < 1 || (unsigned)p->pricing.kind > TC_PRICING_API
            || (p->pricing.kind == TC_PRICING_OWNED && p->pricing.amortization_years < 1))
            return 0;
    }
    return baseline_index(s) >= 0;
}

tc_status tc_eval(const tc_scenario *s, tc_results **out)
{
    if (!out)
        return TC_ERR_INVALID;
    *out = NULL;
    if (!s || !tc_eval_usable(s))
        return TC_ERR_INVALID;
    tc_results *r = carve(s);
    if (!r)
        return TC_ERR_NOMEM;
    r->baseline = (size_t)baseline_index(s);
    tc_status st = TC_OK;
    for (size_t i = 0; i < s->n_platforms; i++) {
        eval_platform(s, &r->platforms[i]);
        if (st == TC_OK)
            st = warn_platform(r, &r->platforms[i]);
    }
    rank(r);
    decide(r);
    if (st == TC_OK && !r->platforms[r->baseline].covered)
        st = tc_results_warn(r, "baseline platform %s does not cover every workload",
                             s->platforms[r->baseline].id);
    if (st != TC_OK) {
        tc_results_free(r);
        return st;
    }
    *out = r;
    return TC_OK;
}
