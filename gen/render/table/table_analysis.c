/* The analyses in the terminal view of tokcost eval: scoring, break-even,
 * Monte Carlo and the widest sensitivity rows, each only when present. */
#include "tc_table.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "table_grid.h"
#include "tc_format.h"

static const char *pid(const tc_results *r, size_t i)
{
    return r->scenario->platforms[i].id;
}

static void scoring_section(FILE *f, const tc_results *r)
{
    const tc_scoring *sc = r->scoring;
    const tc_analysis *an = &r->scenario->analysis;
    fprintf(f, "\nBid scoring (0-100, weights:");
    for (size_t c = 0; c < an->n_criteria; c++)
        fprintf(f, "%s %s %.0f%%", c ? "," : "", tc_metric_terms[an->criteria[c].metric].name, an->criteria[c].weight * 100);
    fprintf(f, "):\n");
    tc_grid g;
    if (tc_grid_init(&g, sc->n_scores + 1, 3) != 0)
        return;
    g.left = 2u;
    strcpy(tc_grid_at(&g, 0, 0), "rank");
    strcpy(tc_grid_at(&g, 0, 1), "platform");
    strcpy(tc_grid_at(&g, 0, 2), "score");
    for (size_t i = 0; i < sc->n_scores; i++) {
        const tc_score *s = &sc->scores[i];
        if (s->rank > 0)
            snprintf(tc_grid_at(&g, i + 1, 0), TC_GRID_CELL, "%d", s->rank);
        else
            strcpy(tc_grid_at(&g, i + 1, 0), "-");
        snprintf(tc_grid_at(&g, i + 1, 1), TC_GRID_CELL, "%s", pid(r, s->platform));
        if (s->rank > 0)
            tc_fmt_num(tc_grid_at(&g, i + 1, 2), TC_GRID_CELL, s->score, 1);
        else
            snprintf(tc_grid_at(&g, i + 1, 2), TC_GRID_CELL, "non-compliant: %.70s", s->reason);
    }
    tc_grid_print(f, &g, "  ");
    tc_grid_free(&g);
}

static void break_even_section(FILE *f, const tc_results *r)
{
    const char *cur = r->scenario->currency;
    fprintf(f, "\nBreak-even (where year-1 costs per million tokens are equal):\n");
    for (size_t i = 0; i < r->n_break_even; i++) {
        const tc_break_even *b = &r->break_even[i];
        char v[64];
        int util = strcmp(b->input, "utilization") == 0;
        if (isnan(b->value))
            snprintf(v, sizeof v, "%s", b->reason ? b->reason : "no crossing in range");
        else if (util)
            snprintf(v, sizeof v, "%.1f%%", b->value * 100);
        else
            tc_fmt_board_money(v, sizeof v, b->value, cur);
        fprintf(f, "  %s vs %s, %s: %s\n", pid(r, b->a), pid(r, b->b),
                util ? "utilization" : "electricity price per kWh", v);
    }
}

static void monte_carlo_section(FILE *f, const tc_results *r)
{
    const tc_monte_carlo *mc = r->monte_carlo;
    const char *cur = r->scenario->currency;
    char n[32];
    fprintf(f, "\nMonte Carlo (%s draws, seed %llu), LCOT per million tokens:\n",
            tc_fmt_num(n, sizeof n, (double)mc->samples, 0), mc->seed);
    size_t np = r->scenario->n_platforms;
    tc_grid g;
    if (tc_grid_init(&g, np + 1, 6) != 0)
        return;
    const char *head[] = {"platform", "P5", "P50", "P95", "mean", "cheapest"};
    for (size_t c = 0; c < 6; c++)
        strcpy(tc_grid_at(&g, 0, c), head[c]);
    for (size_t i = 0; i < np; i++) {
        const tc_quantiles *q = &mc->lcot[i];
        double v[] = {q->p5, q->p50, q->p95, q->mean};
        snprintf(tc_grid_at(&g, i + 1, 0), TC_GRID_CELL, "%s", pid(r, i));
        for (size_t c = 0; c < 4; c++)
            tc_fmt_board_money(tc_grid_at(&g, i + 1, c + 1), TC_GRID_CELL, v[c], cur);
        snprintf(tc_grid_at(&g, i + 1, 5), TC_GRID_CELL, "%.1f%%", mc->p_cheapest[i] * 100);
    }
    tc_grid_print(f, &g, "  ");
    tc_grid_free(&g);
}

/* The three widest tornado rows per platform: what moves LCOT most. */
static void sensitivity_section(FILE *f, const tc_results *r)
{
    const tc_sensitivity *se = r->sensitivity;
    const char *cur = r->scenario->currency;
    fprintf(f, "\nSensitivity (LCOT per million tokens with the input at -%.0f%% / +%.0f%%, widest first):\n",
            se->swing * 100, se->swing * 100);
    for (size_t i = 0; i < r->scenario->n_platforms; i++) {
        if (se->n_rows[i] == 0)
            continue;
        fprintf(f, "  %s:", pid(r, i));
        for (size_t k = 0; k < se->n_rows[i] && k < 3; k++) {
            char lo[48], hi[48];
            tc_fmt_board_money(lo, sizeof lo, se->rows[i][k].low, cur);
            tc_fmt_board_money(hi, sizeof hi, se->rows[i][k].high, cur);
            fprintf(f, "%s %s %s / %s", k ? ";" : "", se->rows[i][k].input, lo, hi);
        }
        fputc('\n', f);
    }
}

void tc_table_print_analysis(FILE *f, const tc_results *r)
{
    if (r->scoring)
        scoring_section(f, r);
    if (r->n_break_even)
        break_even_section(f, r);
    if (r->monte_carlo)
        monte_carlo_section(f, r);
    if (r->sensitivity)
        sensitivity_section(f, r);
}
