/* The schema of a scenario file's sections other than platforms:
 * scenario, assumptions, demand, workloads. (analysis: load_analysis.c) */
#include "load_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const k_top[] = {"scenario", "assumptions", "demand", "workloads",
                                    "platforms", "include", "analysis", NULL};
static const char *const k_scn[] = {"title", "subtitle", "prepared_for", "prepared_by", "date",
                                    "currency", "baseline", "token_basis", "paper", NULL};
static const char *const k_asm[] = {"horizon_years", "discount_rate", "utilization", "electricity",
                                    "pue", "facility_per_kw_month", "site_power_mw",
                                    "token_price_per_m", NULL};
static const char *const k_elec[] = {"price_per_kwh", "escalation", NULL};
static const char *const k_dem[] = {"tokens_per_day", "growth", NULL};
static const char *const k_wl[] = {"id", "name", "model", "isl", "osl", "share",
                                   "min_interactivity", NULL};
static const char *const paper_names[] = {"A4", "Letter", NULL};
/* where each mapping sits, for "belongs under" and "did you mean" */
const tc_ld_where tc_ld_where_scenario[] = {
    TC_LD_KEYS("", k_top),
    TC_LD_KEYS("scenario", k_scn),
    TC_LD_KEYS("assumptions", k_asm),
    TC_LD_KEYS("assumptions.electricity", k_elec),
    TC_LD_KEYS("demand", k_dem),
    TC_LD_KEYS("workloads[]", k_wl),
    TC_LD_WHERE_END,
};

/* Opens section key of root: its mapping (checked against keys), or NULL
 * when absent or not a mapping (then the section's defaults apply). */
static const tc_node *section(tc_ld *c, const tc_node *root, const char *key,
                              const char *const *keys, size_t *old)
{
    *old = tc_ld_push(c, key);
    const tc_node *n = tc_ld_get(root, key);
    if (n && !tc_ld_map(c, n, keys))
        n = NULL;
    return n;
}

static void ld_scenario_keys(tc_ld *c, const tc_node *root, tc_ld_scn *o)
{
    tc_scenario *s = o->s;
    size_t old;
    const tc_node *m = section(c, root, "scenario", k_scn, &old);
    int basis, paper;
    tc_ld_text_key(c, m, "title", TC_LD_REQUIRED, &s->title);
    tc_ld_text_key(c, m, "subtitle", TC_LD_OPTIONAL, &s->subtitle);
    tc_ld_text_key(c, m, "prepared_for", TC_LD_OPTIONAL, &s->prepared_for);
    tc_ld_text_key(c, m, "prepared_by", TC_LD_OPTIONAL, &s->prepared_by);
    tc_ld_date_key(c, m, "date", &s->date);
    tc_ld_currency_key(c, m, "currency", s->currency);
    o->baseline = tc_ld_get(m, "baseline");
    o->baseline_file = c->file;
    tc_ld_text_key(c, m, "baseline", TC_LD_OPTIONAL, &s->baseline);
    tc_ld_term_key(c, m, "token_basis", tc_basis_terms, TC_BASIS_COUNT, TC_BASIS_OUTPUT, &basis);
    tc_ld_enum_key(c, m, "paper", paper_names, TC_PAPER_A4, &paper);
    s->token_basis = (tc_basis)basis;
    s->paper = (tc_paper)paper;
    tc_ld_pop(c, old);
}

static void ld_assumptions(tc_ld *c, const tc_node *root, tc_scenario *s)
{
    size_t old, old2;
    double h;
    const tc_node *m = section(c, root, "assumptions", k_asm, &old);
    tc_ld_int_key(c, m, "horizon_years", TC_LD_IN(TC_IN_HORIZON_YEARS), TC_LD_DEFAULT, 5, &h);
    s->horizon_years = (int)h;
    tc_ld_num_key(c, m, "discount_rate", TC_LD_IN(TC_IN_DISCOUNT_RATE),
                  TC_LD_DEFAULT, 0.08, &s->discount_rate);
    tc_ld_num_key(c, m, "utilization", TC_LD_IN(TC_IN_UTILIZATION),
                  TC_LD_DEFAULT, 0.70, &s->utilization);
    const tc_node *e = section(c, m, "electricity", k_elec, &old2);
    tc_ld_num_key(c, e, "price_per_kwh", TC_LD_IN(TC_IN_PRICE_PER_KWH),
                  TC_LD_DEFAULT, 0.10, &s->price_per_kwh);
    tc_ld_num_key(c, e, "escalation", TC_LD_IN(TC_IN_ESCALATION), TC_LD_DEFAULT, 0, &s->escalation);
    tc_ld_pop(c, old2);
    tc_ld_num_key(c, m, "pue", TC_LD_IN(TC_IN_PUE), TC_LD_DEFAULT, 1.3, &s->pue);
    tc_ld_num_key(c, m, "facility_per_kw_month", TC_LD_IN(TC_IN_FACILITY_PER_KW_MONTH),
                  TC_LD_DEFAULT, 0,
                  &s->facility_per_kw_month);
    tc_ld_num_key(c, m, "site_power_mw", TC_LD_IN(TC_IN_SITE_POWER_MW),
                  TC_LD_OPTIONAL, 0, &s->site_power_mw);
    tc_ld_num_key(c, m, "token_price_per_m", TC_LD_IN(TC_IN_TOKEN_PRICE_PER_M),
                  TC_LD_OPTIONAL, 0, &s->token_price_per_m);
    tc_ld_pop(c, old);
}

static void ld_demand(tc_ld *c, const tc_node *root, tc_scenario *s)
{
    size_t old;
    const tc_node *m = section(c, root, "demand", k_dem, &old);
    tc_ld_num_key(c, m, "tokens_per_day", TC_LD_IN(TC_IN_TOKENS_PER_DAY),
                  TC_LD_REQUIRED, 0, &s->tokens_per_day);
    tc_ld_num_key(c, m, "growth", TC_LD_IN(TC_IN_GROWTH), TC_LD_DEFAULT, 0, &s->growth);
    tc_ld_pop(c, old);
}

static void ld_workload_id(tc_ld *c, const tc_node *m, tc_scenario *s, tc_workload *w,
                           tc_ld_ids *ids)
{
    if (!tc_ld_id_key(c, m, "id", &w->id))
        return;
    size_t j = 0;
    int seen = tc_ld_ids_add(ids, w->id, (size_t)(w - s->workloads), &j);
    if (seen < 0)
        c->oom = c->d->oom = 1;
    if (seen <= 0)
        return;
    size_t old = tc_ld_push(c, "id");
    tc_ld_err(c, tc_ld_get(m, "id"), "duplicate id \"%s\" (first at line %d)", w->id,
              s->workloads[j].line);
    tc_ld_pop(c, old);
}

/* Reads one workload; returns 1 when its share was read. */
static int ld_workload(tc_ld *c, const tc_node *m, tc_scenario *s, tc_workload *w,
                       tc_ld_ids *ids)
{
    w->line = m->line;
    w->col = m->col;
    if (!tc_ld_map(c, m, k_wl))
        return 0;
    ld_workload_id(c, m, s, w, ids);
    tc_ld_text_key(c, m, "name", TC_LD_OPTIONAL, &w->name);
    if (!w->name && w->id && !tc_ld_get(m, "name"))
        w->name = tc_ld_strdup(c, w->id, strlen(w->id));
    tc_ld_text_key(c, m, "model", TC_LD_REQUIRED, &w->model);
    tc_ld_int_key(c, m, "isl", TC_LD_IN(TC_IN_WL_ISL), TC_LD_REQUIRED, 0, &w->isl);
    tc_ld_int_key(c, m, "osl", TC_LD_IN(TC_IN_WL_OSL), TC_LD_REQUIRED, 0, &w->osl);
    tc_ld_num_key(c, m, "min_interactivity", TC_LD_IN(TC_IN_WL_MIN_INTERACTIVITY),
                  TC_LD_OPTIONAL, 0, &w->min_interactivity);
    return tc_ld_num_key(c, m, "share", TC_LD_IN(TC_IN_WL_SHARE), TC_LD_REQUIRED, 0, &w->share);
}

static void ld_workloads(tc_ld *c, const tc_node *root, tc_scenario *s)
{
    const tc_node *l = tc_ld_require(c, root, "workloads");
    size_t old = tc_ld_push(c, "workloads");
    int listed = l && tc_ld_seq(c, l);
    if (listed && l->n_kids > TC_LOAD_MAX_WORKLOADS) {  /* the scale test's bound (README) */
        tc_ld_err(c, l, "more than %u workloads (expected at most %u)",
                  (unsigned)TC_LOAD_MAX_WORKLOADS, (unsigned)TC_LOAD_MAX_WORKLOADS);
    } else if (listed) {
        if (l->n_kids == 0)
            tc_ld_err(c, l, "expected at least one workload");
        s->workloads = calloc(l->n_kids ? l->n_kids : 1, sizeof *s->workloads);
        if (!s->workloads) {
            c->oom = c->d->oom = 1;
            tc_ld_pop(c, old);
            return;
        }
        int shares_ok = 1;
        double sum = 0;
        tc_ld_ids ids = {0};
        for (size_t i = 0; i < l->n_kids; i++) {
            size_t o2 = tc_ld_push_item(c, l->kids[i], i);
            shares_ok &= ld_workload(c, l->kids[i], s, &s->workloads[i], &ids);
            sum += s->workloads[i].share.value;
            s->n_workloads++;
            tc_ld_pop(c, o2);
        }
        tc_ld_ids_free(&ids);
        if (shares_ok && l->n_kids && fabs(sum - 1.0) > 1e-6)
            tc_ld_err(c, l, "workload shares sum to %.10g (expected 1 within 1e-6)", sum);
    }
    tc_ld_pop(c, old);
}

void tc_ld_scenario(tc_ld *c, const tc_node *root, tc_ld_scn *o)
{
    if (!tc_ld_map(c, root, k_top))
        return;
    tc_ld_require(c, root, "scenario");
    tc_ld_require(c, root, "demand");
    ld_scenario_keys(c, root, o);
    ld_assumptions(c, root, o->s);
    ld_demand(c, root, o->s);
    ld_workloads(c, root, o->s);
    const tc_node *p = tc_ld_get(root, "platforms");
    if (p) {
        size_t old = tc_ld_push(c, "platforms");
        tc_ld_platforms(c, p, o->s);
        tc_ld_pop(c, old);
    }
    size_t old = tc_ld_push(c, "analysis");
    tc_ld_analysis(c, tc_ld_get(root, "analysis"), &o->s->analysis);
    tc_ld_pop(c, old);
}
