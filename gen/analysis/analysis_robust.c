/* Robustness (METHOD.md "decision"): for each lever of the covered bids,
 * the nearest value within its valid range at which another bid has the
 * lowest LCOT. Each direction is walked outward on a fixed ladder of steps
 * (1%, 2%, 5% ... of the point estimate, or of 1 when it is 0) until the
 * winner changes, then the crossing is bisected on the full evaluation
 * (fleet rounding included) to 1e-6 relative; whole-number inputs step by
 * one. A crossing narrower than a ladder step can be stepped over: the
 * ladder is the price of a bounded number of evaluations. */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tc_analysis.h"
#include "tc_plan.h"

#define REL_TOL 1e-6
#define ABS_TOL 1e-12   /* for crossings at 0 */

static const double ladder[] = {0.01, 0.02, 0.05, 0.1, 0.2, 0.35, 0.5, 0.75, 1, 1.5, 2, 3, 5,
                                10, 20, 50, 100, 1e3, 1e4, 1e6, 1e9, 1e12};

/* What a probe evaluates. A bid's LCOT reads the scenario and its own
 * inputs only, so a lever of one bid re-evaluates that bid alone against
 * the others' LCOT at the point estimates, and a scenario lever every bid
 * at once, on the lean path (tc_plan: tc_eval's doubles); whole-number
 * inputs, which are no tc_num, on tc_eval. Winner and ties as eval.c's
 * ranking decides them (300 bids x 4 workloads: a render of 53 s took 5 s). */
typedef struct {
    tc_plan *plan;          /* over ls->copy, varying the levers' inputs */
    double *base;           /* each bid's LCOT at the point estimates */
    double *lcot;           /* one evaluation of every bid */
    size_t first[2];        /* the base's two first bids (first[1]: none with one bid) */
} judge;

typedef struct {
    tc_lever_set *ls;
    const tc_lever *l;
    size_t winner;          /* index into ls->copy's platforms */
    judge *j;
} search;

/* eval.c's ranking order: a number before NAN, the lower LCOT, then the
 * lower index. */
static int before(double x, size_t i, double y, size_t k)
{
    if (isnan(x) || isnan(y))
        return isnan(y) && (!isnan(x) || i < k);
    return x < y || (x == y && i < k);
}

static size_t first_of(const double *v, size_t n, size_t skip)
{
    size_t best = n;
    for (size_t i = 0; i < n; i++)
        if (i != skip && (best == n || before(v[i], i, v[best], best)))
            best = i;
    return best;
}

/* The numbers the levers move (a curve lever: every throughput point of its
 * bid), for the plan: what none moves (the brackets of the curves at the
 * SLOs) is resolved once. NULL when out of memory. */
static const tc_num **lever_nums(const tc_lever_set *ls, size_t *n)
{
    const tc_inputs *t = ls->inputs;
    const tc_num **v = malloc((t->n ? t->n : 1) * sizeof *v);
    *n = 0;
    for (size_t k = 0; v && k < ls->n; k++) {
        const tc_lever *l = &ls->levers[k];
        for (size_t i = l->item; i < t->n && t->items[i].platform == l->platform; i++) {
            if (i > l->item && !l->curve)
                break;
            if (t->items[i].num && (!l->curve || t->items[i].kind == TC_IN_POINT_THROUGHPUT))
                v[(*n)++] = t->items[i].num;
        }
    }
    return v;
}

static tc_status judge_new(judge *j, const tc_lever_set *ls)
{
    size_t n = ls->copy->n_platforms, n_vary = 0;
    *j = (judge){0};
    j->base = malloc(n * sizeof *j->base);
    j->lcot = malloc(n * sizeof *j->lcot);
    const tc_num **vary = lever_nums(ls, &n_vary);
    tc_status st = j->base && j->lcot && vary
                   ? tc_plan_new(ls->copy, vary, n_vary, &j->plan) : TC_ERR_NOMEM;
    free(vary);
    if (st != TC_OK)
        return st;
    tc_plan_eval(j->plan, j->base, NULL);
    j->first[0] = first_of(j->base, n, n);
    j->first[1] = first_of(j->base, n, j->first[0]);
    return TC_OK;
}

static void judge_free(judge *j)
{
    tc_plan_free(j->plan);
    free(j->base);
    free(j->lcot);
}

/* Whole-number inputs: tc_eval of the copy, or of bid p alone (p >= 0). */
static tc_status eval_lcot(const tc_scenario *c, int p, double *out)
{
    tc_scenario one = *c;
    if (p >= 0) {
        one.platforms = &c->platforms[p];
        one.n_platforms = 1;
        one.baseline = one.platforms->id;
    }
    tc_results *res = NULL;
    tc_status st = tc_eval(&one, &res);
    for (size_t i = 0; st == TC_OK && i < one.n_platforms; i++)
        out[i] = res->platforms[i].covered ? res->platforms[i].levelized_cost_per_m_tokens : NAN;
    tc_results_free(res);
    return st;
}

/* The winner of the modified copy (an index of its platforms). */
static tc_status winner_of(const search *q, size_t *winner, int *has)
{
    judge *j = q->j;
    size_t n = q->ls->copy->n_platforms;
    int num = q->ls->inputs->items[q->l->item].num != NULL, p = q->l->platform;
    double v = NAN;
    tc_status st = TC_OK;
    if (p < 0 && num)
        tc_plan_eval(j->plan, j->lcot, NULL);
    else if (p < 0)
        st = eval_lcot(q->ls->copy, -1, j->lcot);
    else if (num)
        v = tc_plan_eval_one(j->plan, (size_t)p);
    else
        st = eval_lcot(q->ls->copy, p, &v);
    if (p < 0) {
        *winner = first_of(j->lcot, n, n);
    } else {
        size_t other = j->first[j->first[0] == (size_t)p];
        *winner = other == n || before(v, (size_t)p, j->base[other], other) ? (size_t)p : other;
    }
    *has = *winner < n && isfinite(p < 0 ? j->lcot[*winner]
                                   : *winner == (size_t)p ? v : j->base[*winner]);
    return st;
}

/* *other: 1 when at x some other bid wins (*who). */
static tc_status probe(search *q, double x, int *other, size_t *who)
{
    int has = 0;
    tc_lever_set_value(q->ls, q->l, x);
    tc_status st = winner_of(q, who, &has);
    tc_lever_set_value(q->ls, q->l, q->l->point);
    *other = st == TC_OK && has && *who != q->winner;
    return st;
}

/* a: the winner holds, b: *who wins; narrows to REL_TOL, returns b's end. */
static tc_status bisect(search *q, double a, double b, double *at, size_t *who)
{
    tc_status st = TC_OK;
    for (int i = 0; i < 200 && st == TC_OK; i++) {
        double gap = fabs(b - a);
        if (gap <= REL_TOL * fmax(fabs(a), fabs(b)) || gap <= ABS_TOL)
            break;
        double m = a + (b - a) / 2;
        int other = 0;
        size_t w = 0;
        st = probe(q, m, &other, &w);
        if (other) {
            b = m;
            *who = w;
        } else {
            a = m;
        }
    }
    *at = b;
    return st;
}

/* The next ladder value from the point in direction dir, inside the range;
 * *last when it is the range's end. */
static double rung(const search *q, const tc_input_info *inf, int dir, size_t k, int *last)
{
    double p = q->l->point, scale = p != 0 ? fabs(p) : 1;
    if (inf->integer)
        return p + dir * (double)(k + 1);
    double x = p + dir * ladder[k] * scale;
    double lo = q->l->curve ? 0 : inf->lo, hi = q->l->curve ? DBL_MAX : inf->hi;
    int lo_open = q->l->curve ? 1 : inf->lo_open, hi_open = q->l->curve ? 0 : inf->hi_open;
    *last = k + 1 == sizeof ladder / sizeof *ladder;
    if (dir < 0 && x <= lo) {
        *last = 1;
        x = lo_open ? lo + (p - lo) * 1e-3 : lo;
    } else if (dir > 0 && x >= hi) {
        *last = 1;
        x = hi_open ? hi - (hi - p) * 1e-3 : hi;
    }
    return x;
}

/* The nearest crossing in direction dir: *found 0 when none in range. */
static tc_status walk(search *q, int dir, int *found, double *at, size_t *who)
{
    const tc_input_info *inf = tc_input_info_of(q->l->kind);
    double prev = q->l->point;
    size_t steps = inf->integer ? (size_t)(inf->hi - inf->lo) : sizeof ladder / sizeof *ladder;
    *found = 0;
    for (size_t k = 0; k < steps; k++) {
        int last = 0, other = 0;
        double x = rung(q, inf, dir, k, &last);
        if (inf->integer && !tc_input_in_range(q->l->kind, x))
            break;
        if (x == prev || !isfinite(x))
            break;
        tc_status st = probe(q, x, &other, who);
        if (st != TC_OK)
            return st;
        if (other) {
            *found = 1;
            if (inf->integer) {
                *at = x;
                return TC_OK;
            }
            return bisect(q, prev, x, at, who);
        }
        prev = x;
        if (last)
            break;
    }
    return TC_OK;
}

/* |change| ascending, changes that are not numbers last; stable, and two
 * changes within the bisection's tolerance are a tie (input order kept:
 * the scenario's inputs first), so noise never decides the order. */
static int closer(const tc_flip *a, const tc_flip *b)
{
    if (isnan(b->change))
        return !isnan(a->change);
    return !isnan(a->change) && fabs(a->change) < fabs(b->change) * (1 - 4 * REL_TOL);
}

static void sort_flips(tc_flip *f, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        tc_flip x = f[i];
        size_t j = i;
        for (; j > 0 && closer(&x, &f[j - 1]); j--)
            f[j] = f[j - 1];
        f[j] = x;
    }
}

typedef struct {
    const tc_results *r;
    const size_t *keep;     /* copy index -> scenario index */
    tc_robustness *x;
} run_ctx;

static tc_status record(run_ctx *c, tc_lever_set *ls, const tc_lever *l, int found,
                        double at, size_t who)
{
    char *key = tc_lever_key(ls, l);
    if (!key)
        return TC_ERR_NOMEM;
    tc_robustness *x = c->x;
    int pi = l->platform < 0 ? -1 : (int)c->keep[l->platform];
    if (!found) {
        x->holds[x->n_holds++] = (tc_hold){key, l->kind, pi};
        return TC_OK;
    }
    double point = l->curve ? c->r->platforms[pi].tokens_per_s_per_gpu : l->point;
    double value = l->curve ? point * at : at;
    double change = l->curve ? at - 1 : l->point != 0 ? (at - l->point) / l->point : NAN;
    x->flips[x->n_flips++] = (tc_flip){ .key = key, .kind = l->kind, .platform = pi,
                                        .point = point, .value = value, .change = change,
                                        .winner_then = c->keep[who] };
    return TC_OK;
}

/* Both directions of lever l; the nearer crossing is kept. */
static tc_status one_lever(run_ctx *c, tc_lever_set *ls, judge *j, const tc_lever *l,
                           size_t winner)
{
    search q = {ls, l, winner, j};
    int f_dn = 0, f_up = 0;
    double a_dn = 0, a_up = 0;
    size_t w_dn = 0, w_up = 0;
    tc_status st = walk(&q, -1, &f_dn, &a_dn, &w_dn);
    if (st == TC_OK)
        st = walk(&q, 1, &f_up, &a_up, &w_up);
    if (st != TC_OK)
        return st;
    int up = f_up && (!f_dn || fabs(a_up - l->point) < fabs(a_dn - l->point));
    return record(c, ls, l, f_dn || f_up, up ? a_up : a_dn, up ? w_up : w_dn);
}

static tc_status run_levers(run_ctx *c, tc_lever_set *ls, size_t winner)
{
    c->x->flips = calloc(ls->n ? ls->n : 1, sizeof *c->x->flips);
    c->x->holds = calloc(ls->n ? ls->n : 1, sizeof *c->x->holds);
    if (!c->x->flips || !c->x->holds)
        return TC_ERR_NOMEM;
    judge j;
    tc_status st = judge_new(&j, ls);
    for (size_t i = 0; i < ls->n && st == TC_OK; i++)
        st = one_lever(c, ls, &j, &ls->levers[i], winner);
    judge_free(&j);
    if (st == TC_OK)
        sort_flips(c->x->flips, c->x->n_flips);
    return st;
}

/* The covered bids in scenario order; *winner their index of r's winner. */
static size_t *covered(const tc_results *r, size_t *n, size_t *winner)
{
    size_t np = r->scenario->n_platforms;
    size_t *keep = malloc((np ? np : 1) * sizeof *keep);
    *n = 0;
    for (size_t i = 0; keep && i < np; i++) {
        if (!r->platforms[i].covered)
            continue;
        if (i == r->decision.winner)
            *winner = *n;
        keep[(*n)++] = i;
    }
    return keep;
}

tc_status tc_robustness_run(const tc_scenario *s, const tc_results *r,
                            tc_robustness **out, char *err, size_t n)
{
    *out = NULL;
    if (!r->decision.has_runner_up)
        return TC_OK;
    size_t n_keep = 0, winner = 0;
    run_ctx c = {r, covered(r, &n_keep, &winner), calloc(1, sizeof *c.x)};
    tc_lever_set *ls = c.keep && c.x ? tc_levers_new(s, c.keep, n_keep) : NULL;
    tc_status st = ls ? run_levers(&c, ls, winner) : TC_ERR_NOMEM;
    tc_levers_free(ls);
    free((void *)c.keep);
    if (st != TC_OK) {
        tc_robustness_free(c.x);
        if (n)
            snprintf(err, n, "robustness: %s", tc_strerror(st));
        return st;
    }
    *out = c.x;
    return TC_OK;
}
