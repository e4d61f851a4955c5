/* Sensitivity and MonteCarlo sheets, written only when the analysis ran
 * (their tc_results pointers are set). Their figures come from many full
 * re-evaluations of the scenario (search, sampling), which no cell formula
 * can repeat: they are the engine's values, and each sheet says so in its
 * first row. The Scoring sheet is live (xlsx_scoring.c). */
#include <math.h>
#include <stdio.h>

#include "xlsx.h"

const char xl_value_note[] = "Values computed at render time for the inputs as filed: editing "
    "the Inputs sheet does not change them (render again).";

/* Row 0: xl_value_note and why; row 1: the headers; data from row 2. */
static lxw_worksheet *sheet(xl_ctx *c, const char *name, const xl_col *cols, size_t n,
                            const char *why)
{
    char safe[32];
    xl_sheet_name(name, safe, sizeof safe);
    lxw_worksheet *ws = workbook_add_worksheet(c->wb, safe);
    if (!ws) {
        xl_fail(c, TC_ERR_RENDER, "workbook: cannot add sheet %s", safe);
        return NULL;
    }
    char first[600];
    snprintf(first, sizeof first, "%s %s", xl_value_note, why);
    xl_str(c, ws, 0, 0, first, c->f.note);
    for (size_t i = 0; i < n && xl_ok(c); i++) {
        xl_str(c, ws, 1, (lxw_col_t)i, cols[i].title, c->f.header);
        xl_check(c, worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i, cols[i].width, NULL),
                 "set column");
    }
    xl_check(c, worksheet_set_row(ws, 1, 30, NULL), "set row");
    worksheet_freeze_panes(ws, 2, 1);
    xl_page_setup(c, ws, safe);
    xl_check(c, worksheet_repeat_rows(ws, 0, 1), "repeat rows");
    return ws;
}

/* Break-even points below the tornado, from row r. */
static void break_even(xl_ctx *c, lxw_worksheet *ws, lxw_row_t r)
{
    static const char *const h[] = { "Platform A", "Platform B", "Input", "Value at break-even",
                                     "Note" };
    if (c->r->n_break_even == 0)
        return;
    xl_str(c, ws, r++, 0, "Break-even (year-1 cost per million tokens equal)", c->f.section);
    for (lxw_col_t k = 0; k < 5; k++)
        xl_str(c, ws, r, k, h[k], c->f.header);
    for (size_t k = 0; k < c->r->n_break_even; k++) {
        const tc_break_even *be = &c->r->break_even[k];
        r++;
        xl_str(c, ws, r, 0, c->s->platforms[be->a].id, c->f.text);
        xl_str(c, ws, r, 1, c->s->platforms[be->b].id, c->f.text);
        xl_str(c, ws, r, 2, be->input, c->f.text);
        xl_num(c, ws, r, 3, be->value, c->f.num4);
        xl_str(c, ws, r, 4, isnan(be->value) ? be->reason : NULL, c->f.text);
    }
}

static void sensitivity(xl_ctx *c)
{
    const tc_sensitivity *sv = c->r->sensitivity;
    char lo[64], hi[64];
    snprintf(lo, sizeof lo, "LCOT at -%.0f%% (%s)", sv->swing * 100, c->s->currency);
    snprintf(hi, sizeof hi, "LCOT at +%.0f%% (%s)", sv->swing * 100, c->s->currency);
    const xl_col cols[] = { { "Platform", 12 }, { "Input", 20 }, { lo, 16 }, { hi, 16 },
                            { "Width", 14 } };
    lxw_worksheet *ws = sheet(c, "Sensitivity", cols, 5, "Each input moved "
                              "by the swing, everything else held, LCOT recomputed in full (fleet "
                              "rounding included); widest first.");
    lxw_row_t r = 2;
    for (size_t i = 0; ws && i < c->s->n_platforms; i++)
        for (size_t k = 0; sv->rows && sv->rows[i] && k < sv->n_rows[i]; k++, r++) {
            const tc_tornado_row *t = &sv->rows[i][k];
            char a[16], b[16];
            lxw_rowcol_to_cell(a, r, 2);
            lxw_rowcol_to_cell(b, r, 3);
            xl_str(c, ws, r, 0, c->s->platforms[i].id, c->f.text);
            xl_str(c, ws, r, 1, t->input, c->f.text);
            xl_num(c, ws, r, 2, t->low, c->f.money4);
            xl_num(c, ws, r, 3, t->high, c->f.money4);
            xl_fx(c, ws, r, 4, c->f.money4, fabs(t->high - t->low), "=ABS(%s-%s)", b, a);
        }
    if (ws)
        break_even(c, ws, r + 1);
}

static void monte_carlo(xl_ctx *c)
{
    const tc_monte_carlo *mc = c->r->monte_carlo;
    const xl_col cols[] = { { "Platform", 12 }, { "LCOT P5", 12 }, { "LCOT P50", 12 },
        { "LCOT P95", 12 }, { "LCOT mean", 12 }, { "Cost per M tokens P5", 12 },
        { "Cost per M tokens P50", 12 }, { "Cost per M tokens P95", 12 },
        { "Cost per M tokens mean", 12 }, { "Share of draws cheapest", 12 } };
    char why[200];
    snprintf(why, sizeof why, "%ld draws, seed %llu.", mc->samples, mc->seed);
    lxw_worksheet *ws = sheet(c, "MonteCarlo", cols, 10, why);
    for (size_t i = 0; ws && i < c->s->n_platforms; i++) {
        lxw_row_t r = (lxw_row_t)(2 + i);
        xl_str(c, ws, r, 0, c->s->platforms[i].id, c->f.text);
        const tc_quantiles *q[2] = { &mc->lcot[i], &mc->cost_per_m[i] };
        for (int k = 0; k < 2; k++) {
            lxw_col_t o = (lxw_col_t)(1 + 4 * k);
            xl_num(c, ws, r, o, q[k]->p5, c->f.money4);
            xl_num(c, ws, r, o + 1, q[k]->p50, c->f.money4);
            xl_num(c, ws, r, o + 2, q[k]->p95, c->f.money4);
            xl_num(c, ws, r, o + 3, q[k]->mean, c->f.money4);
        }
        xl_num(c, ws, r, 9, mc->p_cheapest[i], c->f.pct);
    }
}

void xl_sheet_analysis(xl_ctx *c)
{
    if (xl_ok(c) && c->r->sensitivity)
        sensitivity(c);
    if (xl_ok(c) && c->r->monte_carlo)
        monte_carlo(c);
    if (xl_ok(c) && c->r->scoring)
        xl_sheet_scoring(c);
}
