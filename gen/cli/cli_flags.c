/* What the committee will flag about one bid, computed from the results
 * alone. Stand-in for the decision section's caveats (issue 13): one
 * function, so that it can be replaced by them without touching its
 * callers (check --against and the bid sheet). */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define CLAIM_TOLERANCE 0.05    /* a claim off by more than this is flagged */

typedef struct {
    char **items;
    size_t n, cap;
    int oom;
} flag_list;

static void add(flag_list *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void add(flag_list *l, const char *fmt, ...)
{
    char buf[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 8;
        char **grown = realloc(l->items, cap * sizeof *grown);
        if (!grown) {
            l->oom = 1;
            return;
        }
        l->items = grown;
        l->cap = cap;
    }
    if (!(l->items[l->n] = strdup(buf)))
        l->oom = 1;
    else
        l->n++;
}

static void workload_flags(flag_list *l, const tc_platform_result *p, const tc_wl_result *w)
{
    const tc_workload *in = w->in;
    if (!w->covered) {
        add(l, "does not cover workload %s: %s", in->id, w->reason ? w->reason : "no data");
        return;
    }
    if (w->perf_index < 0)
        return;
    const tc_perf *e = &p->in->perf[w->perf_index];
    double slo = in->min_interactivity.value;
    if (e->evidence != TC_EVIDENCE_MEASURED)
        add(l, "workload %s rests on %s figures, not measured ones (performance[%d])", in->id,
            tc_evidence_names[e->evidence], w->perf_index);
    if (in->min_interactivity.given && e->n_points == 1)
        add(l, "workload %s: one point cannot show the throughput at its SLO of %g tokens/s "
            "per user (performance[%d] needs points on both sides of it)", in->id, slo,
            w->perf_index);
    else if (in->min_interactivity.given && w->how == TC_TPUT_FLAT && slo < w->x_lo)
        add(l, "workload %s: its SLO of %g tokens/s per user is below the curve's first point "
            "(%g): the throughput there is taken flat, not measured", in->id, slo, w->x_lo);
}

static void claim_flags(flag_list *l, const tc_platform_result *p)
{
    for (size_t k = 0; k < p->in->n_claims; k++) {
        const tc_claim_result *c = &p->claims[k];
        if (isfinite(c->deviation) && fabs(c->deviation) > CLAIM_TOLERANCE)
            add(l, "claim %s is %.1f%% %s the figure computed from the bid",
                tc_metric_terms[c->metric].name, fabs(c->deviation) * 100.0,
                c->deviation < 0 ? "below" : "above");
    }
}

static void scoring_flags(flag_list *l, const tc_results *r, size_t i)
{
    for (size_t k = 0; r->scoring && k < r->scoring->n_scores; k++) {
        const tc_score *sc = &r->scoring->scores[k];
        if (sc->platform == i && sc->reason)
            add(l, "fails a requirement of the RFP: %s", sc->reason);
    }
}

size_t cli_flags(const tc_results *r, size_t i, char ***out)
{
    flag_list l = {0};
    const tc_platform_result *p = &r->platforms[i];
    for (size_t w = 0; w < r->scenario->n_workloads; w++)
        workload_flags(&l, p, &p->workloads[w]);
    claim_flags(&l, p);
    scoring_flags(&l, r, i);
    if (l.oom) {
        cli_flags_free(l.items, l.n);
        *out = NULL;
        return (size_t)-1;
    }
    *out = l.items;
    return l.n;
}

void cli_flags_free(char **flags, size_t n)
{
    for (size_t i = 0; flags && i < n; i++)
        free(flags[i]);
    free(flags);
}
