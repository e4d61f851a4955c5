/* The analysis section: sensitivity, monte_carlo, scoring. */
#include "load_internal.h"

#include <stdlib.h>
#include <string.h>

static const char *const k_an[] = {"sensitivity", "monte_carlo", "scoring", NULL};
static const char *const k_sens[] = {"swing", NULL};
static const char *const k_mc[] = {"samples", "seed", NULL};
static const char *const k_score[] = {"criteria", "requirements", NULL};
static const char *const k_crit[] = {"metric", "weight", "better", NULL};
static const char *const k_req[] = {"metric", "max", "min", NULL};
static const char *const better_names[] = {"lower", "higher", NULL};
const tc_ld_where tc_ld_where_analysis[] = {
    TC_LD_KEYS("analysis", k_an),
    TC_LD_KEYS("analysis.sensitivity", k_sens),
    TC_LD_KEYS("analysis.monte_carlo", k_mc),
    TC_LD_KEYS("analysis.scoring", k_score),
    TC_LD_KEYS("analysis.scoring.criteria[]", k_crit),
    TC_LD_KEYS("analysis.scoring.requirements[]", k_req),
    TC_LD_WHERE_END,
};

/* A results metric (tc_metric_terms): criteria take the ones before meets_slo,
 * requirements meets_slo too. Returns the metric or -1. */
static int ld_metric(tc_ld *c, const tc_node *m, size_t n_allowed)
{
    const tc_node *v = tc_ld_require(c, m, "metric");
    if (!v)
        return -1;
    int found = tc_ld_term_of(v, tc_metric_terms, n_allowed);
    if (found >= 0)
        return found;
    const char *names[TC_METRIC_COUNT + 1];
    char list[400];
    tc_ld_list(tc_ld_term_names(tc_metric_terms, n_allowed, names), list, sizeof list);
    size_t old = tc_ld_push(c, "metric");
    tc_esc e;
    if (v->kind == TC_NODE_SCALAR && !v->bad)
        tc_ld_err(c, v, "unknown metric \"%s\" (expected one of: %s)", tc_ld_esc(&e, v->text, v->len),
                  list);
    else if (!v->bad)
        tc_ld_err(c, v, "expected a metric name, got %s", tc_ld_kind_name(v));
    tc_ld_pop(c, old);
    return -1;
}

static void ld_criterion(tc_ld *c, const tc_node *m, tc_criterion *cr)
{
    tc_num w;
    int better;
    cr->line = m->line;
    cr->col = m->col;
    if (!tc_ld_map(c, m, k_crit))
        return;
    int metric = ld_metric(c, m, TC_METRIC_MEETS_SLO);
    cr->metric = metric < 0 ? TC_METRIC_COST_PER_M_TOKENS : (tc_metric)metric;
    tc_ld_num_key(c, m, "weight", &TC_R_WEIGHT, TC_LD_REQUIRED, 0, &w);
    cr->weight = w.value;
    tc_ld_enum_key(c, m, "better", better_names, -1, &better);
    cr->better = better < 0 ? TC_BETTER_DEFAULT : better == 0 ? TC_BETTER_LOWER : TC_BETTER_HIGHER;
}

static void ld_requirement(tc_ld *c, const tc_node *m, tc_requirement *rq)
{
    tc_num lim;
    rq->line = m->line;
    rq->col = m->col;
    if (!tc_ld_map(c, m, k_req))
        return;
    int metric = ld_metric(c, m, TC_METRIC_COUNT);
    rq->has_max = tc_ld_get(m, "max") != NULL;
    rq->has_min = tc_ld_get(m, "min") != NULL;
    tc_ld_num_key(c, m, "max", &TC_R_BOUND, TC_LD_OPTIONAL, 0, &lim);
    rq->max = lim.value;
    tc_ld_num_key(c, m, "min", &TC_R_BOUND, TC_LD_OPTIONAL, 0, &lim);
    rq->min = lim.value;
    if (metric < 0)
        return;     /* reported; the scenario is not returned */
    rq->metric = (tc_metric)metric;
    int slo = rq->metric == TC_METRIC_MEETS_SLO;
    if (slo && (rq->has_max || rq->has_min))
        tc_ld_err(c, m, "%s takes no max or min", tc_metric_terms[rq->metric].name);
    else if (!slo && !rq->has_max && !rq->has_min)
        tc_ld_err(c, m, "missing required key \"max\" or \"min\" (expected a bound on %s)",
                  tc_metric_terms[rq->metric].name);
}

/* Allocates *items for list key of m and calls fn on each entry. */
static void ld_list(tc_ld *c, const tc_node *m, const char *key, size_t size, void **items,
                    size_t *n, void (*fn)(tc_ld *, const tc_node *, void *))
{
    const tc_node *l = tc_ld_get(m, key);
    size_t old = tc_ld_push(c, key);
    if (l && tc_ld_seq(c, l) && l->n_kids) {
        *items = calloc(l->n_kids, size);
        if (!*items) {
            c->oom = c->d->oom = 1;
        } else {
            for (size_t i = 0; i < l->n_kids; i++, (*n)++) {
                size_t o2 = tc_ld_push_index(c, i);
                fn(c, l->kids[i], (char *)*items + i * size);
                tc_ld_pop(c, o2);
            }
        }
    }
    tc_ld_pop(c, old);
}

static void crit_cb(tc_ld *c, const tc_node *m, void *p) { ld_criterion(c, m, p); }
static void req_cb(tc_ld *c, const tc_node *m, void *p) { ld_requirement(c, m, p); }

static void ld_scoring(tc_ld *c, const tc_node *m, tc_analysis *a)
{
    a->has_scoring = 1;
    const tc_node *l = tc_ld_require(c, m, "criteria");
    if (l && l->kind == TC_NODE_SEQ && l->n_kids == 0) {
        /* No criterion, no score: every bid would rank at 0. */
        size_t old = tc_ld_push(c, "criteria");
        tc_ld_err(c, l, "expected at least one criterion");
        tc_ld_pop(c, old);
    }
    ld_list(c, m, "criteria", sizeof(tc_criterion), (void **)&a->criteria, &a->n_criteria, crit_cb);
    ld_list(c, m, "requirements", sizeof(tc_requirement), (void **)&a->requirements,
            &a->n_requirements, req_cb);
}

/* Opens an optional sub-section; NULL when absent or not a mapping. */
static const tc_node *sub(tc_ld *c, const tc_node *map, const char *key,
                          const char *const *keys, size_t *old)
{
    *old = tc_ld_push(c, key);
    const tc_node *n = tc_ld_get(map, key);
    return n && tc_ld_map(c, n, keys) ? n : NULL;
}

void tc_ld_analysis(tc_ld *c, const tc_node *map, tc_analysis *a)
{
    tc_num v;
    double d;
    size_t old;
    a->swing = 0.20;
    a->samples = 10000;
    a->seed = 42;
    if (!map || !tc_ld_map(c, map, k_an))
        return;
    const tc_node *s = sub(c, map, "sensitivity", k_sens, &old);
    if (s) {
        a->has_sensitivity = 1;
        tc_ld_num_key(c, s, "swing", &TC_R_SWING, TC_LD_DEFAULT, 0.20, &v);
        a->swing = v.value;
    }
    tc_ld_pop(c, old);
    const tc_node *mc = sub(c, map, "monte_carlo", k_mc, &old);
    if (mc) {
        a->has_monte_carlo = 1;
        tc_ld_int_key(c, mc, "samples", &TC_R_SAMPLES, TC_LD_DEFAULT, 10000, &d);
        a->samples = (long)d;
        tc_ld_int_key(c, mc, "seed", &TC_R_SEED, TC_LD_DEFAULT, 42, &d);
        a->seed = (unsigned long long)d;
    }
    tc_ld_pop(c, old);
    const tc_node *sc = sub(c, map, "scoring", k_score, &old);
    if (sc)
        ld_scoring(c, sc, a);
    tc_ld_pop(c, old);
}
