/* The decision in the terminal view of tokcost eval: winner and runner-up,
 * the three closest flips and the caveats, in the wording of tc_decision.h. */
#include "tc_table.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tc_decision.h"
#include "tc_diag.h"
#include "tc_format.h"

#define CLOSEST 3

/* Input text (bid names) is escaped: a terminal never gets raw controls. */
static void line(FILE *f, const char *prefix, const char *s)
{
    char *e = tc_escape(s, strlen(s), 400);
    fprintf(f, "%s%s\n", prefix, e ? e : "?");
    free(e);
}

static void winner_line(FILE *f, const tc_results *r)
{
    const tc_decision *d = &r->decision;
    const tc_scenario *s = r->scenario;
    char npv[48], more[64], ratio[48];
    if (!d->has_runner_up) {
        fprintf(f, "\nDecision: %s wins, the only bid that serves every workload\n",
                s->platforms[d->winner].id);
        return;
    }
    tc_fmt_board_money(npv, sizeof npv, d->npv_difference, s->currency);
    /* four decimals of a ratio near 1, none past 10,000 (no false digits) */
    tc_fmt_num(ratio, sizeof ratio, d->lcot_ratio,
               d->lcot_ratio < 10 ? 4 : d->lcot_ratio < 1e4 ? 2 : 0);
    fprintf(f, "\nDecision: %s wins; the runner-up %s costs %s per token (LCOT %sx, "
            "TCO NPV %s more)\n", s->platforms[d->winner].id, s->platforms[d->runner_up].id,
            tc_fmt_more(more, sizeof more, d->lcot_ratio), ratio, npv);
}

static void flips(FILE *f, const tc_results *r)
{
    const tc_robustness *x = r->robustness;
    if (!x)
        return;
    fprintf(f, "What would change it (closest of %zu inputs that flip it; %zu hold):\n",
            x->n_flips, x->n_holds);
    for (size_t i = 0; i < x->n_flips && i < CLOSEST; i++) {
        char text[1024];
        line(f, "  ", tc_flip_text(text, sizeof text, r, &x->flips[i]));
    }
    if (r->monte_carlo) {
        char n[32];
        fprintf(f, "  in %.1f%% of %s Monte Carlo draws %s stays the cheapest\n",
                r->monte_carlo->p_cheapest[r->decision.winner] * 100,
                tc_fmt_num(n, sizeof n, (double)r->monte_carlo->samples, 0),
                r->scenario->platforms[r->decision.winner].id);
    }
}

static void caveats(FILE *f, const tc_results *r)
{
    tc_caveats *c = tc_caveats_new(r);
    if (!c) {
        fprintf(f, "Caveats: not listed (out of memory)\n");
        return;
    }
    if (c->n)
        fprintf(f, "Caveats:\n");
    for (size_t i = 0; i < c->n; i++)
        line(f, "  - ", c->items[i].text);
    tc_caveats_free(c);
}

void tc_table_print_decision(FILE *f, const tc_results *r)
{
    if (!r->decision.has_winner)
        return;
    winner_line(f, r);
    flips(f, r);
    caveats(f, r);
}
