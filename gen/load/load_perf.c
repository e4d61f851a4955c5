/* A platform's performance entries (operating points) and vendor claims. */
#include "load_internal.h"

#include <stdlib.h>
#include <string.h>

static const char *const k_perf[] = {"model", "isl", "osl", "basis", "config", "source",
                                     "evidence", "points", "throughput", "import", NULL};
static const char *const k_point[] = {"interactivity", "throughput", NULL};

const tc_ld_where tc_ld_where_perf[] = {
    TC_LD_KEYS("platforms[].performance[]", k_perf),
    TC_LD_KEYS("platforms[].performance[].points[]", k_point),
    TC_LD_TERMS("platforms[].claims", tc_metric_terms, TC_CLAIM_METRIC_COUNT),
    TC_LD_WHERE_END,
};

static void ld_point(tc_ld *c, const tc_node *m, tc_perf *e, tc_point *pt)
{
    if (!tc_ld_map(c, m, k_point))
        return;
    if (tc_ld_num_key(c, m, "interactivity", TC_LD_IN(TC_IN_POINT_INTERACTIVITY), TC_LD_REQUIRED, 0,
                      &pt->interactivity)) {
        for (size_t j = 0; j < e->n_points; j++) {
            const tc_num *q = &e->points[j].interactivity;
            if (q->given && q->value == pt->interactivity.value) {
                size_t old = tc_ld_push(c, "interactivity");
                tc_ld_err(c, tc_ld_get(m, "interactivity"),
                          "duplicate interactivity %.10g (first at line %d)", q->value, q->line);
                tc_ld_pop(c, old);
                break;
            }
        }
    }
    tc_ld_num_key(c, m, "throughput", TC_LD_IN(TC_IN_POINT_THROUGHPUT),
                  TC_LD_REQUIRED, 0, &pt->throughput);
}

static void ld_points(tc_ld *c, const tc_node *l, tc_perf *e)
{
    if (!tc_ld_seq(c, l))
        return;
    if (l->n_kids == 0) {
        tc_ld_err(c, l, "expected at least one point");
        return;
    }
    e->points = calloc(l->n_kids, sizeof *e->points);
    if (!e->points) {
        c->oom = c->d->oom = 1;
        return;
    }
    e->has_interactivity = 1;
    for (size_t i = 0; i < l->n_kids; i++, e->n_points++) {
        size_t old = tc_ld_push_index(c, i);
        ld_point(c, l->kids[i], e, &e->points[i]);
        tc_ld_pop(c, old);
    }
}

/* points: [...] or the one-point form throughput: N, exactly one of them */
static void ld_curve(tc_ld *c, const tc_node *m, tc_perf *e)
{
    const tc_node *pts = tc_ld_get(m, "points");
    const tc_node *one = tc_ld_get(m, "throughput");
    if (pts && one) {
        tc_ld_err(c, m, "\"points\" and \"throughput\" cannot both be given (expected one of them)");
    } else if (pts) {
        size_t old = tc_ld_push(c, "points");
        ld_points(c, pts, e);
        tc_ld_pop(c, old);
    } else if (one) {
        e->points = calloc(1, sizeof *e->points);
        if (!e->points) {
            c->oom = c->d->oom = 1;
            return;
        }
        e->n_points = 1;
        tc_ld_num_key(c, m, "throughput", TC_LD_IN(TC_IN_POINT_THROUGHPUT),
                      TC_LD_REQUIRED, 0, &e->points[0].throughput);
    } else {
        tc_ld_err(c, m, "missing required key \"points\" (expected points or throughput)");
    }
}

static void ld_perf_dup(tc_ld *c, const tc_node *m, const tc_platform *p, const tc_perf *e)
{
    for (size_t j = 0; j < p->n_perf; j++) {
        const tc_perf *q = &p->perf[j];
        if (q->model && strcmp(q->model, e->model) == 0 && q->isl == e->isl && q->osl == e->osl) {
            tc_esc es;
            tc_ld_err(c, m, "duplicate performance entry for model \"%s\", isl %.0f, osl %.0f "
                      "(first at line %d)", tc_ld_esc(&es, e->model, strlen(e->model)),
                      e->isl, e->osl, q->line);
            return;
        }
    }
}

static void ld_entry(tc_ld *c, const tc_node *m, tc_platform *p, tc_perf *e)
{
    int basis;
    e->line = m->line;
    e->col = m->col;
    if (!tc_ld_map(c, m, k_perf))
        return;
    /* imported: model, isl and osl label the points, else the files' own apply */
    const tc_node *im = tc_ld_get(m, "import");
    tc_need need = im ? TC_LD_OPTIONAL : TC_LD_REQUIRED;
    int ok = tc_ld_text_key(c, m, "model", need, &e->model);
    ok &= tc_ld_int_key(c, m, "isl", TC_LD_IN(TC_IN_PERF_ISL), need, 0, &e->isl);
    ok &= tc_ld_int_key(c, m, "osl", TC_LD_IN(TC_IN_PERF_OSL), need, 0, &e->osl);
    tc_ld_term_key(c, m, "basis", tc_basis_terms, TC_BASIS_COUNT, TC_BASIS_OUTPUT, &basis);
    e->basis = (tc_basis)basis;
    tc_ld_text_key(c, m, "config", TC_LD_OPTIONAL, &e->config);
    tc_ld_text_key(c, m, "source", TC_LD_OPTIONAL, &e->source);
    int evidence;
    tc_ld_enum_key(c, m, "evidence", tc_evidence_names,
                   im ? TC_EVIDENCE_MEASURED : TC_EVIDENCE_VENDOR, &evidence);
    e->evidence = (tc_evidence)evidence;
    if (im && (tc_ld_get(m, "points") || tc_ld_get(m, "throughput")))
        tc_ld_err(c, m, "\"import\" and \"%s\" cannot both be given (expected one of them)",
                  tc_ld_get(m, "points") ? "points" : "throughput");
    else if (im)
        tc_ld_import(c, m, e);
    else
        ld_curve(c, m, e);
    if (ok && e->model && e->osl > 0)
        ld_perf_dup(c, m, p, e);
}

void tc_ld_perf(tc_ld *c, const tc_node *plat, tc_platform *p)
{
    const tc_node *l = tc_ld_get(plat, "performance");
    if (!l)
        return;
    size_t old = tc_ld_push(c, "performance");
    if (tc_ld_seq(c, l) && l->n_kids) {
        p->perf = calloc(l->n_kids, sizeof *p->perf);
        if (!p->perf)
            c->oom = c->d->oom = 1;
        for (size_t i = 0; p->perf && i < l->n_kids; i++, p->n_perf++) {
            size_t o2 = tc_ld_push_index(c, i);
            ld_entry(c, l->kids[i], p, &p->perf[i]);
            tc_ld_pop(c, o2);
        }
    }
    tc_ld_pop(c, old);
}

static int api_claim(int metric)
{
    return metric == TC_CLAIM_TOKENS_PER_S_PER_MW || metric == TC_CLAIM_TOKENS_PER_S_PER_GPU
           || metric == TC_CLAIM_COST_PER_GPU_HOUR || metric == TC_CLAIM_PFLOPS_PER_DOLLAR_HOUR;
}

static int ld_claim(tc_ld *c, const tc_node *k, const tc_node *v, int metric, int api, tc_claim *cl)
{
    tc_esc e;
    if (api && api_claim(metric)) {
        tc_ld_err(c, k, "claim \"%s\" does not apply to api pricing", tc_metric_terms[metric].name);
        return 0;
    }
    if (v->kind == TC_NODE_MAP && !v->bad) {
        tc_ld_err(c, v, "a distribution is not allowed here (expected %s)", TC_R_CLAIM.expect);
        return 0;
    }
    if (!tc_ld_number(c, v, TC_DIM_NONE, &cl->value, &cl->quantum))
        return 0;
    if (!tc_ld_in_range(&TC_R_CLAIM, cl->value)) {
        tc_ld_err(c, v, "%s is out of range (expected %s)", tc_ld_esc(&e, v->text, v->len),
                  TC_R_CLAIM.expect);
        return 0;
    }
    cl->metric = (tc_claim_metric)metric;
    cl->line = v->line;
    cl->col = v->col;
    return 1;
}

void tc_ld_claims(tc_ld *c, const tc_node *plat, tc_platform *p)
{
    const tc_node *m = tc_ld_get(plat, "claims");
    const char *keys[TC_CLAIM_METRIC_COUNT + 1];
    if (!m)
        return;
    size_t old = tc_ld_push(c, "claims");
    if (tc_ld_map(c, m, tc_ld_term_names(tc_metric_terms, TC_CLAIM_METRIC_COUNT, keys)) && m->n_kids) {
        p->claims = calloc(m->n_kids / 2, sizeof *p->claims);
        if (!p->claims)
            c->oom = c->d->oom = 1;
        int api = p->pricing.kind == TC_PRICING_API;
        for (size_t i = 0; p->claims && i + 1 < m->n_kids; i += 2) {
            const tc_node *k = m->kids[i];
            int metric = tc_ld_term_of(k, tc_metric_terms, TC_CLAIM_METRIC_COUNT);
            /* unknown and duplicate keys: reported by tc_ld_map */
            if (metric < 0 || tc_ld_get(m, keys[metric]) != m->kids[i + 1])
                continue;
            size_t o2 = tc_ld_push(c, keys[metric]);
            if (ld_claim(c, k, m->kids[i + 1], metric, api, &p->claims[p->n_claims]))
                p->n_claims++;
            tc_ld_pop(c, o2);
        }
    }
    tc_ld_pop(c, old);
}
