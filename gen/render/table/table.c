/* The terminal view of one evaluation (tokcost eval): the headline table in
 * the seed table's shape, costs per workload, the claims check, warnings.
 * Two platforms read best side by side with a relative column (the seed
 * table); more read best as a row per platform, so the table turns. */
#include "tc_table.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tc_diag.h"
#include "tc_format.h"
#include "table_grid.h"

/* How a metric is shown: money, or a count, in the board rounding the
 * report uses (tc_format.h); PFLOPS per money-hour with three decimals. */
typedef enum { SHOW_MONEY, SHOW_PFLOPS, SHOW_COUNT } show_kind;

static char *show(char *buf, size_t n, show_kind k, double v, const char *cur)
{
    if (!isfinite(v))
        return strcpy(buf, "n/a");
    if (k == SHOW_MONEY)
        return tc_fmt_board_money(buf, n, v, cur);
    if (k == SHOW_PFLOPS)
        return tc_fmt_num(buf, n, v, 3);
    if (fabs(v) < 100 && v != round(v))
        return tc_fmt_num(buf, n, v, 1);
    return tc_fmt_board_count(buf, n, v);
}

typedef struct {
    const char *label, *head;   /* row label (two platforms), column head (more) */
    show_kind kind;
    size_t offset;              /* of the double in tc_platform_result */
} metric;

static const metric metrics[] = {
    {"cost per GPU-hour", "cost/GPU-h", SHOW_MONEY, offsetof(tc_platform_result, cost_per_gpu_hour)},
    {"PFLOPS per %s-hour", "PFLOPS/%s-h", SHOW_PFLOPS, offsetof(tc_platform_result, pflops_per_dollar_hour)},
    {"tokens/s per GPU", "tok/s/GPU", SHOW_COUNT, offsetof(tc_platform_result, tokens_per_s_per_gpu)},
    {"tokens/s per MW", "tok/s/MW", SHOW_COUNT, offsetof(tc_platform_result, tokens_per_s_per_mw)},
    {"cost per million tokens", "cost/M tok", SHOW_MONEY, offsetof(tc_platform_result, cost_per_m_tokens)},
    {"LCOT per million tokens", "LCOT/M tok", SHOW_MONEY, offsetof(tc_platform_result, levelized_cost_per_m_tokens)},
    {"TCO, NPV", "TCO NPV", SHOW_MONEY, offsetof(tc_platform_result, tco_npv)},
};
#define N_METRICS (sizeof metrics / sizeof metrics[0])

/* A label with the scenario's currency in place of %s ("PFLOPS per €-hour"). */
static void money_label(char *cell, const char *label, const char *cur)
{
    const char *sym = tc_currency_symbol(cur);
    if (strstr(label, "%s"))
        snprintf(cell, TC_GRID_CELL, label, sym ? sym : cur);
    else
        snprintf(cell, TC_GRID_CELL, "%s", label);
}

static double value_of(const tc_platform_result *p, const metric *m)
{
    return *(const double *)((const char *)p + m->offset);
}

/* Seed shape: a row per metric, a column per platform, and "relative":
 * the other platform over the baseline. */
static void table_pair(FILE *f, const tc_results *r, const char *cur)
{
    tc_grid g;
    if (tc_grid_init(&g, N_METRICS + 1, 4) != 0)
        return;
    size_t base = r->baseline, other = base == 0 ? 1 : 0;
    strcpy(tc_grid_at(&g, 0, 3), "relative");
    for (size_t c = 0; c < 2; c++)
        snprintf(tc_grid_at(&g, 0, c + 1), TC_GRID_CELL, "%s", r->scenario->platforms[c].id);
    for (size_t m = 0; m < N_METRICS; m++) {
        money_label(tc_grid_at(&g, m + 1, 0), metrics[m].label, cur);
        for (size_t c = 0; c < 2; c++)
            show(tc_grid_at(&g, m + 1, c + 1), TC_GRID_CELL, metrics[m].kind, value_of(&r->platforms[c], &metrics[m]), cur);
        tc_fmt_vs(tc_grid_at(&g, m + 1, 3), TC_GRID_CELL, value_of(&r->platforms[other], &metrics[m]),
                  value_of(&r->platforms[base], &metrics[m]));
    }
    tc_grid_print(f, &g, "");
    tc_grid_free(&g);
}

/* Any other count: a row per platform, the baseline marked, and its LCOT
 * relative to the baseline's. */
static void table_rows(FILE *f, const tc_results *r, const char *cur)
{
    size_t n = r->scenario->n_platforms;
    tc_grid g;
    if (tc_grid_init(&g, n + 1, N_METRICS + 3) != 0)
        return;
    const tc_platform_result *b = &r->platforms[r->baseline];
    g.left = 3u;
    strcpy(tc_grid_at(&g, 0, 0), "platform");
    strcpy(tc_grid_at(&g, 0, 1), "pricing");
    for (size_t m = 0; m < N_METRICS; m++)
        money_label(tc_grid_at(&g, 0, m + 2), metrics[m].head, cur);
    snprintf(tc_grid_at(&g, 0, N_METRICS + 2), TC_GRID_CELL, "LCOT vs %s", r->scenario->platforms[r->baseline].id);
    for (size_t i = 0; i < n; i++) {
        const tc_platform *in = &r->scenario->platforms[i];
        const tc_platform_result *p = &r->platforms[i];
        snprintf(tc_grid_at(&g, i + 1, 0), TC_GRID_CELL, "%s%s", in->id, i == r->baseline && n > 1 ? " *" : "");
        strcpy(tc_grid_at(&g, i + 1, 1), tc_pricing_terms[in->pricing.kind].name);
        for (size_t m = 0; m < N_METRICS; m++)
            show(tc_grid_at(&g, i + 1, m + 2), TC_GRID_CELL, metrics[m].kind, value_of(p, &metrics[m]), cur);
        tc_fmt_vs(tc_grid_at(&g, i + 1, N_METRICS + 2), TC_GRID_CELL,
                  p->levelized_cost_per_m_tokens, b->levelized_cost_per_m_tokens);
        if (i == r->baseline)
            strcpy(tc_grid_at(&g, i + 1, N_METRICS + 2), "baseline");
    }
    tc_grid_print(f, &g, "");
    if (n > 1)
        fprintf(f, "* baseline\n");
    tc_grid_free(&g);
}

static void print_escaped(FILE *f, const char *prefix, const char *s, const char *suffix)
{
    char *e = tc_escape(s, strlen(s), 200);
    fprintf(f, "%s%s%s", prefix, e ? e : "?", suffix);
    free(e);
}

static void heading(FILE *f, const tc_results *r)
{
    const tc_scenario *s = r->scenario;
    print_escaped(f, "", s->title ? s->title : "", "\n");
    fprintf(f, "%s, %s tokens, %d-year horizon, baseline %s\n\n", s->currency,
            tc_basis_terms[s->token_basis].short_label,
            s->horizon_years, s->platforms[r->baseline].id);
    for (size_t i = 0; i < s->n_overrides; i++)
        print_escaped(f, "WHAT-IF, not the scenario as filed: ", s->overrides[i], "\n");
    if (s->n_overrides)
        fputc('\n', f);
    for (size_t i = 0; i < s->n_platforms; i++) {
        fprintf(f, "  %-12s ", s->platforms[i].id);
        print_escaped(f, "", s->platforms[i].name ? s->platforms[i].name : "", "");
        if (s->platforms[i].vendor)
            print_escaped(f, " - ", s->platforms[i].vendor, "");
        fputc('\n', f);
    }
    fputc('\n', f);
}

static void workload_section(FILE *f, const tc_results *r, const char *cur)
{
    const tc_scenario *s = r->scenario;
    tc_grid g;
    if (tc_grid_init(&g, s->n_platforms + 1, s->n_workloads + 1) != 0)
        return;
    fprintf(f, "\nCost per million tokens by workload (year 1, throughput at the SLO in tok/s/GPU):\n");
    for (size_t w = 0; w < s->n_workloads; w++) {
        const tc_workload *wl = &s->workloads[w];
        if (wl->min_interactivity.given)
            snprintf(tc_grid_at(&g, 0, w + 1), TC_GRID_CELL, "%s (%.0f/%.0f, SLO %g tok/s)", wl->id, wl->isl,
                     wl->osl, wl->min_interactivity.value);
        else
            snprintf(tc_grid_at(&g, 0, w + 1), TC_GRID_CELL, "%s (%.0f/%.0f)", wl->id, wl->isl, wl->osl);
    }
    for (size_t i = 0; i < s->n_platforms; i++) {
        snprintf(tc_grid_at(&g, i + 1, 0), TC_GRID_CELL, "%s", s->platforms[i].id);
        for (size_t w = 0; w < s->n_workloads; w++) {
            const tc_wl_result *wr = &r->platforms[i].workloads[w];
            char money[40], tput[40];
            show(money, sizeof money, SHOW_MONEY, wr->cost_per_m_tokens, cur);
            show(tput, sizeof tput, SHOW_COUNT, wr->tokens_per_s_per_gpu, cur);
            if (!wr->covered)
                strcpy(tc_grid_at(&g, i + 1, w + 1), "not covered");
            else if (isfinite(wr->tokens_per_s_per_gpu))
                snprintf(tc_grid_at(&g, i + 1, w + 1), TC_GRID_CELL, "%s @ %s", money, tput);
            else
                snprintf(tc_grid_at(&g, i + 1, w + 1), TC_GRID_CELL, "%s", money);
        }
    }
    tc_grid_print(f, &g, "  ");
    tc_grid_free(&g);
    for (size_t i = 0; i < s->n_platforms; i++)
        for (size_t w = 0; w < s->n_workloads; w++)
            if (!r->platforms[i].workloads[w].covered)
                fprintf(f, "  %s does not cover %s: %s\n", s->platforms[i].id, s->workloads[w].id,
                        r->platforms[i].workloads[w].reason ? r->platforms[i].workloads[w].reason
                                                            : "no performance data");
}

static show_kind claim_kind(tc_claim_metric m)
{
    switch (m) {
    case TC_CLAIM_COST_PER_GPU_HOUR: return SHOW_MONEY;
    case TC_CLAIM_COST_PER_M_TOKENS:
    case TC_CLAIM_LCOT: return SHOW_MONEY;
    case TC_CLAIM_PFLOPS_PER_DOLLAR_HOUR: return SHOW_PFLOPS;
    default: return SHOW_COUNT;
    }
}

/* The claim as the vendor wrote it: as many decimals as its precision. */
static void show_claimed(char *buf, size_t n, const tc_claim *c, const char *cur)
{
    int dec = c->quantum > 0 && c->quantum < 1 ? (int)lround(-log10(c->quantum)) : 0;
    show_kind k = claim_kind(c->metric);
    if (k == SHOW_MONEY || k == SHOW_MONEY)
        tc_fmt_money(buf, n, c->value, dec, cur);
    else
        tc_fmt_num(buf, n, c->value, dec);
}

static void verdict(char *buf, size_t n, const tc_claim *c, const tc_claim_result *cr)
{
    if (!isfinite(cr->computed) || !isfinite(cr->deviation)) {
        snprintf(buf, n, "cannot be checked (no computed value)");
        return;
    }
    char gap[64];
    tc_fmt_gap(gap, sizeof gap, cr->deviation);
    double rounded = c->quantum > 0 ? round(cr->computed / c->quantum) * c->quantum : cr->computed;
    if (cr->consistent && fabs(rounded - c->value) <= 1e-9 * fmax(1.0, fabs(c->value)))
        snprintf(buf, n, "consistent at stated precision");
    else if (cr->consistent)
        snprintf(buf, n, "consistent: %s computed, within 1%%", gap);
    else
        snprintf(buf, n, "inconsistent: %s computed", gap);
}

static size_t count_claims(const tc_scenario *s)
{
    size_t n = 0;
    for (size_t i = 0; i < s->n_platforms; i++)
        n += s->platforms[i].n_claims;
    return n;
}

static void claims_section(FILE *f, const tc_results *r, const char *cur)
{
    const tc_scenario *s = r->scenario;
    size_t n = count_claims(s), row = 1;
    tc_grid g;
    if (n == 0 || tc_grid_init(&g, n + 1, 5) != 0)
        return;
    fprintf(f, "\nVendor claims (checked against the bid's own figures, never used):\n");
    const char *heads[] = {"platform", "metric", "claimed", "computed", "check"};
    g.left = 1u | 2u | 16u;
    for (size_t c = 0; c < 5; c++)
        strcpy(tc_grid_at(&g, 0, c), heads[c]);
    for (size_t i = 0; i < s->n_platforms; i++) {
        for (size_t k = 0; k < s->platforms[i].n_claims; k++, row++) {
            const tc_claim *c = &s->platforms[i].claims[k];
            const tc_claim_result *cr = &r->platforms[i].claims[k];
            snprintf(tc_grid_at(&g, row, 0), TC_GRID_CELL, "%s", s->platforms[i].id);
            snprintf(tc_grid_at(&g, row, 1), TC_GRID_CELL, "%s", tc_metric_terms[c->metric].name);
            show_claimed(tc_grid_at(&g, row, 2), TC_GRID_CELL, c, cur);
            show(tc_grid_at(&g, row, 3), TC_GRID_CELL, claim_kind(c->metric), cr->computed, cur);
            verdict(tc_grid_at(&g, row, 4), TC_GRID_CELL, c, cr);
        }
    }
    tc_grid_print(f, &g, "  ");
    tc_grid_free(&g);
}

void tc_table_print(FILE *f, const tc_results *r)
{
    const char *cur = r->scenario->currency;
    heading(f, r);
    if (r->scenario->n_platforms == 2)
        table_pair(f, r, cur);
    else
        table_rows(f, r, cur);
    tc_table_print_decision(f, r);
    workload_section(f, r, cur);
    claims_section(f, r, cur);
    tc_table_print_analysis(f, r);
    if (r->n_warnings)
        fputc('\n', f);
    for (size_t i = 0; i < r->n_warnings; i++)
        print_escaped(f, "warning: ", r->warnings[i], "\n");
}
