/* RFP scoring (METHOD.md): requirements decide compliance; each criterion
 * is normalised so that the best compliant bid scores 100 (100 * best /
 * value when lower is better, 100 * value / best when higher is better),
 * weights are normalised to sum to 1, compliant bids are ranked by the
 * weighted sum. A criterion that has no value for a compliant bid (tokens
 * per MW of an api bid) is an error in the scoring definition, never a
 * silent zero. A bid that does not cover every workload cannot be scored
 * on mix figures and is always non-compliant. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tc_analysis.h"
#include "tc_diag.h"

typedef struct {
    const tc_scenario *s;
    tc_results *r;
    tc_diags *d;
    const tc_criterion *crit;
    size_t nc;
    int *lower;             /* per criterion: lower is better */
    double *weight;         /* per criterion, normalised */
    double *value;          /* [platform * nc + criterion] */
} scoring;

/* A located error of the scoring definition, as a diagnostic at
 * analysis.scoring.LIST[K].metric. */
static tc_status def_error(scoring *c, const char *list, size_t k, int line, int col,
                           const char *fmt, ...) __attribute__((format(printf, 6, 7)));
static tc_status def_error(scoring *c, const char *list, size_t k, int line, int col,
                           const char *fmt, ...)
{
    char path[64], msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    snprintf(path, sizeof path, "analysis.scoring.%s[%zu].metric", list, k);
    tc_diags_add(c->d, c->s->file ? c->s->file : "scenario", line, col, path, "%s", msg);
    return TC_ERR_INVALID;
}

/* Appends "; " (when not first) and a formatted clause to *reason. */
static tc_status append(char **reason, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static tc_status append(char **reason, const char *fmt, ...)
{
    char clause[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(clause, sizeof clause, fmt, ap);
    va_end(ap);
    size_t old = *reason ? strlen(*reason) : 0;
    char *grown = realloc(*reason, old + strlen(clause) + 3);
    if (!grown)
        return TC_ERR_NOMEM;
    if (old)
        memcpy(grown + old, "; ", 3);
    else
        grown[0] = '\0';
    strcat(grown, clause);
    *reason = grown;
    return TC_OK;
}

static tc_status coverage_reason(scoring *c, size_t i, char **reason)
{
    const tc_platform_result *p = &c->r->platforms[i];
    for (size_t w = 0; w < c->s->n_workloads; w++) {
        const tc_wl_result *wr = &p->workloads[w];
        if (wr->covered)
            continue;
        if (wr->reason)
            return append(reason, "does not cover workload %s (%s)", c->s->workloads[w].id, wr->reason);
        return append(reason, "does not cover workload %s", c->s->workloads[w].id);
    }
    return append(reason, "does not cover every workload");
}

/* One max/min requirement; a metric without a value for this bid (the
 * facility of an api bid) is not checked (see warn_unchecked). */
static tc_status check_bound(scoring *c, size_t i, size_t k, char **reason)
{
    const tc_requirement *q = &c->s->analysis.requirements[k];
    const char *name = tc_metric_terms[q->metric].name;
    for (int side = 0; side < 2; side++) {
        int is_max = side == 0;
        if (!(is_max ? q->has_max : q->has_min))
            continue;
        double v = tc_scoring_metric(c->r, i, q->metric, is_max);
        if (isnan(v))
            continue;   /* warned about once scoring succeeds */
        tc_status st = TC_OK;
        if (is_max && v > q->max)
            st = append(reason, "%s %.6g exceeds max %.6g", name, v, q->max);
        else if (!is_max && v < q->min)
            st = append(reason, "%s %.6g is below min %.6g", name, v, q->min);
        if (st != TC_OK)
            return st;
    }
    return TC_OK;
}

/* *reason: NULL when bid i meets every requirement. */
static tc_status compliance(scoring *c, size_t i, char **reason)
{
    *reason = NULL;
    if (!c->r->platforms[i].covered)
        return coverage_reason(c, i, reason);
    const tc_analysis *a = &c->s->analysis;
    for (size_t k = 0; k < a->n_requirements; k++) {
        if (a->requirements[k].metric == TC_METRIC_MEETS_SLO)
            continue;   /* covered, checked above */
        tc_status st = check_bound(c, i, k, reason);
        if (st != TC_OK)
            return st;
    }
    return TC_OK;
}

static tc_status resolve_criteria(scoring *c)
{
    double sum = 0;
    for (size_t k = 0; k < c->nc; k++) {
        const tc_criterion *q = &c->crit[k];
        tc_better better = q->better == TC_BETTER_DEFAULT ? tc_metric_terms[q->metric].better : q->better;
        c->lower[k] = better == TC_BETTER_LOWER;
        if (!(q->weight >= 0))
            return def_error(c, "criteria", k, q->line, q->col, "weight must be 0 or more");
        sum += q->weight;
    }
    if (c->nc && !(sum > 0)) {
        const tc_criterion *q = &c->crit[0];
        return def_error(c, "criteria", 0, q->line, q->col, "weights must not all be 0");
    }
    for (size_t k = 0; k < c->nc; k++)
        c->weight[k] = c->crit[k].weight / sum;
    return TC_OK;
}

/* The criterion values of compliant bid i; errors name the criterion. */
static tc_status criterion_values(scoring *c, size_t i)
{
    const tc_platform *p = &c->s->platforms[i];
    for (size_t k = 0; k < c->nc; k++) {
        const tc_criterion *q = &c->crit[k];
        const char *name = tc_metric_terms[q->metric].name;
        double v = tc_scoring_metric(c->r, i, q->metric, c->lower[k]);
        if (isnan(v))
            return def_error(c, "criteria", k, q->line, q->col,
                             "%s does not apply to bid %s (%s pricing)", name, p->id,
                             tc_pricing_terms[p->pricing.kind].name);
        if (!(v > 0))
            return def_error(c, "criteria", k, q->line, q->col,
                             "%s of bid %s is %.6g: ratio scoring needs values above 0",
                             name, p->id, v);
        c->value[i * c->nc + k] = v;
    }
    return TC_OK;
}

/* Scores of the compliant bids (reason NULL) into sc[i]. */
static void normalise(scoring *c, tc_score *sc, size_t np)
{
    for (size_t k = 0; k < c->nc; k++) {
        double best = NAN;
        for (size_t i = 0; i < np; i++) {
            double v = c->value[i * c->nc + k];
            if (!sc[i].reason && (isnan(best) || (c->lower[k] ? v < best : v > best)))
                best = v;
        }
        for (size_t i = 0; i < np; i++) {
            double v = c->value[i * c->nc + k];
            double s = c->lower[k] ? 100 * best / v : 100 * v / best;
            sc[i].criterion_scores[k] = sc[i].reason ? NAN : s;
            sc[i].score += sc[i].reason ? 0 : c->weight[k] * s;
        }
    }
    for (size_t i = 0; i < np; i++)
        if (sc[i].reason)
            sc[i].score = NAN;
}

/* Compliant first by score descending (platform order on ties), then the
 * non-compliant in platform order; ranks 1.. for the compliant. */
static void order(tc_score *sc, size_t np)
{
    for (size_t i = 1; i < np; i++) {
        tc_score x = sc[i];
        size_t j = i;
        for (; j > 0; j--) {
            const tc_score *p = &sc[j - 1];
            int before = x.reason ? 0 : p->reason ? 1 : x.score > p->score;
            if (!before)
                break;
            sc[j] = sc[j - 1];
        }
        sc[j] = x;
    }
    for (size_t i = 0; i < np; i++)
        sc[i].rank = sc[i].reason ? 0 : (int)i + 1;
}

/* A requirement a covered bid has no value for is a warning, not a
 * failure: an api bid draws no site power, so facility_mw cannot exceed. */
static tc_status warn_unchecked(scoring *c)
{
    const tc_analysis *a = &c->s->analysis;
    tc_status st = TC_OK;
    for (size_t i = 0; i < c->s->n_platforms; i++)
        for (size_t k = 0; st == TC_OK && k < a->n_requirements; k++) {
            const tc_requirement *q = &a->requirements[k];
            if (!c->r->platforms[i].covered || q->metric == TC_METRIC_MEETS_SLO)
                continue;
            if (isnan(tc_scoring_metric(c->r, i, q->metric, q->has_max)))
                st = tc_results_warn(c->r, "the scoring requirement on %s does not apply to %s: "
                                     "not checked", tc_metric_terms[q->metric].label,
                                     c->s->platforms[i].id);
        }
    return st;
}

static tc_status score_all(scoring *c, tc_scoring *x)
{
    size_t np = c->s->n_platforms;
    tc_status st = resolve_criteria(c);
    for (size_t i = 0; st == TC_OK && i < np; i++) {
        tc_score *sc = &x->scores[i];
        sc->platform = i;
        sc->criterion_scores = calloc(c->nc ? c->nc : 1, sizeof *sc->criterion_scores);
        x->n_scores = i + 1;
        st = sc->criterion_scores ? compliance(c, i, &sc->reason) : TC_ERR_NOMEM;
        if (st == TC_OK && !sc->reason)
            st = criterion_values(c, i);
    }
    if (st == TC_OK) {
        normalise(c, x->scores, np);
        order(x->scores, np);
        st = warn_unchecked(c);
    }
    return st;
}

tc_status tc_scoring_run(const tc_scenario *s, tc_results *r,
                         tc_scoring **out, tc_diags *d)
{
    size_t np = s->n_platforms, nc = s->analysis.n_criteria;
    scoring c = {s, r, d, s->analysis.criteria, nc, NULL, NULL, NULL};
    c.lower = calloc(nc ? nc : 1, sizeof *c.lower);
    c.weight = calloc(nc ? nc : 1, sizeof *c.weight);
    c.value = calloc(np * nc > 0 ? np * nc : 1, sizeof *c.value);
    tc_scoring *x = calloc(1, sizeof *x);
    if (x)
        x->scores = calloc(np ? np : 1, sizeof *x->scores);
    tc_status st = c.lower && c.weight && c.value && x && x->scores ? TC_OK : TC_ERR_NOMEM;
    if (st == TC_OK)
        st = score_all(&c, x);
    free(c.lower);
    free(c.weight);
    free(c.value);
    if (st != TC_OK) {
        tc_scoring_free(x);
        x = NULL;
    }
    *out = x;
    return st;
}
