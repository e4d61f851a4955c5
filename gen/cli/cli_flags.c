/* What the committee will flag about one bid: the decision section's
 * caveats of that bid (tc_caveats_new, the same lines the report and eval
 * print), then what only a bid checked alone needs telling: a one-point
 * curve under an SLO, and requirements of the RFP it fails. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "tc_decision.h"

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

/* The caveats of bid i (or of every bid), but the lead over a runner-up:
 * a bid checked alone has none. */
static void caveat_flags(flag_list *l, const tc_results *r, size_t i)
{
    tc_caveats *cv = tc_caveats_new(r);
    if (!cv) {
        l->oom = 1;
        return;
    }
    for (size_t k = 0; k < cv->n; k++) {
        const tc_caveat *c = &cv->items[k];
        if (c->kind != TC_CAVEAT_NARROW_LEAD && (c->platform < 0 || (size_t)c->platform == i))
            add(l, "%s", c->text);
    }
    tc_caveats_free(cv);
}

static void one_point_flags(flag_list *l, const tc_platform_result *p, const tc_wl_result *w)
{
    const tc_workload *in = w->in;
    if (!w->covered || w->perf_index < 0 || !in->min_interactivity.given)
        return;
    if (p->in->perf[w->perf_index].n_points == 1)
        add(l, "workload %s: one point cannot show the throughput at its SLO of %g tokens/s "
            "per user (performance[%d] needs points on both sides of it)", in->id,
            in->min_interactivity.value, w->perf_index);
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
    caveat_flags(&l, r, i);
    for (size_t w = 0; w < r->scenario->n_workloads; w++)
        one_point_flags(&l, p, &p->workloads[w]);
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
