/* The names tokcost writes under a scenario's folder. A render claims them
 * all, so that its commit removes any it did not write this time: a chart
 * whose analysis the scenario dropped, a format not asked for. A committee
 * must never find a chart or a workbook of an earlier run beside a new
 * report; files tokcost does not name are left alone. */
#include "outset_priv.h"

#include "tc_charts.h"

static const char *const fixed_names[] = {TC_OUT_JSON, TC_OUT_PDF, TC_OUT_XLSX};
#define N_FIXED (sizeof fixed_names / sizeof fixed_names[0])
#define N_NAMES (N_FIXED + 2 * TC_CHART_KIND_COUNT)

static tc_status claim_all(tc_outset *o)
{
    char charts[2 * TC_CHART_KIND_COUNT][96];
    const char *names[N_NAMES];
    size_t n = 0;
    for (size_t i = 0; i < N_FIXED; i++)
        names[n++] = fixed_names[i];
    for (int k = 0; k < TC_CHART_KIND_COUNT; k++)
        for (int svg = 0; svg < 2; svg++)
            names[n++] = tc_chart_file(k, svg, charts[2 * k + svg], sizeof charts[0]);
    return tc_outset_claim(o, names, n);
}

tc_status tc_render_commit(tc_outset *o)
{
    tc_status st = claim_all(o);
    return st == TC_OK ? tc_outset_commit(o) : st;
}

/* A set that writes nothing and claims every name: its commit is the sweep
 * (leftovers of dead runs) and leaves the folder as it was, or absent. */
void tc_render_sweep(const char *dir)
{
    tc_outset *o = tc_outset_new(dir, NULL, 0);
    if (o && claim_all(o) == TC_OK)
        tc_outset_sweep_only(o);
    tc_outset_free(o);
}
