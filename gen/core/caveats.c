/* The caveats of a result (tc_decision.h): what a board should weigh
 * beside the recommendation, one line each. */
#include "tc_decision.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tc_format.h"

typedef struct {
    tc_caveats *c;
    size_t cap;
    int ok;
} list;

static void add(list *l, tc_caveat_kind kind, int platform, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void add(list *l, tc_caveat_kind kind, int platform, const char *fmt, ...)
{
    if (!l->ok)
        return;
    if (l->c->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 8;
        tc_caveat *grown = realloc(l->c->items, cap * sizeof *grown);
        if (!grown) {
            l->ok = 0;
            return;
        }
        l->c->items = grown;
        l->cap = cap;
    }
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int len = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *text = len >= 0 ? malloc((size_t)len + 1) : NULL;
    if (text)
        vsnprintf(text, (size_t)len + 1, fmt, ap2);
    va_end(ap2);
    if (!text) {
        l->ok = 0;
        return;
    }
    l->c->items[l->c->n++] = (tc_caveat){kind, platform, text};
}

static void narrow_lead(list *l, const tc_results *r)
{
    const tc_decision *d = &r->decision;
    if (!d->has_runner_up || !(d->lcot_ratio < 1 + TC_CAVEAT_LEAD))
        return;
    char pct[32];
    tc_fmt_num(pct, sizeof pct, (d->lcot_ratio - 1) * 100, 1);
    add(l, TC_CAVEAT_NARROW_LEAD, (int)d->winner,
        "%s leads the runner-up, %s, by only %s%% on levelized cost: a small change in the "
        "inputs can reverse the order", r->platforms[d->winner].in->name,
        r->platforms[d->runner_up].in->name, pct);
}

/* The weakest evidence of p's performance entries (TC_EVIDENCE_COUNT: none). */
static tc_evidence weakest(const tc_platform *p)
{
    tc_evidence w = TC_EVIDENCE_COUNT;
    for (size_t i = 0; i < p->n_perf; i++)
        if (p->perf[i].evidence != TC_EVIDENCE_MEASURED &&
            (w == TC_EVIDENCE_COUNT || p->perf[i].evidence > w))
            w = p->perf[i].evidence;
    return w;
}

/* How a kind reads after "is": the vendor's own figures are named so. */
static const char *evidence_words(tc_evidence e, int every)
{
    if (e == TC_EVIDENCE_VENDOR)
        return every ? "the vendors' own" : "the vendor's own";
    return tc_evidence_names[e];
}

/* One line per bid whose curves are not all measured; one line for all
 * when every GPU bid shares the same weakest kind. */
static void evidence(list *l, const tc_results *r)
{
    const tc_scenario *s = r->scenario;
    size_t n_gpu = 0, n_same = 0;
    tc_evidence first = TC_EVIDENCE_COUNT;
    for (size_t i = 0; i < s->n_platforms; i++) {
        if (s->platforms[i].n_perf == 0)
            continue;
        tc_evidence w = weakest(&s->platforms[i]);
        first = n_gpu++ ? first : w;
        n_same += w == first && w != TC_EVIDENCE_COUNT;
    }
    if (n_gpu > 1 && n_same == n_gpu) {
        add(l, TC_CAVEAT_EVIDENCE, -1, "The performance data of every bid is %s, not measured",
            evidence_words(first, 1));
        return;
    }
    for (size_t i = 0; i < s->n_platforms; i++) {
        tc_evidence w = s->platforms[i].n_perf ? weakest(&s->platforms[i]) : TC_EVIDENCE_COUNT;
        if (w != TC_EVIDENCE_COUNT)
            add(l, TC_CAVEAT_EVIDENCE, (int)i, "The performance data of %s is %s, not measured",
                s->platforms[i].name, evidence_words(w, 0));
    }
}

/* $0.966 (the board's 3 significant figures), 1,600,000, 0.9659. */
static void figure(char *buf, size_t n, double v, tc_claim_metric m, const char *cur)
{
    const char *unit = tc_metric_terms[m].unit;
    int money = unit && strncmp(unit, "CUR", 3) == 0;   /* in the scenario currency */
    if (money)
        tc_fmt_board_money(buf, n, v, cur);
    else if (fabs(v) >= 1000)
        tc_fmt_num(buf, n, v, 0);
    else
        snprintf(buf, n, "%.4g", v);
}

/* A metric's label inside a sentence: "cost per million tokens", "LCOT". */
static void in_sentence(char *buf, size_t n, tc_claim_metric m)
{
    snprintf(buf, n, "%s", tc_metric_terms[m].label);
    if (buf[0] >= 'A' && buf[0] <= 'Z' && !(buf[1] >= 'A' && buf[1] <= 'Z'))
        buf[0] = (char)(buf[0] - 'A' + 'a');
}

static void claims(list *l, const tc_results *r)
{
    for (size_t i = 0; i < r->scenario->n_platforms; i++) {
        const tc_platform_result *p = &r->platforms[i];
        for (size_t k = 0; p->claims && k < p->in->n_claims; k++) {
            const tc_claim_result *c = &p->claims[k];
            if (!(fabs(c->deviation) > TC_CAVEAT_CLAIM_OFF))
                continue;
            char pct[32], a[32], b[32], what[64];
            in_sentence(what, sizeof what, c->metric);
            figure(a, sizeof a, c->claimed, c->metric, r->scenario->currency);
            figure(b, sizeof b, c->computed, c->metric, r->scenario->currency);
            add(l, TC_CAVEAT_CLAIM, (int)i, "%s claims %s of %s, %s the %s computed from "
                "its own figures", p->in->name, what, a, tc_fmt_gap(pct, sizeof pct, c->deviation), b);
        }
    }
}

static void coverage(list *l, const tc_results *r)
{
    const tc_scenario *s = r->scenario;
    for (size_t i = 0; i < s->n_platforms; i++) {
        const tc_platform_result *p = &r->platforms[i];
        char names[512] = "";
        size_t used = 0, missed = 0;
        for (size_t w = 0; w < s->n_workloads; w++) {
            if (p->workloads[w].covered || used >= sizeof names)
                continue;
            used += (size_t)snprintf(names + used, sizeof names - used, "%s%s",
                                     missed++ ? ", " : "", s->workloads[w].name);
        }
        if (missed)
            add(l, TC_CAVEAT_COVERAGE, (int)i, "%s does not serve %s at %s service level",
                p->in->name, names, missed > 1 ? "their" : "its");
    }
}

static void site(list *l, const tc_results *r)
{
    for (size_t i = 0; i < r->scenario->n_platforms; i++) {
        const tc_platform_result *p = &r->platforms[i];
        if (p->site_fits != 0)
            continue;
        char mw[32];
        double v = r->scenario->site_power_mw.value;
        tc_fmt_num(mw, sizeof mw, v, v >= 10 ? 0 : v >= 1 ? 1 : 2);
        add(l, TC_CAVEAT_SITE, (int)i, "The fleet of %s does not fit the site's %s MW from "
            "year %d", p->in->name, mw, p->site_first_year_over);
    }
}

static void flat(list *l, const tc_results *r)
{
    const tc_scenario *s = r->scenario;
    for (size_t i = 0; i < s->n_platforms; i++) {
        for (size_t w = 0; w < s->n_workloads; w++) {
            const tc_wl_result *x = &r->platforms[i].workloads[w];
            if (x->how != TC_TPUT_FLAT || !(s->workloads[w].min_interactivity.value < x->x_lo))
                continue;
            add(l, TC_CAVEAT_FLAT, (int)i, "The %s service level (%.4g tokens/s per user) is "
                "below the first point of the curve of %s (%.4g): its throughput there is "
                "assumed flat", s->workloads[w].name, s->workloads[w].min_interactivity.value,
                s->platforms[i].name, x->x_lo);
        }
    }
}

tc_caveats *tc_caveats_new(const tc_results *r)
{
    list l = {calloc(1, sizeof *l.c), 0, 1};
    if (!l.c)
        return NULL;
    narrow_lead(&l, r);
    evidence(&l, r);
    claims(&l, r);
    coverage(&l, r);
    site(&l, r);
    flat(&l, r);
    if (!l.ok) {
        tc_caveats_free(l.c);
        return NULL;
    }
    return l.c;
}

void tc_caveats_free(tc_caveats *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n; i++)
        free(c->items[i].text);
    free(c->items);
    free(c);
}
