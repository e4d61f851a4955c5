/* Which bids a chart draws when there are too many to read (issue 19):
 * 1,000 bars or lines are one smear, and the crossings the cumulative
 * chart looks for cost the square of its lines. The pick and its
 * footnote are one rule for every chart but the throughput curves, which
 * have their own (chart_build_curves.c: panels as well as bids). */
#include "build_util.h"

#include "tc_format.h"

/* Marks i drawn when the chart may show it and has room. */
static void take(size_t i, const unsigned char *ok, unsigned char *in, size_t *m)
{
    if (ok[i] && !in[i] && *m < TC_CHART_BIDS) {
        in[i] = 1;
        (*m)++;
    }
}

tc_status tc_chart_pick(const tc_results *r, tc_chart *c, const unsigned char *ok, size_t *idx,
                        size_t *n_idx)
{
    size_t n = r->scenario->n_platforms, m = 0, n_ok = 0;
    for (size_t i = 0; i < n; i++)
        if (ok[i])
            idx[n_ok++] = i;
    *n_idx = n_ok;
    if (n_ok <= TC_CHART_BIDS)
        return TC_OK;
    unsigned char *in = tc_chart_alloc(c, n, 1);
    if (!in)
        return TC_ERR_NOMEM;
    take(r->baseline, ok, in, &m);
    for (size_t k = 0; k < r->n_ranking; k++)
        take(r->ranking[k], ok, in, &m);
    for (size_t i = 0; i < n; i++)
        take(i, ok, in, &m);
    m = 0;
    for (size_t i = 0; i < n; i++)
        if (in[i])
            idx[m++] = i;
    *n_idx = m;
    char of[32];
    const char *cut = tc_chart_str(c, "Shown: %zu of %s bids (the baseline and the lowest LCOT); "
                                   "results.json and the workbook hold every bid.",
                                   m, tc_fmt_num(of, sizeof of, (double)n_ok, 0));
    c->footnote = c->footnote ? tc_chart_str(c, "%s %s", c->footnote, cut) : cut;
    return c->footnote ? TC_OK : TC_ERR_NOMEM;
}
